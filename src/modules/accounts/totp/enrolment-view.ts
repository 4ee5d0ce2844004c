import type { Services } from '../../../services';
import type { RequestMeta } from '../request-meta';
import { startTotpEnrolment } from './start-enrolment';
import type { EnrolmentView } from './views/enrolment-page';
import { qrCodeDataUri } from './views/qr-code';

/** Everything the enrolment page shows, for either of its two addresses. */
export async function enrolmentView(
  services: Services,
  user: { id: string; email: string },
  meta: RequestMeta,
  where: { action: string; atLogin: boolean },
): Promise<EnrolmentView> {
  const enrolment = await startTotpEnrolment(services, { userId: user.id }, meta);
  return { account: user.email, secret: enrolment.secret, qrCode: await qrCodeDataUri(enrolment.uri), ...where };
}
