import type { Db } from '../../../db/client';
import { isLocale } from '../../../platform/i18n/catalogue';
import type { Services } from '../../../services';

export type SecurityNotice = 'enabled' | 'disabled' | 'recovery_code_used' | 'recovery_codes_regenerated';

/**
 * Tells the person by e-mail that their second factor changed: if it was not them, they learn
 * it at once, with a link to the page where they can act.
 */
export async function queueSecurityNotice(tx: Db, services: Services, user: { email: string | null; locale: string }, notice: SecurityNotice, params: Record<string, string> = {}) {
  await services.mailer.queue(tx, user.email, isLocale(user.locale) ? user.locale : 'fr', {
    template: `totp.mail.${notice}`,
    params,
    link: { href: `${services.config.publicUrl}/compte/securite`, labelKey: 'totp.mail.security_action' },
  });
}
