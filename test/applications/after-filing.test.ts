import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { amendments, applications, auditEvents, profiles } from '../../src/db/schema';
import { correctAnswers } from '../../src/modules/applications/correct-answers';
import { fileApplication } from '../../src/modules/applications/file-application';
import { startApplication } from '../../src/modules/applications/start-application';
import type { AppError } from '../../src/platform/errors';
import { attachRequiredDocuments, buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { applicationRow, auditActions, dateBoxes, redirectOf, signedInApplicant, textOf } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-10T09:00:00Z'));
});
afterAll(() => ctx.close());

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('correcting answers after filing', () => {
  it('records old and new values as an amendment, audits it, and shows it in the history', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    await fileApplication(ctx.services, user.id, id, metaFor(user));

    const page = await c.get(`/demarches/${id}`);
    expect(page.body).toContain(`href="/demarches/${id}/corriger/identite"`);
    await c.get(`/demarches/${id}/corriger/identite`);
    const bad = await c.post(`/demarches/${id}/corriger/identite`, { surname: 'Diallo', given_names: '', ...dateBoxes('birth_date', '12', '4', '1990'), nationality: 'SN' });
    expect(bad.statusCode).toBe(400);
    expect(textOf(bad.body)).toContain('Ce champ est obligatoire');
    expect((await applicationRow(ctx.services, id)).answers.given_names).toBe('Awa');

    const ok = await c.post(`/demarches/${id}/corriger/identite`, { surname: 'Diallo-Ba', given_names: 'Awa', ...dateBoxes('birth_date', '12', '4', '1990'), nationality: 'SN' });
    expect(redirectOf(ok)).toBe(`/demarches/${id}`);
    const row = await applicationRow(ctx.services, id);
    expect(row.answers.surname).toBe('Diallo-Ba');
    expect(row.status).toBe('filed');
    const [amendment] = await ctx.services.db.select().from(amendments).where(eq(amendments.applicationId, id));
    expect(amendment).toMatchObject({ kind: 'answers_corrected', data: { changes: [{ field: 'surname', old: 'Diallo', new: 'Diallo-Ba' }] } });
    expect(await auditActions(ctx.services, id)).toContain('application.answers_corrected');

    const history = textOf((await c.get(`/demarches/${id}`)).body);
    expect(history).toContain('Votre correction est enregistrée');
    expect(history).toContain('Réponses corrigées après le dépôt : Nom de famille : « Diallo » remplacé par « Diallo-Ba »');

    // The same correction again changes nothing and records nothing.
    await c.get(`/demarches/${id}/corriger/identite`);
    await c.post(`/demarches/${id}/corriger/identite`, { surname: 'Diallo-Ba', given_names: 'Awa', ...dateBoxes('birth_date', '12', '4', '1990'), nationality: 'SN' });
    expect(await ctx.services.db.select().from(amendments).where(eq(amendments.applicationId, id))).toHaveLength(1);
  });

  it('re-judges a renewal on time or late when its expiry date is corrected', async () => {
    const user = await buildApplicant(ctx.services, { permitExpiresOn: '2026-06-30' });
    const id = await buildReadyRenewal(ctx.services, user);
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    expect((await applicationRow(ctx.services, id)).filedOnTime).toBe(true);
    // Filed on 10 March: on time for a card expiring on 30 June, late for one expiring on 30 April (its window closed on 1 March).
    await correctAnswers(ctx.services, user.id, id, { permit_expires_on: '2026-04-30' }, metaFor(user));
    expect(await applicationRow(ctx.services, id)).toMatchObject({ filedOnTime: false, currentPermitExpiresOn: '2026-04-30' });
  });

  it('refuses corrections on a draft, a withdrawn application, and with an invalid value', async () => {
    const user = await buildApplicant(ctx.services);
    const draft = await startApplication(ctx.services, user.id, 'duplicate', metaFor(user));
    expect((await refusal(correctAnswers(ctx.services, user.id, draft, { surname: 'X' }, metaFor(user)))).code).toBe('conflict');
    const id = await buildReadyRenewal(ctx.services, user);
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    const invalid = await refusal(correctAnswers(ctx.services, user.id, id, { postcode: '99999', surname: 'Ok' }, metaFor(user)));
    expect(invalid.options.fields).toEqual({ postcode: 'validation.postcode' });
    await ctx.services.db.update(applications).set({ status: 'withdrawn' }).where(eq(applications.id, id));
    expect((await refusal(correctAnswers(ctx.services, user.id, id, { surname: 'Y' }, metaFor(user)))).code).toBe('conflict');
  });
});

