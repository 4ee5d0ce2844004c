import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditEvents, shareCodes } from '../../src/db/schema';
import { DAY } from '../../src/platform/clock';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import { buildApplicant } from '../support/application-builders';
import { buildAttestation } from '../support/attestation-builders';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function holderWithApri(options: { allowsWork?: boolean } = {}) {
  const holder = await buildApplicant(ctx.services);
  await buildAttestation(ctx.services, { holder, kind: 'apri', validFrom: '2026-03-02', validTo: '2026-06-01', allowsWork: options.allowsWork ?? true });
  const c = ctx.client();
  await logInAs(c, holder);
  return { holder, c };
}

/** Creates a code through the form, as a browser would: the post, then the page it redirects to. */
async function createCode(c: TestClient, purpose: string) {
  const posted = await c.submit('/compte/partage', { purpose });
  expect(posted.statusCode).toBe(303);
  expect(posted.headers.location).toBe('/compte/partage');
  const res = await c.follow(posted);
  expect(res.statusCode).toBe(200);
  const code = /id="share-code">([A-Z0-9-]+)</.exec(res.body)?.[1];
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
  return { code: code!, res };
}

let verifierIp = 0;
function check(code: string, birth: [string, string, string], organisation = 'Boulangerie Dupont', ip = `198.51.100.${++verifierIp}`) {
  const v = ctx.client();
  v.ip = ip;
  return v.submit('/verifier-un-droit', { code, 'birth-day': birth[0], 'birth-month': birth[1], 'birth-year': birth[2], organisation });
}
const BIRTH: [string, string, string] = ['12', '4', '1990'];
const resultOf = (body: string) => /<div class="fr-alert[^"]*fr-mb-4w" role="status">[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';

