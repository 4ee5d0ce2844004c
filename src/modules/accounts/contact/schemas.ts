import { z } from 'zod';
import { emailField, passwordField } from '../schemas';

/** The new address and the current password: changing the login address needs a fresh proof of identity. */
export const changeEmailForm = z.object({ email: emailField, password: passwordField });

/**
 * A refinement rather than `.regex()`: `parseForm` shows a custom issue's own message, but
 * turns every format issue into the generic "format not valid".
 */
export const contactCodeForm = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^\d{6}$/.test(v), { error: 'validation.code_format' }),
});

/** Only the shape here; the number itself is read by `normalisePhoneNumber`, which explains what is wrong. */
export const changePhoneForm = z.object({ phone: z.string().trim().min(1).max(30) });
