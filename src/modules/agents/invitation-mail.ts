import type { Db } from '../../db/client';
import { prefectures, users } from '../../db/schema';
import { eq } from 'drizzle-orm';
import type { Services } from '../../services';
import { INVITATION_DAYS } from './schemas';

/**
 * Sends an invitation's mail, in French (agents work in French; the page behind the link has a
 * language switch). An address that already has a Sésame account gets no link but a notice:
 * an account cannot silently become an agent's — an applicant's account holds their own file,
 * and a separate professional address keeps the two apart. The inviter is told nothing of this
 * (the same "invitation sent" either way), so no address can be probed.
 */
export async function sendInvitationMail(tx: Db, services: Services, invitation: { email: string; role: string; prefectureCode: string | null }, token: string): Promise<void> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  const t = services.i18n.translator('fr');
  const [prefecture] = invitation.prefectureCode ? await tx.select({ name: prefectures.name }).from(prefectures).where(eq(prefectures.code, invitation.prefectureCode)) : [];
  const params = { role: t(`agents.roles.${invitation.role}`), prefecture: prefecture?.name ?? t('agents.national') };
  if (existing) {
    await services.mailer.queue(tx, invitation.email, 'fr', { template: 'agents.mail_invitation_existing', params });
    return;
  }
  await services.mailer.queue(tx, invitation.email, 'fr', {
    template: 'agents.mail_invitation',
    params: { ...params, days: String(INVITATION_DAYS) },
    link: { href: `${services.config.publicUrl}/invitation/${token}`, labelKey: 'agents.mail_invitation_action' },
  });
}
