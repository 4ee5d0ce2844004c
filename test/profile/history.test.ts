import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, systemActor } from '../../src/platform/audit';
import { MINUTE } from '../../src/platform/clock';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, codeIn, lastMailTo, logInAs, TEST_PASSWORD } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** The rows of the history table, as text: [date, action, who]. */
function historyRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/&#39;/g, "'")
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

describe('account history', () => {
  it('tells the life of an account, newest first, dated in Paris time, in French and in English', async () => {
    // 2 March 2026, 09:00 UTC: 10:00 in Paris.
    ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
    const email = 'historique@example.org';
    const c = ctx.client();
    await c.submit('/inscription', { email, password: TEST_PASSWORD });
    const mail = await lastMailTo(ctx.services, email);
    await c.submit(`/inscription/code?email=${encodeURIComponent(email)}`, { email, code: codeIn(mail!.text) });

    // Someone else tries wrong passwords from elsewhere until the account locks.
    const stranger = ctx.client();
    stranger.ip = '198.51.100.77';
    ctx.clock.advance(5 * MINUTE);
    for (let i = 0; i < 5; i++) await stranger.submit('/connexion', { email, password: 'not the right password' });

    ctx.clock.advance(20 * MINUTE);
    await logInAs(c, { email, password: TEST_PASSWORD });
    ctx.clock.advance(MINUTE);
    await c.submit('/compte/profil', { surname: 'Benali', 'birthDate-day': '1', 'birthDate-month': '5', 'birthDate-year': '1988', nationality: 'MA' });

    const rows = historyRows((await c.get('/compte/historique')).body);
    expect(rows).toEqual([
      ['2 mars 2026 à 10:26', "Modification de l'identité : nom de famille, date de naissance et nationalité.", 'vous'],
      ['2 mars 2026 à 10:25', 'Connexion.', 'vous'],
      ['2 mars 2026 à 10:05', 'Blocage temporaire du compte après plusieurs mots de passe incorrects.', 'le système'],
      ['2 mars 2026 à 10:00', "Confirmation de l'adresse e-mail.", 'vous'],
      ['2 mars 2026 à 10:00', 'Création du compte.', 'vous'],
    ]);

    await c.get('/langue/en?retour=/compte/historique');
    const english = await c.get('/compte/historique');
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('<h1>Account history</h1>');
    const en = historyRows(english.body);
    expect(en[0]).toEqual([expect.stringMatching(/^March 2, 2026 at 10:26\sAM$/), 'Identity changed: surname, date of birth, and nationality.', 'you']);
    expect(en[2]).toEqual([expect.stringMatching(/^March 2, 2026 at 10:05\sAM$/), 'Account temporarily locked after several wrong passwords.', 'the system']);
    expect(en).toHaveLength(5);

    // Dates carry their machine-readable instant; nothing raw leaks: no IP, no JSON, no values.
    expect(english.body).toContain('<time datetime="2026-03-02T09:26:00.000Z">');
    for (const page of [english.body]) {
      expect(page).not.toContain('198.51.100.77');
      expect(page).not.toContain(c.ip);
      expect(page).not.toContain('Benali');
      expect(page).not.toMatch(/[{}]/);
    }
  });

  it('names who acted: the person, a prefecture agent, or the system; and words unknown actions generically', async () => {
    const user = await buildUser(ctx.services);
    const agent = await buildUser(ctx.services, { role: 'case_officer' });
    const now = ctx.clock.now();
    await ctx.services.transact(async (tx) => {
      await appendAudit(tx, { id: agent.id, role: 'case_officer' }, now, {
        action: 'profile.updated',
        subjectType: 'user',
        subjectId: user.id,
        // The shape written before events stopped carrying values: the history still reads it.
        data: { changes: [{ field: 'postcode', old: '75011', new: '69003' }, { field: 'town', old: 'Paris', new: 'Lyon' }] },
      });
      await appendAudit(tx, systemActor, now, { action: 'procedure.extension_certificate_issued', subjectType: 'user', subjectId: user.id, data: { secret: '<b>x</b>' } });
      await appendAudit(tx, { id: user.id, role: 'applicant' }, now, { action: 'session.closed_remotely', subjectType: 'user', subjectId: user.id });
    });
    const c = ctx.client();
    await logInAs(c, user);
    await c.post('/deconnexion');
    await logInAs(c, user);
    const page = await c.get('/compte/historique');
    expect(page.statusCode).toBe(200);
    expect(historyRows(page.body)).toEqual([
      [expect.any(String), 'Connexion.', 'vous'],
      [expect.any(String), 'Déconnexion.', 'vous'],
      [expect.any(String), 'Connexion.', 'vous'],
      [expect.any(String), "Déconnexion d'un appareil à distance.", 'vous'],
      [expect.any(String), 'Autre action sur le compte. Référence : procedure.extension_certificate_issued', 'le système'],
      [expect.any(String), "Modification de l'identité : code postal et commune.", 'un agent de la préfecture'],
    ]);
    expect(page.body).not.toContain('<b>x</b>');
    expect(page.body).not.toContain('Lyon');
  });

  it('records a password reset', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await c.submit('/mot-de-passe-oublie', { email: user.email });
    const mail = await lastMailTo(ctx.services, user.email);
    await c.submit(`/mot-de-passe-oublie/nouveau?email=${encodeURIComponent(user.email)}`, { email: user.email, code: codeIn(mail!.text), password: 'une toute nouvelle phrase secrète' });
    await logInAs(c, { email: user.email, password: 'une toute nouvelle phrase secrète' });
    const rows = historyRows((await c.get('/compte/historique')).body);
    expect(rows.map((r) => r[1])).toEqual(['Connexion.', 'Nouveau mot de passe choisi ; tous les appareils ont été déconnectés.']);
  });

  it("shows only the person's own history, and only to them", async () => {
    const alice = await buildUser(ctx.services);
    const bob = await buildUser(ctx.services);
    const a = ctx.client();
    await logInAs(a, alice);
    await a.submit('/compte/profil', { town: 'Marseille' });
    const b = ctx.client();
    await logInAs(b, bob);
    const rows = historyRows((await b.get(`/compte/historique?userId=${alice.id}`)).body);
    expect(rows.map((r) => r[1])).toEqual(['Connexion.']);

    const visitor = ctx.client();
    const res = await visitor.get('/compte/historique');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/connexion?retour=%2Fcompte%2Fhistorique');
  });
});
