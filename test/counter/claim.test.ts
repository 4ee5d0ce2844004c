import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { applications, attestations, auditEvents, counterFilings, documents, profiles } from '../../src/db/schema';
import { DAY } from '../../src/platform/clock';
import { claimCounterFile } from '../../src/modules/counter/claim-file';
import { createDocumentsContext } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { buildUser, logInAs, type BuiltUser } from '../support/builders';
import { metaFor } from '../support/application-builders';
import { signedInAgent } from '../support/agents';
import { fileAtTheDesk, type CounterFiled } from '../support/counter-builders';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
let desk: TestClient;
beforeAll(async () => {
  ctx = await createDocumentsContext({ APP_SECRET: 'claim-tests-secret-0123456789abcdefghijkl' });
});
// A fresh desk session for each test: one of them lives through ninety days.
beforeEach(async () => {
  desk = (await signedInAgent(ctx, 'desk_agent', '75')).client;
});
afterAll(() => ctx.close());

let numbers = 0;
/** A fresh counter filing (person born on 12 April 1990), its signed attestation issued. */
async function counterFile(): Promise<CounterFiled> {
  const filed = await fileAtTheDesk(ctx, desk, { idDocumentNumber: `CLAIM${String(++numbers).padStart(4, '0')}` });
  await ctx.services.jobs.runPending();
  return filed;
}

let ips = 0;
async function signedIn(): Promise<{ user: BuiltUser; client: TestClient }> {
  const user = await buildUser(ctx.services);
  const client = ctx.client();
  client.ip = `198.18.1.${++ips}`;
  await logInAs(client, user);
  return { user, client };
}

const claimFields = (code: string, birth = ['12', '4', '1990']) => ({ code, 'birthDate-day': birth[0]!, 'birthDate-month': birth[1]!, 'birthDate-year': birth[2]! });
const REFUSED = 'Ce code et cette date de naissance ne permettent pas de retrouver un dossier.';

