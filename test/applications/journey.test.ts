import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';
import { lastMailTo } from '../support/builders';
import { attachRequiredDocuments } from '../support/application-builders';
import { applicationRow, auditActions, dateBoxes, redirectOf, signedInApplicant, textOf, validFee } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // The renewal window of a card expiring on 30 June 2026 opens on 2 March 2026.
  ctx.clock.set(new Date('2026-03-10T09:00:00Z'));
});
afterAll(() => ctx.close());

describe('the application journey, without JavaScript', () => {
  it('goes from "what should I file?" to a filed renewal, then shows the file page', async () => {
    const { user, client: c } = await signedInApplicant(ctx);

    const empty = await c.get('/demarches');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('id="applications-empty"');
    expect(empty.body).toContain('href="/demarches/nouvelle"');

    // The questions, as GET forms: nothing is created until "start".
    expect((await c.get('/demarches/nouvelle')).statusCode).toBe(200);
    const details = await c.get('/demarches/nouvelle/situation?status=permit');
    expect(details.statusCode).toBe(200);
    // The profile's expiry is already in the boxes.
    expect(details.body).toContain('name="expires_on-year" value="2026"');
    const result = await c.get(
      `/demarches/nouvelle/resultat?${new URLSearchParams({ status: 'permit', category: 'salarie', ...dateBoxes('expires_on', '30', '6', '2026'), card_problem: 'none', change: 'none' })}`,
    );
    expect(result.statusCode).toBe(200);
    const advice = textOf(result.body);
    expect(advice).toContain('Renouvellement de la carte de séjour « salarié »');
    expect(advice).toContain('au plus tard le 1 mai 2026');
    expect(result.body).toContain('name="procedure" value="renewal_salarie"');

    const started = await c.post('/demarches', { procedure: 'renewal_salarie' });
    const first = redirectOf(started);
    const id = /\/demarches\/([0-9a-f-]{36})\/etape\/situation$/.exec(first)![1]!;

    // Step by step: each POST saves, then moves on.
    await c.get(first);
    expect(redirectOf(await c.post(first, { same_employer: 'yes', action: 'continue' }))).toBe(`/demarches/${id}/etape/identite`);
    const identity = await c.get(`/demarches/${id}/etape/identite`);
    expect(identity.body).toContain('value="Diallo"');
    expect(identity.body).toContain('Étape 2 sur 7');
    expect(redirectOf(await c.post(`/demarches/${id}/etape/identite`, { surname: 'Diallo', given_names: 'Awa Marie', ...dateBoxes('birth_date', '12', '4', '1990'), nationality: 'SN' }))).toBe(
      `/demarches/${id}/etape/adresse`,
    );
    expect(redirectOf(await c.post(`/demarches/${id}/etape/adresse`, { address_line: '12 rue des Lilas', postcode: '75 019', town: 'Paris' }))).toBe(`/demarches/${id}/etape/titre-actuel`);
    const permit = await c.get(`/demarches/${id}/etape/titre-actuel`);
    const timing = textOf(permit.body);
    expect(timing).toContain('À partir du 2 mars 2026');
    expect(timing).toContain("Jusqu'au 1 mai 2026 inclus");
    expect(timing).toContain('il vous reste 52 jours pour déposer à temps');
    expect(timing).toContain('taxe supplémentaire de 180,00');
    expect(redirectOf(await c.post(`/demarches/${id}/etape/titre-actuel`, { permit_number: 'fr 765 4321', ...dateBoxes('permit_expires_on', '30', '06', '2026') }))).toBe(
      `/demarches/${id}/etape/justificatifs`,
    );

    const documents = await c.get(`/demarches/${id}/etape/justificatifs`);
    expect(documents.body).toContain('id="missing-documents"');
    expect(documents.body).toContain(`href="/demarches/${id}/pieces"`);
    await attachRequiredDocuments(ctx.services, id);
    expect((await c.get(`/demarches/${id}/etape/justificatifs`)).body).not.toContain('id="missing-documents"');

    expect(redirectOf(await c.post(`/demarches/${id}/etape/timbre-et-photo`, { timbre: validFee.timbre, ephoto: validFee.ephoto.toLowerCase() }))).toBe(`/demarches/${id}/verification`);

    const review = await c.get(`/demarches/${id}/verification`);
    expect(review.statusCode).toBe(200);
    expect(review.body).not.toContain('id="review-problems"');
    expect(textOf(review.body)).toContain('Awa Marie');
    expect(review.body).toContain(`href="/demarches/${id}/etape/identite?retour=verification"`);

    const filed = await c.post(`/demarches/${id}/deposer`);
    expect(redirectOf(filed)).toBe(`/demarches/${id}`);
    const page = await c.get(`/demarches/${id}`);
    expect(page.statusCode).toBe(200);
    const row = await applicationRow(ctx.services, id);
    expect(row).toMatchObject({ status: 'filed', filedOnTime: true, prefectureCode: '75' });
    expect(row.answers).toMatchObject({ postcode: '75019', permit_number: 'FR7654321', birth_date: '1990-04-12' });
    expect(row.ephotoCode).toBe(validFee.ephoto);
    const text = textOf(page.body);
    expect(text).toContain('Votre demande est déposée');
    expect(text).toContain(row.reference!);
    expect(text).toContain('Préfecture de police de Paris');
    expect(text).toContain('Demande déposée.');
    expect(text).toContain('Brouillon enregistré (5 fois).');
    expect(text).toContain('Votre demande a été déposée à temps');
    expect((await lastMailTo(ctx.services, user.email))?.subject).toContain(row.reference!);

    // Filing again (a double click, a back button) shows the same file, with one filing.
    expect(redirectOf(await c.post(`/demarches/${id}/deposer`))).toBe(`/demarches/${id}`);
    expect((await auditActions(ctx.services, id)).filter((a) => a === 'application.filed')).toHaveLength(1);
    expect((await applicationRow(ctx.services, id)).reference).toBe(row.reference);

    // The form of a filed application leads to its file page.
    expect(redirectOf(await c.get(`/demarches/${id}/etape/identite`))).toBe(`/demarches/${id}`);
    expect(redirectOf(await c.post(`/demarches/${id}/etape/identite`, { surname: 'Autre' }))).toBe(`/demarches/${id}`);
    expect(redirectOf(await c.get(`/demarches/${id}/verification`))).toBe(`/demarches/${id}`);
    expect((await applicationRow(ctx.services, id)).answers.surname).toBe('Diallo');

    const list = await c.get('/demarches');
    expect(textOf(list.body)).toContain(`Dossier n° ${row.reference}`);
  });

  it('runs several procedures at once, and resumes a draft rather than opening a second one', async () => {
    const { client: c } = await signedInApplicant(ctx);
    await c.get('/demarches/nouvelle');
    const a = redirectOf(await c.post('/demarches', { procedure: 'renewal_salarie' }));
    const b = redirectOf(await c.post('/demarches', { procedure: 'change_of_situation', change_kind: 'address' }));
    const again = redirectOf(await c.post('/demarches', { procedure: 'renewal_salarie' }));
    expect(again).toBe(a);
    expect(b).not.toBe(a);
    const list = await c.get('/demarches');
    expect(list.body.match(/class="fr-card"/g)).toHaveLength(2);
    const changeId = /\/demarches\/([0-9a-f-]{36})\//.exec(b)![1]!;
    expect((await applicationRow(ctx.services, changeId)).answers.change_kind).toBe('address');
  });

  it('keeps a draft saved "for later" and shows it in English to an English speaker', async () => {
    const { client: c } = await signedInApplicant(ctx);
    await c.get('/langue/en?retour=/demarches');
    await c.get('/demarches/nouvelle');
    const step = redirectOf(await c.post('/demarches', { procedure: 'duplicate' }));
    await c.get(step);
    const later = await c.post(step, { action: 'later' });
    expect(redirectOf(later)).toBe('/demarches');
    const list = await c.get('/demarches');
    expect(list.body).toContain('<html lang="en"');
    const text = textOf(list.body);
    expect(text).toContain('My applications');
    expect(text).toContain('Your draft is saved');
    expect(text).toContain('Duplicate of a lost, stolen or damaged residence permit');
    expect(text).toContain('Continue my application');
  });
});
