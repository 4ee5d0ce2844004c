import { z } from 'zod';
import { isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/passwords';

/** E-mail addresses are compared lower-cased and trimmed. */
export const emailField = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .toLowerCase()
  .pipe(z.email({ error: 'validation.email' }));

export const newPasswordField = z
  .string()
  .min(1)
  .min(PASSWORD_MIN_LENGTH)
  .max(PASSWORD_MAX_LENGTH)
  .refine((p) => !isCommonPassword(p), { error: 'validation.password_common' });

/** A password being checked, not chosen: any length the form accepts. */
export const passwordField = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const sixDigitCode = z
  .string()
  .trim()
  .min(1)
  .regex(/^\d{6}$/, { error: 'validation.code_format' });

export const signUpForm = z.object({ email: emailField, password: newPasswordField });
export const confirmEmailForm = z.object({ email: emailField, code: sixDigitCode });
export const logInForm = z.object({ email: emailField, password: passwordField });
export const requestResetForm = z.object({ email: emailField });
export const resetPasswordForm = z.object({ email: emailField, code: sixDigitCode, password: newPasswordField });
