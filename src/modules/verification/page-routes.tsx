import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../platform/errors';
import { announceRetry } from '../../platform/http/retry-after';
import type { Services } from '../../services';
import { describeAnswer } from './describe-answer';
import { normaliseAttestationCode, verifyAttestation } from './verify-attestation';
import { VerifyPage } from './views/verify-page';

const CODE = /^[A-Z0-9]{4,64}$/;

/**
 * The public verification page. `/verify` shows the form; its GET submission lands on
 * `/verify/<code>`, the same address as the QR code printed on the attestation, so both ways
 * give the same page and nothing is posted (a check changes nothing but its log line).
 */
export async function verificationPageRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get<{ Querystring: { code?: unknown } }>('/verify', async (req, reply) => {
    const raw = req.query.code;
    if (raw === undefined) return reply.page(<VerifyPage />);
    const typed = typeof raw === 'string' ? raw.slice(0, 100) : '';
    const code = normaliseAttestationCode(typed);
    if (code === '') return reply.page(<VerifyPage code={typed} errors={{ code: { key: 'verification.errors.code_required' } }} />, 400);
    if (!CODE.test(code)) return reply.page(<VerifyPage code={typed} errors={{ code: { key: 'verification.errors.code_format' } }} />, 400);
    return reply.seeOther(`/verify/${encodeURIComponent(code)}`);
  });

  app.get<{ Params: { publicId: string } }>('/verify/:publicId', async (req, reply) => {
    const code = normaliseAttestationCode(req.params.publicId.slice(0, 100));
    try {
      const answer = await verifyAttestation(services, { code }, { ip: req.ip, channel: 'page' });
      const summary = describeAnswer(answer, req.t, req.locale, answer.checkedOn);
      return reply.header('x-robots-tag', 'noindex').page(<VerifyPage result={{ answer, summary }} />);
    } catch (err) {
      return rateLimited(req, reply, err, code);
    }
  });
}

function rateLimited(req: FastifyRequest, reply: FastifyReply, err: unknown, code: string) {
  if (!isAppError(err) || err.code !== 'rate_limited') throw err;
  const time = announceRetry(req, reply, err.options.retryAt);
  return reply.page(<VerifyPage code={code} formError={req.t('verification.errors.rate_limited', { time })} />, 429);
}
