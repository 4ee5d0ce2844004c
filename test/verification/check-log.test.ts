import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RawSql } from '../../src/db/client';
import { verificationChecks } from '../../src/db/schema';
import { createCheckLog, type CheckLog } from '../../src/modules/verification/check-log';
import { holderSharing } from '../../src/modules/verification/holder-sharing';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAttestation } from '../support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const linesOf = (attestationId: string) => ctx.services.db.select().from(verificationChecks).where(eq(verificationChecks.attestationId, attestationId));

describe('the log of public checks, written in groups', () => {
  it('writes the lines of concurrent checks within its delay, without being asked', async () => {
    const att = await buildAttestation(ctx.services);
    const checks = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        ctx.app.inject({ method: 'POST', url: '/api/v1/verifications', payload: { code: att.publicId }, remoteAddress: `198.51.100.${200 + i}` }),
      ),
    );
    expect(checks.map((c) => c.json().status)).toEqual(['valid', 'valid', 'valid', 'valid', 'valid']);
    await expect.poll(async () => (await linesOf(att.id)).length, { timeout: 2000, interval: 20 }).toBe(5);
  });

  it('lets the holder see a check at once: their page writes what is queued before reading', async () => {
    const att = await buildAttestation(ctx.services);
    // A delay no test waits for, so that only the holder's page can have written the line.
    const services = ctx.services as { verificationLog: CheckLog };
    const usual = services.verificationLog;
    services.verificationLog = createCheckLog(ctx.services.database.raw, ctx.services.logger, { delayMs: 60_000 });
    try {
      const res = await ctx.app.inject({ method: 'GET', url: `/verify/${att.publicId}`, remoteAddress: '198.51.100.250' });
      expect(res.statusCode).toBe(200);
      expect(await linesOf(att.id)).toHaveLength(0);
      const { checks } = await holderSharing(ctx.services, att.holder.id);
      expect(checks.filter((c) => c.attestationCode === att.publicId).map((c) => [c.channel, c.outcome])).toEqual([['page', 'valid']]);
    } finally {
      await services.verificationLog.close();
      services.verificationLog = usual;
    }
  });

  it('loses nothing on a normal shutdown: close writes every queued line, in one statement', async () => {
    const att = await buildAttestation(ctx.services);
    const statements: string[] = [];
    const raw: RawSql = {
      query<T>(text: string, values?: unknown[], options?: { name?: string }) {
        statements.push(text);
        return ctx.services.database.raw.query<T>(text, values, options);
      },
    };
    // A delay no test waits for: only close can have written the lines.
    const log = createCheckLog(raw, ctx.services.logger, { delayMs: 60_000 });
    for (const channel of ['page', 'api', 'api'] as const) log.record({ holderId: att.holder.id, attestationId: att.id, channel, outcome: 'valid', at: ctx.clock.now() });
    expect(await linesOf(att.id)).toHaveLength(0);
    await log.close();
    expect((await linesOf(att.id)).map((l) => l.channel).sort()).toEqual(['api', 'api', 'page']);
    expect(statements).toHaveLength(1);
  });

  it('keeps the lines of a failed write and writes them with the next group', async () => {
    const att = await buildAttestation(ctx.services);
    let fail = true;
    const raw: RawSql = {
      query<T>(text: string, values?: unknown[], options?: { name?: string }) {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('connection lost'));
        }
        return ctx.services.database.raw.query<T>(text, values, options);
      },
    };
    const log = createCheckLog(raw, ctx.services.logger.child({ level: 'silent' }), { delayMs: 60_000 });
    log.record({ holderId: att.holder.id, attestationId: att.id, channel: 'api', outcome: 'valid', at: ctx.clock.now() });
    await expect(log.flush()).rejects.toThrow('connection lost');
    log.record({ holderId: att.holder.id, attestationId: att.id, channel: 'page', outcome: 'valid', at: ctx.clock.now() });
    await log.close();
    expect((await linesOf(att.id)).map((l) => l.channel).sort()).toEqual(['api', 'page']);
  });
});
