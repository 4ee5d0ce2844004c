import { z } from 'zod';
import { roles } from '../../db/schema';
import { emailField, newPasswordField } from '../accounts/schemas';

/** How long an invitation link works: a week leaves time to start on a Monday after a holiday. */
export const INVITATION_DAYS = 7;

export const inviteForm = z.object({
  email: emailField,
  role: z.enum(roles, { error: 'agents.errors.role_required' }),
  // Only read for prefecture roles; the use case checks it exists.
  prefectureCode: z
    .string()
    .trim()
    .max(3)
    .optional()
    .transform((v) => (v ? v.toUpperCase() : null)),
});

/** Same rules as sign-up: Argon2id, at least 12 characters, no common password. */
export const acceptInvitationForm = z.object({ password: newPasswordField });

/** Links carry a 256-bit base64url token; anything else cannot be one. */
export const isInvitationToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
