import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, profiles } from '../../src/db/schema';
import { MINUTE } from '../../src/platform/clock';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A complete, valid form as a person would fill it (the test clock is 2 March 2026). */
const valid = {
  surname: 'Dupont',
  surnameLatin: '',
  givenNames: 'Marie Claire',
  givenNamesLatin: '',
  sex: 'F',
  'birthDate-day': '27',
  'birthDate-month': '3',
  'birthDate-year': '1990',
  birthPlace: 'Oran',
  birthCountry: 'DZ',
  nationality: 'DZ',
  foreignerNumber: '7501234567',
  permitCategory: 'student',
  permitNumber: 'AB1234567',
  'permitExpiresOn-day': '31',
  'permitExpiresOn-month': '12',
  'permitExpiresOn-year': '2027',
  addressLine: '12 rue des Lilas',
  postcode: '75011',
  town: 'Paris',
};

async function signedIn() {
  const user = await buildUser(ctx.services);
  const client = ctx.client();
  await logInAs(client, user);
  return { user, client };
}

const profileOf = async (userId: string) => (await ctx.services.db.select().from(profiles).where(eq(profiles.userId, userId)))[0];

const profileEvents = (userId: string) =>
  ctx.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, userId), eq(auditEvents.action, 'profile.updated')))
    // In the order written: without ORDER BY the order is the table's, which linking a row into
    // the chain (an UPDATE) changes on PostgreSQL.
    .orderBy(asc(auditEvents.seq));

