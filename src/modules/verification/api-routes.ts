import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { Services } from '../../services';
import { describeAnswer } from './describe-answer';
import { openApiDocument } from './openapi';
import { verifyAttestation, type VerificationAnswer } from './verify-attestation';

/** Exactly one of the two: a verification code, or the text read from the 2D-Doc. */
const requestSchema = z.union([
  z.strictObject({ code: z.string().min(1).max(64) }),
  z.strictObject({ twoDDoc: z.string().min(1).max(2000) }),
]);

/** The verification API: JSON in, JSON out, no cookies, no CSRF; documented at `/api/openapi.json`. */
export async function verificationApiRoutes(app: FastifyInstance, { services }: { services: Services }) {
  app.get('/api/openapi.json', async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(openApiDocument(services.config.publicUrl)));

  app.post('/api/v1/verifications', async (req, reply) => {
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) throw new AppError('validation_failed', { logMessage: 'verification request: expected { code } or { twoDDoc }' });
    const answer = await verifyAttestation(services, parsed.data, { ip: req.ip, channel: 'api' });
    return reply.header('cache-control', 'no-store').send(present(answer, req.t, req.locale));
  });
}

function present(answer: VerificationAnswer, t: Parameters<typeof describeAnswer>[1], locale: Parameters<typeof describeAnswer>[2]) {
  const a = answer.attestation;
  return {
    status: answer.status,
    summary: describeAnswer(answer, t, locale, answer.checkedOn),
    checkedAt: answer.checkedAt.toISOString(),
    attestation: a && {
      kind: a.kind,
      allows: { stay: a.allowsStay, work: a.allowsWork },
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      issuedBy: a.prefecture,
      holder: { initials: a.holderInitials, birthYear: a.holderBirthYear },
    },
  };
}