describe('claiming a counter file online', () => {
  it('moves the file, its documents and attestations into the account, once; the desk no longer opens it', async () => {
    const filed = await counterFile();
    const { user, client } = await signedIn();
    expect((await client.get('/demarches')).body).toContain('href="/demarches/rattacher"');
    expect((await client.get('/demarches/rattacher')).statusCode).toBe(200);

    const wrong = await client.post('/demarches/rattacher', claimFields(filed.claimCode, ['13', '4', '1990']));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(REFUSED);
    expect(wrong.body).toContain(`value="${filed.claimCode}"`);

    // Typed as people do: lower case, spaces instead of dashes.
    const done = await client.post('/demarches/rattacher', claimFields(` ${filed.claimCode.toLowerCase().replace(/-/g, ' ')} `));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/demarches/${filed.applicationId}`);
    const page = await client.follow(done);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Le dossier déposé au guichet est maintenant dans votre compte.');
    expect(page.body).toContain(filed.reference);

    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, filed.applicationId));
    expect(app!.applicantId).toBe(user.id);
    expect((await ctx.services.db.select().from(documents).where(eq(documents.ownerId, user.id))).length).toBe(5);
    expect(await ctx.services.db.select().from(documents).where(eq(documents.ownerId, filed.applicantId))).toHaveLength(0);
    const proofs = await ctx.services.db.select().from(attestations).where(eq(attestations.applicationId, filed.applicationId));
    expect(proofs.every((p) => p.holderId === user.id)).toBe(true);
    // The person's own attestation PDF now opens for them.
    expect((await client.get(`/attestations/${proofs[0]!.publicId}.pdf`)).statusCode).toBe(200);
    // An empty profile takes the identity checked at the desk.
    const [profile] = await ctx.services.db.select().from(profiles).where(eq(profiles.userId, user.id));
    expect(profile).toMatchObject({ surname: 'Traoré', birthDate: '1990-04-12' });
    const [filing] = await ctx.services.db.select().from(counterFilings).where(eq(counterFilings.id, filed.filingId));
    expect(filing).toMatchObject({ claimedBy: user.id, claimCodeSealed: null });
    const actions = (await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, filed.applicationId)).orderBy(asc(auditEvents.seq))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['application.claim_refused', 'application.claimed']));

    // Used once: a second claim, by anyone, is refused the same way.
    const again = await client.post('/demarches/rattacher', claimFields(filed.claimCode));
    expect(again.statusCode).toBe(400);
    const { client: other } = await signedIn();
    await other.get('/demarches/rattacher');
    expect((await other.post('/demarches/rattacher', claimFields(filed.claimCode))).body).toContain(REFUSED);
    // The desk lost it: it is the person's file now (the office still sees it in its queue).
    expect((await desk.get(`/bureau/guichet/${filed.filingId}/recu`)).statusCode).toBe(404);
    expect((await desk.get('/bureau/guichet')).body).not.toContain(`/bureau/guichet/${filed.filingId}/recu`);
  });

  it('refuses an expired code, another file’s date of birth, a worn-out code and a replaced code with one answer', async () => {
    const a = await counterFile();
    const b = await fileAtTheDesk(ctx, desk, { idDocumentNumber: 'OTHER001', 'birthDate-day': '1', 'birthDate-month': '1', 'birthDate-year': '1985' });
    const { client } = await signedIn();
    await client.get('/demarches/rattacher');
    // Someone else's code with one's own date of birth.
    const crossed = await client.post('/demarches/rattacher', claimFields(b.claimCode));
    expect(crossed.body).toContain(REFUSED);
    // Not a code at all.
    expect((await client.post('/demarches/rattacher', claimFields('nope'))).body).toContain(REFUSED);

    // Five wrong dates of birth and the code is dead, even with the right one.
    const { user: prober } = await signedIn();
    for (let i = 0; i < 5; i++) await expect(claimCounterFile(ctx.services, { userId: prober.id, code: a.claimCode, birthDate: `2000-01-0${i + 1}` }, metaFor(prober))).rejects.toMatchObject({ code: 'invalid_code' });
    await expect(claimCounterFile(ctx.services, { userId: prober.id, code: a.claimCode, birthDate: '1990-04-12' }, metaFor(prober))).rejects.toMatchObject({ code: 'invalid_code' });
    // A new code from the desk replaces the old one and works.
    await desk.get(`/bureau/guichet/${a.filingId}/recu`);
    const fresh = /id="claim-code">([A-Z0-9-]+)</.exec((await desk.follow(await desk.post(`/bureau/guichet/${a.filingId}/nouveau-code`))).body)![1]!;
    await expect(claimCounterFile(ctx.services, { userId: prober.id, code: fresh, birthDate: '1990-04-12' }, metaFor(prober))).resolves.toEqual({ applicationId: a.applicationId });

    // Ninety days on, b's code has expired.
    ctx.clock.advance(91 * DAY);
    const { user: late } = await signedIn();
    await expect(claimCounterFile(ctx.services, { userId: late.id, code: b.claimCode, birthDate: '1985-01-01' }, metaFor(late))).rejects.toMatchObject({ code: 'invalid_code' });
    const [still] = await ctx.services.db.select().from(applications).where(eq(applications.id, b.applicationId));
    expect(still!.applicantId).toBe(b.applicantId);
  });

  it('lets one account win when two claim the same code at once', async () => {
    const filed = await counterFile();
    const first = await buildUser(ctx.services);
    const second = await buildUser(ctx.services);
    const results = await Promise.allSettled([first, second].map((u) => claimCounterFile(ctx.services, { userId: u.id, code: filed.claimCode, birthDate: '1990-04-12' }, { ...metaFor(u), ip: `198.18.9.${u.id.slice(0, 2)}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, filed.applicationId));
    expect([first.id, second.id]).toContain(app!.applicantId);
    const claimed = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, filed.applicationId), eq(auditEvents.action, 'application.claimed'))).orderBy(asc(auditEvents.seq));
    expect(claimed).toHaveLength(1);
  });

  it('keeps an account’s own profile, limits attempts, and is for applicants only', async () => {
    const filed = await counterFile();
    const { user, client } = await signedIn();
    await ctx.services.db.update(profiles).set({ surname: 'Keïta', birthDate: '1990-04-12' }).where(eq(profiles.userId, user.id));
    await client.get('/demarches/rattacher');
    expect((await client.post('/demarches/rattacher', claimFields(filed.claimCode))).statusCode).toBe(303);
    const [profile] = await ctx.services.db.select().from(profiles).where(eq(profiles.userId, user.id));
    expect(profile!.surname).toBe('Keïta');

    const { client: guesser } = await signedIn();
    await guesser.get('/demarches/rattacher');
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await guesser.post('/demarches/rattacher', claimFields('ABCD-EFGH-JKMN'))).statusCode;
    expect(last).toBe(429);

    const { client: agent } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await agent.get('/demarches/rattacher')).statusCode).toBe(404);
    expect((await ctx.client().get('/demarches/rattacher')).headers.location).toBe('/connexion?retour=%2Fdemarches%2Frattacher');
  });
});