/** Posts a raw urlencoded body (e.g. a field sent twice), with the client's cookies and token. */
function postRaw(client: TestClient, url: string, body: string) {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return ctx.app.inject({
    method: 'POST',
    url,
    payload: `_csrf=${encodeURIComponent(client.lastCsrf ?? '')}&${body}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
}

describe('identity profile', () => {
  it('saves every field, redirects with a confirmation, and shows the record again', async () => {
    const { user, client } = await signedIn();
    const res = await client.submit('/compte/profil', valid);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/compte/profil?resultat=enregistre');

    const page = await client.follow(res);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vos informations sont enregistrées.');
    expect(page.body).toContain('27 mars 1990');
    expect(page.body).toContain('Algérie');
    expect(page.body).toContain('Carte de séjour « étudiant »');
    expect(page.body).toContain('value="Dupont"');
    expect(page.body).toContain('name="birthDate-year" value="1990"');
    expect(page.body).toMatch(/<option value="DZ" selected>Algérie<\/option>/);

    const row = await profileOf(user.id);
    expect(row).toMatchObject({
      surname: 'Dupont',
      givenNames: 'Marie Claire',
      surnameLatin: null,
      sex: 'F',
      birthDate: '1990-03-27',
      birthCountry: 'DZ',
      foreignerNumber: '7501234567',
      permitCategory: 'student',
      permitExpiresOn: '2027-12-31',
      postcode: '75011',
      town: 'Paris',
    });

    const [event] = await profileEvents(user.id);
    expect(event?.actorId).toBe(user.id);
    const changes = event?.data.changes as { field: string }[];
    expect(changes.map((c) => c.field)).toEqual([
      'surname',
      'givenNames',
      'sex',
      'birthDate',
      'birthPlace',
      'birthCountry',
      'nationality',
      'foreignerNumber',
      'permitCategory',
      'permitNumber',
      'permitExpiresOn',
      'addressLine',
      'postcode',
      'town',
    ]);
    // Which fields, never their values: the hash-chained log could never erase or rectify them.
    expect(changes.find((c) => c.field === 'surname')).toEqual({ field: 'surname' });
    expect(JSON.stringify(event?.data)).not.toMatch(/Dupont|1990-03-27|7501234567|Paris|75011/);

    // A later change names those fields only.
    await client.submit('/compte/profil', { ...valid, town: 'Lyon', postcode: '69003' });
    const events = await profileEvents(user.id);
    expect(events).toHaveLength(2);
    expect(events[1]!.data.changes).toEqual([{ field: 'postcode' }, { field: 'town' }]);
    expect(JSON.stringify(events[1]!.data)).not.toMatch(/Lyon|69003|Paris|75011/);
  });

  it('creates the profile on first save when the person has none yet', async () => {
    const { user, client } = await signedIn();
    await ctx.services.db.delete(profiles).where(eq(profiles.userId, user.id));
    const page = await client.get('/compte/profil');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Vous n'avez encore rien enregistré.");
    const res = await client.submit('/compte/profil', { givenNames: 'Amadou' });
    expect(res.statusCode).toBe(303);
    expect((await profileOf(user.id))?.givenNames).toBe('Amadou');
    expect((await profileOf(user.id))?.surname).toBeNull();
  });

  it('lets fields be emptied again, which is a dated change too', async () => {
    const { user, client } = await signedIn();
    await client.submit('/compte/profil', valid);
    // No radio ticked: the browser sends no `sex` at all.
    const { sex: _sex, ...withoutSex } = valid;
    const res = await client.submit('/compte/profil', { ...withoutSex, town: '', 'birthDate-day': '', 'birthDate-month': '', 'birthDate-year': '' });
    expect(res.statusCode).toBe(303);
    const row = await profileOf(user.id);
    expect(row).toMatchObject({ town: null, birthDate: null, sex: null, surname: 'Dupont' });
    const events = await profileEvents(user.id);
    expect(events.at(-1)!.data.changes).toEqual([{ field: 'sex' }, { field: 'birthDate' }, { field: 'town' }]);
  });

  it('keeps names in the passport script with their Latin form, upper-cased', async () => {
    const { user, client } = await signedIn();
    const res = await client.submit('/compte/profil', {
      surname: 'Иванова',
      surnameLatin: 'ivanova',
      givenNames: 'محمد علي',
      givenNamesLatin: "Mohamed  Ali",
    });
    expect(res.statusCode).toBe(303);
    const row = await profileOf(user.id);
    expect(row).toMatchObject({ surname: 'Иванова', surnameLatin: 'IVANOVA', givenNames: 'محمد علي', givenNamesLatin: 'MOHAMED ALI' });
    const page = await client.get('/compte/profil');
    expect(page.body).toContain('<dd class="fr-mb-2w fr-ml-0" dir="auto">محمد علي</dd>');

    // Chinese, and a Latin-script name with accents, which needs no separate Latin form.
    expect((await client.submit('/compte/profil', { surname: '王', surnameLatin: 'WANG', givenNames: 'Zoë-Hélène' })).statusCode).toBe(303);
    expect(await profileOf(user.id)).toMatchObject({ surname: '王', surnameLatin: 'WANG', givenNames: 'Zoë-Hélène', givenNamesLatin: null });
  });

  it('refuses a name in another script without its Latin form, and a Latin form with accents', async () => {
    const { user, client } = await signedIn();
    const res = await client.submit('/compte/profil', { ...valid, surname: 'Иванова', givenNames: 'Ольга', givenNamesLatin: 'ÓLGA' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Le formulaire contient des erreurs');
    expect(res.body).toContain('href="#surnameLatin"');
    expect(res.body).toContain("Votre nom n'est pas écrit en lettres latines");
    expect(res.body).toContain('Utilisez uniquement les lettres A à Z sans accents');
    expect(res.body).toMatch(/id="surnameLatin"[^>]*aria-describedby="surnameLatin-hint surnameLatin-error"/);
    // Everything typed is still there.
    expect(res.body).toContain('value="Иванова"');
    expect(res.body).toContain('value="ÓLGA"');
    expect(res.body).toContain('name="birthDate-day" value="27"');
    expect(res.body).toContain('value="12 rue des Lilas"');
    expect(await profileEvents(user.id)).toHaveLength(0);
    expect((await profileOf(user.id))?.surname).toBeNull();
  });

  it.each([
    ['a day that does not exist', { 'birthDate-day': '31', 'birthDate-month': '02', 'birthDate-year': '2000' }, "Cette date n'existe pas."],
    ['a date of birth in the future', { 'birthDate-day': '3', 'birthDate-month': '3', 'birthDate-year': '2026' }, 'La date de naissance doit être passée.'],
    ['a date of birth in 1850', { 'birthDate-day': '1', 'birthDate-month': '1', 'birthDate-year': '1850' }, 'ne peut pas remonter à plus de 120 ans'],
    ['half a date', { 'birthDate-day': '12', 'birthDate-month': '', 'birthDate-year': '1990' }, 'Indiquez le jour, le mois et l&#39;année.'],
    ['letters in a date', { 'birthDate-day': 'dix', 'birthDate-month': '3', 'birthDate-year': '1990' }, "Cette date n'existe pas."],
    ['a permit expiring in 2099', { 'permitExpiresOn-day': '1', 'permitExpiresOn-month': '1', 'permitExpiresOn-year': '2099' }, "n'est pas vraisemblable"],
  ])('refuses %s, keeping what was typed', async (_name, dates, message) => {
    const { user, client } = await signedIn();
    const res = await client.submit('/compte/profil', { ...valid, ...dates });
    expect(res.statusCode).toBe(400);
    expect(res.body.replace(/&#39;/g, "'")).toContain(message.replace(/&#39;/g, "'"));
    for (const [name, value] of Object.entries(dates)) expect(res.body).toContain(value ? `name="${name}" value="${value}"` : `name="${name}" value `);
    expect(await profileOf(user.id)).toMatchObject({ birthDate: null, surname: null });
  });

  it('accepts a date of birth of today, and one exactly 120 years ago', async () => {
    const { client } = await signedIn();
    expect((await client.submit('/compte/profil', { 'birthDate-day': '2', 'birthDate-month': '3', 'birthDate-year': '2026' })).statusCode).toBe(303);
    expect((await client.submit('/compte/profil', { 'birthDate-day': '02', 'birthDate-month': '03', 'birthDate-year': '1906' })).statusCode).toBe(303);
  });

  it('refuses a foreigner number that is not 10 digits, and accepts one typed with spaces', async () => {
    const { user, client } = await signedIn();
    for (const bad of ['12345', '12345abcde', '123456789012']) {
      const res = await client.submit('/compte/profil', { ...valid, foreignerNumber: bad });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Le numéro étranger est composé de 10 chiffres.');
      expect(res.body).toContain(`value="${bad}"`);
    }
    expect((await client.submit('/compte/profil', { ...valid, foreignerNumber: '75 0123 4567' })).statusCode).toBe(303);
    expect((await profileOf(user.id))?.foreignerNumber).toBe('7501234567');
  });

  it('refuses a postcode that is not a French one', async () => {
    const { client } = await signedIn();
    for (const bad of ['7501', 'ABCDE', '00123', '750111']) {
      const res = await client.submit('/compte/profil', { ...valid, postcode: bad });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Le code postal est composé de 5 chiffres');
    }
  });

  it('refuses an unknown country code or permit category, and a permit number with symbols', async () => {
    const { client } = await signedIn();
    const res = await client.submit('/compte/profil', { ...valid, birthCountry: 'XX', nationality: 'France', permitCategory: 'diplomat', permitNumber: 'AB-12/34', sex: 'Q' });
    expect(res.statusCode).toBe(400);
    for (const field of ['birthCountry', 'nationality', 'permitCategory', 'sex']) expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain('Choisissez une des options proposées.');
    expect(res.body).toContain('Le numéro du titre ne contient que des lettres et des chiffres.');
  });

  it('stores HTML as text and always shows it escaped', async () => {
    const { user, client } = await signedIn();
    const script = '<script>alert(1)</script>';
    const res = await client.submit('/compte/profil', { ...valid, birthPlace: script, addressLine: `"><img src=x onerror=alert(1)>` });
    expect(res.statusCode).toBe(303);
    expect((await profileOf(user.id))?.birthPlace).toBe(script);
    const page = await client.get('/compte/profil');
    expect(page.body).not.toContain(script);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect(page.body).toContain('value="&quot;>&lt;img src=x onerror=alert(1)>"');

    // In a name it is refused, and echoed escaped.
    const refused = await client.submit('/compte/profil', { ...valid, surname: script });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Utilisez uniquement des lettres');
    expect(refused.body).not.toContain(script);
  });

  it('refuses overlong values with the limit in the message', async () => {
    const { user, client } = await signedIn();
    const res = await client.submit('/compte/profil', {
      ...valid,
      surname: 'a'.repeat(101),
      givenNamesLatin: 'B'.repeat(101),
      birthPlace: 'x'.repeat(101),
      permitNumber: 'A'.repeat(21),
      addressLine: 'y'.repeat(121),
      town: 'z'.repeat(61),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Saisissez au plus 100 caractères.');
    expect(res.body).toContain('Saisissez au plus 20 caractères.');
    expect(res.body).toContain('Saisissez au plus 120 caractères.');
    expect(res.body).toContain('Saisissez au plus 60 caractères.');
    expect(res.body).toContain(`value="${'z'.repeat(61)}"`);
    expect(await profileEvents(user.id)).toHaveLength(0);
  });

  it('refuses a field sent twice (an array) with a 400, never a 500', async () => {
    const { user, client } = await signedIn();
    await client.get('/compte/profil');
    const res = await postRaw(client, '/compte/profil', 'surname=Dupont&surname=Durand&birthDate-day=1&birthDate-day=2&birthDate-month=1&birthDate-year=1990');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#surname"');
    expect(res.body).toContain('href="#birthDate-day"');
    expect(res.body).toContain('Le format n');
    expect(await profileEvents(user.id)).toHaveLength(0);
  });

  it('writes one history entry for a double submit, and nothing for a save without change', async () => {
    const { user, client } = await signedIn();
    await client.get('/compte/profil');
    // A double click: the same form twice at once, with the same token.
    const [a, b] = await Promise.all([client.post('/compte/profil', valid), client.post('/compte/profil', valid)]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect([a.headers.location, b.headers.location].sort()).toEqual(['/compte/profil?resultat=enregistre', '/compte/profil?resultat=inchange']);
    expect(await profileEvents(user.id)).toHaveLength(1);

    const again = await client.submit('/compte/profil', valid);
    expect(again.headers.location).toBe('/compte/profil?resultat=inchange');
    expect((await client.follow(again)).body).toContain('Vos informations étaient déjà à jour');
    expect(await profileEvents(user.id)).toHaveLength(1);
  });

  it("never shows or changes another person's profile", async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    await alice.client.submit('/compte/profil', { ...valid, surname: 'Zorglub', foreignerNumber: '9999999999' });
    const bobPage = await bob.client.get(`/compte/profil?userId=${alice.user.id}`);
    expect(bobPage.statusCode).toBe(200);
    expect(bobPage.body).not.toContain('Zorglub');
    expect(bobPage.body).not.toContain('9999999999');
    const bobSaves = await bob.client.submit('/compte/profil', { surname: 'Martin', userId: alice.user.id });
    expect(bobSaves.statusCode).toBe(303);
    expect((await profileOf(alice.user.id))?.surname).toBe('Zorglub');
    expect((await profileOf(bob.user.id))?.surname).toBe('Martin');
  });

  it('sends a signed-out visitor to the login page, and refuses a post without a session with a 401', async () => {
    const visitor = ctx.client();
    const page = await visitor.get('/compte/profil');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/connexion?retour=%2Fcompte%2Fprofil');

    await visitor.get('/connexion');
    const post = await visitor.post('/compte/profil', valid);
    expect(post.statusCode).toBe(401);
    expect(post.body).toContain('Session expirée');

    // A session that expired while the form was open: the same clear 401, and nothing saved.
    const { user, client } = await signedIn();
    await client.get('/compte/profil');
    ctx.clock.advance(ctx.config.SESSION_IDLE_MINUTES * MINUTE + MINUTE);
    const late = await client.post('/compte/profil', valid);
    expect(late.statusCode).toBe(401);
    expect((await profileOf(user.id))?.surname).toBeNull();
  });

  it('shows the form in English, with countries named and sorted in English', async () => {
    const { client } = await signedIn();
    await client.get('/langue/en?retour=/compte/profil');
    const res = await client.submit('/compte/profil', { ...valid, postcode: '123' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<html lang="en"');
    expect(res.body).toContain('The postcode has 5 digits');
    expect(res.body).toMatch(/<option value="DZ" selected>Algeria<\/option>/);
    const names = [...res.body.matchAll(/<select[^>]*id="nationality"[\s\S]*?<\/select>/g)][0]![0];
    expect(names.indexOf('Egypt')).toBeGreaterThan(names.indexOf('Denmark'));
    expect(names.indexOf('Egypt')).toBeLessThan(names.indexOf('France'));
  });
});
