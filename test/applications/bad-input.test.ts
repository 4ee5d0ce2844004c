import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications } from '../../src/db/schema';
import { createTestContext, type TestContext } from '../support/harness';
import { logInAs } from '../support/builders';
import { buildReadyRenewal } from '../support/application-builders';
import { applicationRow, dateBoxes, redirectOf, signedInApplicant, startThroughPage, textOf, validFee } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-10T09:00:00Z'));
});
afterAll(() => ctx.close());

describe('bad input at every step: a clear message, a 4xx, what was typed kept', () => {
  it('keeps a date that does not exist, as typed, and says why', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await startThroughPage(c, 'renewal_salarie');
    await c.get(`/demarches/${id}/etape/identite`);
    const res = await c.post(`/demarches/${id}/etape/identite`, { surname: 'Diallo', given_names: 'Awa', ...dateBoxes('birth_date', '31', '02', '1990'), nationality: 'SN' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="resume-erreurs"');
    expect(textOf(res.body)).toContain("Cette date n'existe pas");
    expect(res.body).toContain('name="birth_date-day" value="31"');
    expect(res.body).toContain('aria-describedby="birth_date-hint birth_date-error"');
    expect((await applicationRow(ctx.services, id)).answers.birth_date).toBe('31/02/1990');
    // Resumed from another device, the typed date is still there with its message.
    const other = ctx.client();
    await logInAs(other, user);
    const resumed = await other.get(`/demarches/${id}/etape/identite?verifier=1`);
    expect(resumed.body).toContain('name="birth_date-month" value="02"');
    expect(textOf(resumed.body)).toContain("Cette date n'existe pas");
  });

  it('refuses markup in a name and overlong text, showing it back escaped', async () => {
    const { client: c } = await signedInApplicant(ctx);
    const id = await startThroughPage(c, 'first_visiteur');
    await c.get(`/demarches/${id}/etape/identite`);
    const script = await c.post(`/demarches/${id}/etape/identite`, { surname: '<script>alert(1)</script>', given_names: 'Awa', ...dateBoxes('birth_date', '1', '1', '1990'), nationality: 'SN' });
    expect(script.statusCode).toBe(400);
    expect(script.body).not.toContain('<script>alert(1)</script>');
    expect(script.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
    expect(textOf(script.body)).toContain('Utilisez uniquement des lettres');
    expect((await applicationRow(ctx.services, id)).answers.surname).toBe('<script>alert(1)</script>');

    await c.get(`/demarches/${id}/etape/adresse`);
    const long = await c.post(`/demarches/${id}/etape/adresse`, { address_line: '1 rue <b>', postcode: '00000', town: 'x'.repeat(200) });
    expect(long.statusCode).toBe(400);
    const text = textOf(long.body);
    expect(text).toContain('caractères non acceptés');
    expect(text).toContain('Saisissez un code postal français à 5 chiffres');
    expect(text).toContain('Saisissez au plus 60 caractères');
    expect(long.body).toContain(`value="${'x'.repeat(200)}"`);
  });

  it('refuses a NUL character, which the database cannot store, with a translated 400 and the saved draft untouched', async () => {
    const { client: c } = await signedInApplicant(ctx);
    const id = await startThroughPage(c, 'renewal_salarie');
    await c.get(`/demarches/${id}/etape/identite`);
    const identity = { surname: 'Diallo', given_names: 'Awa', ...dateBoxes('birth_date', '1', '1', '1990'), nationality: 'SN' };
    expect((await c.post(`/demarches/${id}/etape/identite`, identity)).statusCode).toBe(303);
    // Once a 500 from the draft save, after the form had been judged.
    const res = await c.post(`/demarches/${id}/etape/identite`, { ...identity, surname: 'Dia\u0000llo' });
    expect(res.statusCode).toBe(400);
    expect(textOf(res.body)).toContain('Les informations envoyées ne sont pas valides');
    expect((await applicationRow(ctx.services, id)).answers.surname).toBe('Diallo');
  });

  it('refuses a tax stamp or e-photo code that is malformed or unknown to the issuing service', async () => {
    const { client: c } = await signedInApplicant(ctx);
    const id = await startThroughPage(c, 'renewal_etudiant');
    await c.get(`/demarches/${id}/etape/timbre-et-photo`);
    const malformed = await c.post(`/demarches/${id}/etape/timbre-et-photo`, { timbre: '12345', ephoto: validFee.ephoto });
    expect(malformed.statusCode).toBe(400);
    expect(textOf(malformed.body)).toContain('comporte 16 chiffres');
    expect(malformed.body).toContain('value="12345"');
    const unknown = await c.post(`/demarches/${id}/etape/timbre-et-photo`, { timbre: '1234567890123456', ephoto: validFee.ephoto });
    expect(unknown.statusCode).toBe(400);
    expect(textOf(unknown.body)).toContain("Ce numéro de timbre fiscal n'est pas reconnu");
    expect((await applicationRow(ctx.services, id)).timbreReference).toBe('1234567890123456');
  });

  it('answers "not found" for an unknown procedure, step or id, and for someone else’s application', async () => {
    const { client: c } = await signedInApplicant(ctx);
    await c.get('/demarches/nouvelle');
    expect((await c.post('/demarches', { procedure: 'renewal_martian' })).statusCode).toBe(404);
    expect((await c.post('/demarches', {})).statusCode).toBe(404);

    const owner = await signedInApplicant(ctx);
    const theirs = await startThroughPage(owner.client, 'first_etudiant');
    const filed = await buildReadyRenewal(ctx.services, owner.user);
    for (const path of [
      `/demarches/${theirs}`,
      `/demarches/${theirs}/etape/identite`,
      `/demarches/${theirs}/verification`,
      `/demarches/${filed}/corriger/identite`,
      `/demarches/${filed}/retrait`,
      `/demarches/${theirs}/export.zip`,
      '/demarches/not-a-uuid',
      '/demarches/00000000-0000-4000-8000-000000000000/etape/identite',
    ]) {
      const res = await c.get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).not.toContain('Diallo');
    }
    await c.get('/demarches');
    for (const path of [`/demarches/${theirs}/etape/identite`, `/demarches/${theirs}/deposer`, `/demarches/${filed}/retrait`, `/demarches/${filed}/corriger/identite`]) {
      expect((await c.post(path, { surname: 'Intrus' })).statusCode, path).toBe(404);
    }
    expect((await applicationRow(ctx.services, theirs)).answers.surname).toBe('Diallo');

    const mine = await startThroughPage(c, 'first_etudiant');
    expect((await c.get(`/demarches/${mine}/etape/inconnue`)).statusCode).toBe(404);
    // A first application has no current permit step.
    expect((await c.get(`/demarches/${mine}/etape/titre-actuel`)).statusCode).toBe(404);
  });

  it('refuses a post without its form token, and sends a signed-out visitor to the login page', async () => {
    const { client: c } = await signedInApplicant(ctx);
    const id = await startThroughPage(c, 'duplicate');
    const forged = await c.post(`/demarches/${id}/etape/identite`, { surname: 'Forgé' }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    const anonymous = ctx.client();
    expect(redirectOf(await anonymous.get('/demarches'))).toBe('/connexion?retour=%2Fdemarches');
    expect(redirectOf(await anonymous.get(`/demarches/${id}`))).toContain('/connexion?retour=');
  });

  it('re-asks the questionnaire with its messages when an answer is missing or invalid', async () => {
    const { client: c } = await signedInApplicant(ctx);
    const noStatus = await c.get('/demarches/nouvelle/situation?status=<b>');
    expect(noStatus.statusCode).toBe(400);
    expect(textOf(noStatus.body)).toContain('Choisissez une des options proposées');
    const missing = await c.get(`/demarches/nouvelle/resultat?${new URLSearchParams({ status: 'permit', category: 'salarie', ...dateBoxes('expires_on', '30', '13', '2026') })}`);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('name="expires_on-month" value="13"');
    expect(textOf(missing.body)).toContain("Cette date n'existe pas");
  });

  it('sends a filing with problems to the first step concerned, showing what is wrong', async () => {
    const { client: c } = await signedInApplicant(ctx);
    const id = await startThroughPage(c, 'renewal_salarie');
    await c.get(`/demarches/${id}/verification`);
    const refused = await c.post(`/demarches/${id}/deposer`);
    expect(redirectOf(refused)).toBe(`/demarches/${id}/etape/situation?verifier=1&retour=verification`);
    const step = await c.follow(refused);
    expect(step.body).toContain('id="resume-erreurs"');
    expect(textOf(step.body)).toContain("Votre demande n'est pas encore déposée");
    expect((await applicationRow(ctx.services, id)).status).toBe('draft');
    // Fixed from the review: back to the review.
    expect(redirectOf(await c.post(`/demarches/${id}/etape/situation`, { same_employer: 'no', retour: 'verification' }))).toBe(`/demarches/${id}/verification`);
    const review = await c.get(`/demarches/${id}/verification`);
    expect(review.body).toContain('id="review-problems"');
    expect(textOf(review.body)).toContain('Pièces justificatives : 6 pièces manquantes');
  });
});

describe('two tabs on one draft', () => {
  it('keeps what each tab saved, the later save winning on a field both changed', async () => {
    const { user, client: tabA } = await signedInApplicant(ctx);
    const id = await startThroughPage(tabA, 'renewal_salarie');
    const tabB = ctx.client();
    await logInAs(tabB, user);
    await tabA.get(`/demarches/${id}/etape/identite`);
    await tabB.get(`/demarches/${id}/etape/adresse`);
    expect(redirectOf(await tabA.post(`/demarches/${id}/etape/identite`, { surname: 'Diallo', given_names: 'Awa Fatou', ...dateBoxes('birth_date', '12', '4', '1990'), nationality: 'SN' }))).toContain(
      '/etape/adresse',
    );
    expect(redirectOf(await tabB.post(`/demarches/${id}/etape/adresse`, { address_line: '3 place du Marché', postcode: '69003', town: 'Lyon' }))).toContain('/etape/titre-actuel');
    let row = await applicationRow(ctx.services, id);
    expect(row.answers).toMatchObject({ given_names: 'Awa Fatou', address_line: '3 place du Marché', postcode: '69003' });
    expect(row.prefectureCode).toBe('69');

    await tabA.get(`/demarches/${id}/etape/adresse`);
    await tabA.post(`/demarches/${id}/etape/adresse`, { address_line: '5 quai Saint-Vincent', postcode: '69001', town: 'Lyon' });
    row = await applicationRow(ctx.services, id);
    expect(row.answers.address_line).toBe('5 quai Saint-Vincent');
    expect(row.answers.given_names).toBe('Awa Fatou');
  });

  it('sends the other tab to the file page once the draft is filed there, changing nothing', async () => {
    const { user, client: tabA } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    await ctx.services.db.update(applications).set({ timbreReference: validFee.timbre, ephotoCode: validFee.ephoto }).where(eq(applications.id, id));
    const tabB = ctx.client();
    await logInAs(tabB, user);
    await tabB.get(`/demarches/${id}/etape/identite`);
    await tabA.get(`/demarches/${id}/verification`);
    expect(redirectOf(await tabA.post(`/demarches/${id}/deposer`))).toBe(`/demarches/${id}`);
    expect(redirectOf(await tabB.post(`/demarches/${id}/etape/identite`, { surname: 'Changé' }))).toBe(`/demarches/${id}`);
    expect((await applicationRow(ctx.services, id)).answers.surname).toBe('Diallo');
  });
});