describe('withdrawing', () => {
  it('asks for confirmation, then withdraws; the file can no longer be corrected', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    const confirm = await c.get(`/demarches/${id}/retrait`);
    expect(confirm.statusCode).toBe(200);
    expect(textOf(confirm.body)).toContain('aucune attestation de prolongation');
    expect((await applicationRow(ctx.services, id)).status).toBe('filed');
    expect(redirectOf(await c.post(`/demarches/${id}/retrait`))).toBe(`/demarches/${id}`);
    expect(redirectOf(await c.post(`/demarches/${id}/retrait`))).toBe(`/demarches/${id}`);
    expect((await auditActions(ctx.services, id)).filter((a) => a === 'application.withdrawn')).toHaveLength(1);
    const page = textOf((await c.get(`/demarches/${id}`)).body);
    expect(page).toContain('Retirée');
    expect(page).toContain('Demande retirée.');
    expect(page).not.toContain('Retirer ma demande');
    expect(redirectOf(await c.get(`/demarches/${id}/corriger/identite`))).toBe(`/demarches/${id}`);
    expect(redirectOf(await c.get(`/demarches/${id}/retrait`))).toBe(`/demarches/${id}`);
  });

  it('cannot withdraw a draft (409, translated)', async () => {
    const { client: c } = await signedInApplicant(ctx);
    await c.get('/demarches/nouvelle');
    const step = redirectOf(await c.post('/demarches', { procedure: 'first_visiteur' }));
    const id = /\/demarches\/([0-9a-f-]{36})\//.exec(step)![1]!;
    await c.get(`/demarches/${id}`);
    const res = await c.post(`/demarches/${id}/retrait`);
    expect(res.statusCode).toBe(409);
    expect(textOf(res.body)).toContain("Cette action n'est pas possible");
  });
});

describe('a decided application', () => {
  it('shows its decision and is sealed: no correction, no withdrawal, still downloadable', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    await ctx.services.db.update(applications).set({ status: 'decided', decision: 'favourable', decidedAt: ctx.clock.now() }).where(eq(applications.id, id));
    const page = await c.get(`/demarches/${id}`);
    const text = textOf(page.body);
    expect(text).toContain('Décision rendue');
    expect(text).toContain('Favorable, le 10 mars 2026');
    expect(page.body).not.toContain(`/demarches/${id}/corriger/`);
    expect(page.body).not.toContain(`/demarches/${id}/retrait`);
    expect(redirectOf(await c.get(`/demarches/${id}/corriger/identite`))).toBe(`/demarches/${id}`);
    expect(redirectOf(await c.post(`/demarches/${id}/corriger/identite`, { surname: 'Autre' }))).toBe(`/demarches/${id}`);
    expect((await c.post(`/demarches/${id}/retrait`)).statusCode).toBe(409);
    expect((await applicationRow(ctx.services, id)).answers.surname).toBe('Diallo');
    expect((await c.get(`/demarches/${id}/export.zip`)).statusCode).toBe(200);
  });
});

describe('declaring a move', () => {
  it('updates the profile address once filed, so the next application goes to the new prefecture', async () => {
    const { user, client: c } = await signedInApplicant(ctx, { postcode: '75019' });
    await c.get('/demarches/nouvelle');
    const step = redirectOf(await c.post('/demarches', { procedure: 'change_of_situation', change_kind: 'address' }));
    const id = /\/demarches\/([0-9a-f-]{36})\//.exec(step)![1]!;
    const address = await c.get(`/demarches/${id}/etape/adresse`);
    expect(textOf(address.body)).toContain('Numéro et voie de votre nouvelle adresse');
    await c.post(`/demarches/${id}/etape/adresse`, { address_line: '8 rue Paradis', postcode: '13001', town: 'Marseille' });
    await attachRequiredDocuments(ctx.services, id);
    // Before filing, nothing moves.
    const [before] = await ctx.services.db.select().from(profiles).where(eq(profiles.userId, user.id));
    expect(before?.postcode).toBe('75019');

    await c.get(`/demarches/${id}/verification`);
    expect(redirectOf(await c.post(`/demarches/${id}/deposer`))).toBe(`/demarches/${id}`);
    expect(await applicationRow(ctx.services, id)).toMatchObject({ status: 'filed', prefectureCode: '13' });
    const [after] = await ctx.services.db.select().from(profiles).where(eq(profiles.userId, user.id));
    expect(after).toMatchObject({ addressLine: '8 rue Paradis', postcode: '13001', town: 'Marseille' });
    const profileEvents = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, user.id)).orderBy(asc(auditEvents.seq));
    expect(profileEvents.find((e) => e.action === 'profile.updated')?.data).toMatchObject({ source: 'application', applicationId: id });

    const next = await startApplication(ctx.services, user.id, 'renewal_salarie', metaFor(user));
    expect(await applicationRow(ctx.services, next)).toMatchObject({ prefectureCode: '13', answers: { postcode: '13001', town: 'Marseille' } });
    // The account history shows it as an identity change.
    expect(textOf((await c.get('/compte/historique')).body)).toContain('adresse, code postal et commune');
  });

  it('leaves the profile alone for other changes of situation', async () => {
    const user = await buildApplicant(ctx.services, { postcode: '59000' });
    const id = await startApplication(ctx.services, user.id, 'change_of_situation', metaFor(user), { change_kind: 'civil_status' });
    await ctx.services.db
      .update(applications)
      .set({ answers: { ...(await applicationRow(ctx.services, id)).answers, address_line: '1 rue Ailleurs', postcode: '31000', town: 'Toulouse' } })
      .where(eq(applications.id, id));
    await attachRequiredDocuments(ctx.services, id);
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    const [profile] = await ctx.services.db.select().from(profiles).where(eq(profiles.userId, user.id));
    expect(profile?.postcode).toBe('59000');
  });
});