describe('share codes', () => {
  it('are shown once at creation, stored only as a keyed hash, and audited', async () => {
    const { holder, c } = await holderWithApri();
    const { code, res } = await createCode(c, 'work');
    expect(res.body).toContain('Usage : Travail (employeur). Valable jusqu’au 31 mai 2026.');
    expect(res.body).toContain('il ne sera plus jamais affiché');
    const rows = await ctx.services.db.select().from(shareCodes).where(eq(shareCodes.holderId, holder.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''));
    expect(rows[0]!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(90 * DAY);
    const page = await c.get('/compte/partage');
    expect(page.body).not.toContain(code);
    expect(page.body).toContain('valable jusqu’au 31 mai 2026');
    const audit = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, holder.id)).orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.action)).toContain('share_code.created');
  });

  it('are created by POST → redirect → GET: reloading the page shows the code no more and creates no other', async () => {
    const { holder, c } = await holderWithApri();
    const posted = await c.submit('/compte/partage', { purpose: 'housing' });
    // The answer to the post is a redirect, never the page itself: a reload cannot post again.
    expect(posted.statusCode).toBe(303);
    expect(posted.body).not.toMatch(/id="share-code"/);
    const shown = await c.follow(posted);
    const code = /id="share-code">([A-Z0-9-]+)</.exec(shown.body)?.[1];
    expect(code).toBeDefined();
    expect(shown.headers['cache-control']).toBe('no-store');
    // The reload: the same GET again.
    const reloaded = await c.get('/compte/partage');
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.body).not.toContain(code!);
    expect(reloaded.body).not.toMatch(/id="share-code"/);
    expect(reloaded.body).toContain('Logement');
    expect(await ctx.services.db.select().from(shareCodes).where(eq(shareCodes.holderId, holder.id))).toHaveLength(1);
  });

  it('travel to the page that shows them sealed, bound to the holder, for two minutes at most', async () => {
    const { c } = await holderWithApri();
    const posted = await c.submit('/compte/partage', { purpose: 'work' });
    type Cookie = { name: string; value: string; path?: string; maxAge?: number; httpOnly?: boolean; sameSite?: string };
    const cookie = (posted.cookies as Cookie[]).find((k) => k.name === 'sesame_share_reveal')!;
    expect(cookie).toMatchObject({ path: '/compte/partage', maxAge: 120, httpOnly: true, sameSite: 'Lax' });
    const code = /id="share-code">([A-Z0-9-]+)</.exec((await c.follow(posted)).body)![1]!;
    expect(cookie.value).not.toContain(code.replace(/-/g, ''));
    // Shown, then cleared.
    expect(c.cookies.has('sesame_share_reveal')).toBe(false);

    // Another account given the same cookie sees nothing.
    const { c: other } = await holderWithApri();
    other.cookies.set('sesame_share_reveal', cookie.value);
    expect((await other.get('/compte/partage')).body).not.toMatch(/id="share-code"/);
    // Nor the holder once two minutes have passed (a cookie kept past its age), nor an altered one.
    const late = await c.submit('/compte/partage', { purpose: 'work' });
    const lateCookie = (late.cookies as Cookie[]).find((k) => k.name === 'sesame_share_reveal')!.value;
    ctx.clock.advance(121_000);
    expect((await c.get('/compte/partage')).body).not.toMatch(/id="share-code"/);
    c.cookies.set('sesame_share_reveal', lateCookie.slice(0, -2) + (lateCookie.endsWith('A') ? 'BB' : 'AA'));
    expect((await c.get('/compte/partage')).body).not.toMatch(/id="share-code"/);
  });

  it('let an employer see "may work until" and the holder’s name — nothing more', async () => {
    const { c } = await holderWithApri();
    const { code } = await createCode(c, 'work');
    const res = await check(code.toLowerCase().replace(/-/g, ' '), BIRTH);
    expect(res.statusCode).toBe(200);
    const result = resultOf(res.body);
    expect(result).toContain('Peut travailler en France jusqu’au 1 juin 2026 inclus.');
    expect(result).toContain('Titulaire : Awa DIALLO.');
    // Random values on every page (the CSRF token, the request id in the footer) may hold "SN"
    // or five digits by chance: out of the comparison.
    const page = res.body.replace(/name="_csrf" value="[^"]*"/g, '').replace(/requete=[0-9a-f-]+/g, '');
    expect(page).not.toMatch(/Lilas|75019|SN|FR7654321|1990-04-12/);
    // The date of birth is not echoed back into the next form.
    expect(res.body).not.toContain('value="1990"');
  });

  it('let a landlord see lawful stay until the end of consecutive attestations, work or not', async () => {
    const { holder, c } = await holderWithApri({ allowsWork: false });
    await buildAttestation(ctx.services, { holder, kind: 'apri', validFrom: '2026-06-02', validTo: '2026-09-01', allowsWork: false });
    const { code } = await createCode(c, 'housing');
    expect(resultOf((await check(code, BIRTH)).body)).toContain('Séjour régulier en France jusqu’au 1 septembre 2026 inclus.');
    const work = await createCode(c, 'work');
    expect(resultOf((await check(work.code, BIRTH)).body)).toContain('Sésame ne peut pas confirmer aujourd’hui un droit de travailler en France.');
  });

  it('answer the same "not found or not valid" for a wrong birth date, an unknown, a revoked or an expired code', async () => {
    const { c } = await holderWithApri();
    const { code } = await createCode(c, 'benefits');
    const answers: string[] = [];
    const wrongBirth = await check(code, ['13', '4', '1990']);
    const unknown = await check('ABC-DEF-GHJ', BIRTH);
    for (const r of [wrongBirth, unknown]) {
      expect(r.statusCode).toBe(404);
      answers.push(resultOf(r.body));
    }
    // Revoke it from the holder's page.
    const page = await c.get('/compte/partage');
    const revokeUrl = /action="(\/compte\/partage\/[0-9a-f-]+\/revoquer)"/.exec(page.body)![1]!;
    const revoked = await c.post(revokeUrl);
    expect(revoked.statusCode).toBe(303);
    expect((await c.follow(revoked)).body).toContain('Le code a été retiré');
    const afterRevoke = await check(code, BIRTH);
    expect(afterRevoke.statusCode).toBe(404);
    answers.push(resultOf(afterRevoke.body));

    const other = await createCode(c, 'work');
    expect((await check(other.code, BIRTH)).statusCode).toBe(200);
    ctx.clock.advance(90 * DAY);
    const expired = await check(other.code, BIRTH);
    ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
    expect(expired.statusCode).toBe(404);
    answers.push(resultOf(expired.body));

    expect(answers[0]).toContain('Code introuvable ou non valable');
    expect(new Set(answers).size).toBe(1);
  });

  it('show the holder who checked, when, and with what result', async () => {
    const { c } = await holderWithApri();
    const { code } = await createCode(c, 'work');
    await check(code, BIRTH, 'SARL Les Jardins <b>bio</b>');
    await check(code, ['1', '1', '1991'], 'Agence Immo Centrale');
    const page = await c.get('/compte/partage');
    const table = /<table id="checks"[^>]*>[\s\S]*<\/table>/.exec(page.body)![0];
    expect(table).toContain('SARL Les Jardins &lt;b>bio&lt;/b>');
    expect(table).toContain('Droit confirmé');
    expect(table).toContain('Agence Immo Centrale');
    expect(table).toContain('Refusé : mauvaise date de naissance');
    expect(table).toContain('Code de partage : Travail (employeur)');
  });

  it('also list checks of the attestation itself (QR code or typed code) on the holder’s page', async () => {
    const holder = await buildApplicant(ctx.services);
    const att = await buildAttestation(ctx.services, { holder });
    await ctx.client().get(`/verify/${att.publicId}`);
    const c = ctx.client();
    await logInAs(c, holder);
    const table = /<table id="checks"[^>]*>[\s\S]*<\/table>/.exec((await c.get('/compte/partage')).body)![0];
    expect(table).toContain('Page de vérification (code QR ou code saisi)');
    expect(table).toContain(att.publicId);
    expect(table).toContain('Attestation valide');
  });

  it('cannot be revoked by someone else, nor twice', async () => {
    const { c } = await holderWithApri();
    await createCode(c, 'work');
    const revokeUrl = /action="(\/compte\/partage\/[0-9a-f-]+\/revoquer)"/.exec((await c.get('/compte/partage')).body)![1]!;
    const stranger = ctx.client();
    await logInAs(stranger, await buildUser(ctx.services));
    await stranger.get('/compte/partage');
    expect((await stranger.post(revokeUrl)).statusCode).toBe(404);
    expect((await c.post(revokeUrl)).statusCode).toBe(303);
    await c.get('/compte/partage');
    expect((await c.post(revokeUrl)).statusCode).toBe(404);
    expect((await c.post('/compte/partage/not-a-uuid/revoquer')).statusCode).toBe(404);
  });

  it('need an account, the anti-forgery token and a purpose', async () => {
    expect((await ctx.client().get('/compte/partage')).statusCode).toBe(303);
    const { c } = await holderWithApri();
    await c.get('/compte/partage');
    expect((await c.post('/compte/partage', { purpose: 'work' }, { csrf: null })).statusCode).toBe(403);
    const none = await c.submit('/compte/partage', {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choisissez à quoi servira ce code.');
    expect((await c.submit('/compte/partage', { purpose: 'spying' })).statusCode).toBe(400);
  });

  it('refuse a malformed check with messages next to the fields, keeping what was typed', async () => {
    const res = await check('W7K-9QX', ['31', '2', '1990'], '');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ce code n’a pas le bon format');
    expect(res.body).toContain('Saisissez le nom de votre organisme');
    expect(res.body).toContain('value="W7K-9QX"');
    const badDate = await check('W7K-9QX-4MP', ['31', '2', '1990']);
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('Saisissez une date de naissance qui existe');
    expect(badDate.body).toContain('value="31"');
  });

  it('are rate-limited per code, whatever the address, and per address', async () => {
    const { c } = await holderWithApri();
    const { code } = await createCode(c, 'work');
    for (let i = 0; i < 10; i++) expect((await check(code, ['1', '1', String(1950 + i)])).statusCode).toBe(404);
    const limited = await check(code, BIRTH);
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toMatch(/Trop de tentatives. Par sécurité, réessayez à partir de \d\d:\d\d\./);
    expect(limited.headers['retry-after']).toBeDefined();

    const ip = '192.0.2.55';
    for (let i = 0; i < 30; i++) await check(`ABC-DEF-${'GHJKMNPQRSTUVWXYZ23456789ABCDE'[i]}${'22'}`, BIRTH, 'X Corp', ip);
    expect((await check('ABC-DEF-GHJ', BIRTH, 'X Corp', ip)).statusCode).toBe(429);
  });
});
