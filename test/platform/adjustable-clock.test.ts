import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attestations, outboxJobs } from '../../src/db/schema';
import { fileApplication } from '../../src/modules/applications/file-application';
import { OffsetClock } from '../../src/platform/clock';
import { parisDate } from '../../src/platform/legal-dates';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';

let adjustable: TestContext;
let fixed: TestContext;
beforeAll(async () => {
  adjustable = await createTestContext({ env: { ADJUSTABLE_CLOCK: 'true' } });
  adjustable.clock.set(new Date('2026-03-02T09:00:00Z'));
  fixed = await createTestContext();
});
afterAll(async () => {
  await adjustable.close();
  await fixed.close();
});

const today = (ctx: TestContext) => parisDate(ctx.services.clock.now());

describe('the adjustable clock (/dev/horloge)', () => {
  it('does not exist unless ADJUSTABLE_CLOCK is set', async () => {
    expect(fixed.services.clock).not.toBeInstanceOf(OffsetClock);
    const c = fixed.client();
    expect((await c.get('/dev/horloge')).statusCode).toBe(404);
    await c.get('/connexion'); // for an anti-forgery token: the refusal must not be a CSRF one
    expect((await c.post('/dev/horloge', { 'date-day': '1', 'date-month': '6', 'date-year': '2026' })).statusCode).toBe(404);
    expect((await c.post('/dev/horloge/reinitialiser')).statusCode).toBe(404);
  });

  it('moves pages and jobs to another day, runs the attestation sweep there, and comes back', async () => {
    // A complete renewal filed on time for a card that expires on 15 May 2026.
    const holder = await buildApplicant(adjustable.services, { permitExpiresOn: '2026-05-15' });
    const id = await buildReadyRenewal(adjustable.services, holder);
    await fileApplication(adjustable.services, holder.id, id, metaFor(holder));
    await adjustable.services.jobs.runPending();
    const apris = () => adjustable.services.db.select().from(attestations).where(and(eq(attestations.applicationId, id), eq(attestations.kind, 'apri')));
    expect(await apris()).toEqual([]);

    const c = adjustable.client();
    const page = await c.get('/dev/horloge');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('lundi 2 mars 2026');
    expect(page.body).toContain("C'est la date réelle.");
    await adjustable.services.db.delete(outboxJobs);

    // The card's expiry day.
    const moved = await c.post('/dev/horloge', { 'date-day': '15', 'date-month': '5', 'date-year': '2026' });
    expect(moved.statusCode).toBe(303);
    expect(moved.headers.location).toBe('/dev/horloge');
    expect(today(adjustable)).toBe('2026-05-15');
    // Noon in Paris (summer time: 10:00 UTC), running on from there.
    expect(adjustable.services.clock.now().toISOString()).toBe('2026-05-15T10:00:00.000Z');
    const after = await c.follow(moved);
    expect(after.body).toContain('vendredi 15 mai 2026');
    expect(after.body).toContain('74 jours après la date réelle.');
    expect(after.body).toContain('Le serveur est à la nouvelle date');
    // Every daily job was queued as the workers' nightly runs would be; the sweep issues the APRI due that day.
    const queued = await adjustable.services.db.select({ name: outboxJobs.name }).from(outboxJobs);
    expect(queued.map((j) => j.name)).toContain('attestations.sweep');
    await adjustable.services.jobs.runPending();
    const [apri] = await apris();
    expect(apri).toMatchObject({ validFrom: '2026-05-16', validTo: '2026-08-15', allowsWork: true });
    expect(parisDate(apri!.issuedAt)).toBe('2026-05-15');

    // The base clock runs on; the moved one runs on with it.
    adjustable.clock.set(new Date('2026-03-02T10:00:00Z'));
    expect(adjustable.services.clock.now().toISOString()).toBe('2026-05-15T11:00:00.000Z');

    const back = await c.post('/dev/horloge/reinitialiser');
    expect(back.statusCode).toBe(303);
    expect(adjustable.services.clock.now().toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect((await c.follow(back)).body).toContain("C'est la date réelle.");
  });

  it('refuses a date that does not exist, keeping what was typed, and a post without its anti-forgery token', async () => {
    const c = adjustable.client();
    await c.get('/dev/horloge');
    const before = adjustable.services.clock.now().getTime();
    const wrong = await c.post('/dev/horloge', { 'date-day': '31', 'date-month': '2', 'date-year': '2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Saisissez une date qui existe');
    expect(wrong.body).toContain('href="#date"');
    expect(wrong.body).toMatch(/name="date-day"[^>]*value="31"|value="31"[^>]*name="date-day"/);
    const empty = await c.post('/dev/horloge', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Saisissez une date.');
    const forged = await c.post('/dev/horloge', { 'date-day': '1', 'date-month': '6', 'date-year': '2026' }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    // Nothing moved.
    expect(Math.abs(adjustable.services.clock.now().getTime() - before)).toBeLessThan(1000);
  });
});
