import type { FormState } from '../../views/auth-pages';

/** Whether a form comes back with problems (the page title then starts with "Erreur :"). */
export const hasErrors = (s: FormState): boolean => Boolean(s.formError || (s.errors && Object.keys(s.errors).length > 0));
