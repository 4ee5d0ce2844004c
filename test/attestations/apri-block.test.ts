import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { apriBlocks, auditEvents } from '../../src/db/schema';
import { blockApri } from '../../src/modules/attestations/block-apri';
import { liftApriBlock } from '../../src/modules/attestations/lift-apri-block';
import { nextProofForecast } from '../../src/modules/attestations/forecast';
import { forecastText } from '../../src/modules/attestations/forecast-text';
import { loadIssuanceContext } from '../../src/modules/attestations/load-issuance-facts';
import { requestAttestationSweep } from '../../src/modules/attestations/jobs';
import type { AppError } from '../../src/platform/errors';
import { parisDate } from '../../src/platform/legal-dates';
import { lastMailTo } from '../support/builders';
import { createTestContext, type TestContext } from '../support/harness';
import { attestationsOf, buildOfficeAgent, fileRenewal, morningOf } from './support/attestation-builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

const EXPLANATION = 'Le passeport joint présente des signes de falsification ; une vérification est demandée au consulat.';

async function forecastFor(applicationId: string, locale: 'fr' | 'en' = 'fr') {
  const loaded = await loadIssuanceContext(ctx.services.db, applicationId);
  const forecast = nextProofForecast(loaded!.facts, loaded!.existing, parisDate(ctx.clock.now()));
  return { forecast, text: forecastText(forecast, ctx.services.i18n.translator(locale), locale) };
}

describe('withholding the APRI', () => {
  it('needs a ground from the list and an explanation, from an examining agent of the prefecture', async () => {
    const { applicant, applicationId } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const agent = await buildOfficeAgent(ctx.services);
    const bad = await rejection(blockApri(ctx.services, applicationId, agent, 'looks_suspicious', '  '));
    expect(bad.code).toBe('validation_failed');
    expect(bad.options.fields).toEqual({ ground: 'attestations.block_ground_required', explanation: 'attestations.block_explanation_length' });
    const tooLong = await rejection(blockApri(ctx.services, applicationId, agent, 'fraud_suspected', 'x'.repeat(2001)));
    expect(tooLong.options.fields).toEqual({ explanation: 'attestations.block_explanation_length' });
    const elsewhere = await buildOfficeAgent(ctx.services, { prefectureCode: '13' });
    expect((await rejection(blockApri(ctx.services, applicationId, elsewhere, 'fraud_suspected', EXPLANATION))).code).toBe('not_found');
    const asApplicant = { id: applicant.id, role: 'case_officer' };
    expect((await rejection(blockApri(ctx.services, applicationId, asApplicant, 'fraud_suspected', EXPLANATION))).code).toBe('not_found');
    expect(await ctx.services.db.select().from(apriBlocks).where(eq(apriBlocks.applicationId, applicationId))).toEqual([]);
  });

  it('stops the APRI while active — shown and mailed to the person — and the lift issues it at once, from that day', async () => {
    const { applicant, applicationId, reference } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const agent = await buildOfficeAgent(ctx.services);
    ctx.clock.set(morningOf('2026-06-10'));
    await blockApri(ctx.services, applicationId, agent, 'fraud_suspected', `  ${EXPLANATION}\u0007 `);
    // The same submission again changes nothing; another block while one is active is refused.
    await blockApri(ctx.services, applicationId, agent, 'fraud_suspected', EXPLANATION);
    const again = await rejection(blockApri(ctx.services, applicationId, agent, 'public_order_threat', EXPLANATION));
    expect(again.code).toBe('conflict');
    const blocks = await ctx.services.db.select().from(apriBlocks).where(eq(apriBlocks.applicationId, applicationId));
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ ground: 'fraud_suspected', explanation: EXPLANATION, agentId: agent.id, liftedAt: null });
    const mail = await lastMailTo(ctx.services, applicant.email);
    expect(mail).toMatchObject({ template: 'attestations.mail_apri_blocked' });
    expect(mail!.subject).toContain(reference);
    expect(mail!.text).toContain('soupçon de fraude');
    expect(mail!.text).toContain(EXPLANATION);

    // Expiry passes: no APRI, and the file page says why.
    for (const day of ['2026-07-16', '2026-08-01', '2026-08-04']) {
      ctx.clock.set(morningOf(day));
      await requestAttestationSweep(ctx.services);
      await ctx.services.jobs.runPending();
    }
    expect((await attestationsOf(ctx.services, applicationId)).map((r) => r.kind)).toEqual(['receipt']);
    const blocked = await forecastFor(applicationId);
    expect(blocked.forecast).toMatchObject({ status: 'apri_blocked', block: { ground: 'fraud_suspected' } });
    expect(blocked.text).toContain(EXPLANATION);

    ctx.clock.set(morningOf('2026-08-05'));
    await liftApriBlock(ctx.services, applicationId, agent);
    await liftApriBlock(ctx.services, applicationId, agent);
    await ctx.services.jobs.runPending();
    const rows = await attestationsOf(ctx.services, applicationId);
    expect(rows.find((r) => r.kind === 'apri')).toMatchObject({ validFrom: '2026-08-05', validTo: '2026-11-04' });
    const mails = await lastMailTo(ctx.services, applicant.email);
    expect(mails!.template).toBe('attestations.mail_issued');
    const events = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, applicationId)).orderBy(asc(auditEvents.seq));
    expect(events.filter((e) => e.action === 'application.apri_blocked')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'application.apri_block_lifted')).toHaveLength(1);
    expect(events.find((e) => e.action === 'application.apri_blocked')).toMatchObject({ actorId: agent.id, data: { ground: 'fraud_suspected', explanation: EXPLANATION } });
    const [lifted] = await ctx.services.db
      .select()
      .from(apriBlocks)
      .where(and(eq(apriBlocks.applicationId, applicationId)));
    expect(lifted!.liftedAt).toEqual(morningOf('2026-08-05'));

    const next = await forecastFor(applicationId, 'en');
    expect(next.forecast).toMatchObject({ status: 'next', kind: 'apri', coveredBy: 'apri', coveredUntil: '2026-11-04', availableOn: '2026-10-20', validFrom: '2026-11-05' });
    expect(next.text).toBe(
      'Your extension-of-examination certificate is valid until 4 November 2026. Your next extension-of-examination certificate (APRI) will be available on 20 October 2026 and valid from 5 November 2026. You will not be left without proof.',
    );
  });

  it('is refused on a decided file, where there is no APRI to withhold', async () => {
    const { applicationId } = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
    const agent = await buildOfficeAgent(ctx.services);
    const { markComplete } = await import('../../src/modules/attestations/mark-complete');
    const { recordDecision } = await import('../../src/modules/attestations/record-decision');
    await markComplete(ctx.services, applicationId, agent);
    await recordDecision(ctx.services, applicationId, true, agent);
    expect((await rejection(blockApri(ctx.services, applicationId, agent, 'fraud_suspected', EXPLANATION))).code).toBe('conflict');
  });
});
