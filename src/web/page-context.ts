import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale, Translate } from '../platform/i18n/catalogue';

/** What every page needs to render: the language, the signed-in person, the form token. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  dir: 'ltr' | 'rtl';
  /** Path and query of the current page, for the language switch's return. */
  path: string;
  csrfToken: string;
  requestId: string;
  user: { email: string; role: string; unreadNotifications: number } | null;
  /** A one-off message key from the previous action (e.g. "your e-mail was changed"). */
  flash: string | null;
  /** Values typed before a session expired, shown once instead of the saved ones. */
  draft: Record<string, string> | null;
  showDevLinks: boolean;
}

export const PageCtx = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const ctx = useContext(PageCtx);
  if (!ctx) throw new Error('usePage() outside of a page render');
  return ctx;
}
