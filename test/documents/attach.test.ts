import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { amendments, applicationDocuments, applications, auditEvents } from '../../src/db/schema';
import { fileApplication } from '../../src/modules/applications/file-application';
import { startApplication } from '../../src/modules/applications/start-application';
import { buildApplicant, buildReadyRenewal, metaFor } from '../support/application-builders';
import { logInAs } from '../support/builders';
import { createDocumentsContext, currentLinkFor, documentsOf, linksOf, signedInApplicant, storedFiles } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { postMultipart } from '../support/multipart';
import { sampleJpeg, samplePdf } from '../support/sample-files';
import type { TestClient } from '../support/test-client';

let ctx: TestContext & { dataDir: string };
beforeAll(async () => {
  ctx = await createDocumentsContext();
  ctx.clock.set(new Date('2026-03-02T09:00:00Z'));
});
afterAll(async () => {
  await ctx.close();
  await rm(ctx.dataDir, { recursive: true, force: true });
});

const piecesUrl = (id: string) => `/demarches/${id}/pieces`;

async function uploadToVault(client: TestClient, kind: string, fileName = `${kind}.pdf`, bytes = samplePdf({ text: fileName })) {
  await client.get('/compte/documents');
  const res = await postMultipart(ctx.app, client, '/compte/documents', { kind }, { fileName, bytes });
  expect(res.statusCode).toBe(303);
}

async function uploadForPiece(client: TestClient, applicationId: string, kind: string, mode: 'add' | 'replace', bytes = samplePdf({ text: `${kind}-${mode}-${Math.random()}` })) {
  await client.get(piecesUrl(applicationId));
  return postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/${kind}`, { mode }, { fileName: `${kind}.pdf`, bytes });
}

const amendmentsOf = (id: string) => ctx.services.db.select().from(amendments).where(eq(amendments.applicationId, id));
const setStatus = (id: string, status: 'filed' | 'incomplete' | 'under_review' | 'decided' | 'closed' | 'withdrawn') =>
  ctx.services.db.update(applications).set({ status }).where(eq(applications.id, id));

describe('the documents page of an application', () => {
  it('lists every document the procedure asks for with the current answers, each missing at first', async () => {
    const { client, applicationId } = await signedInApplicant(ctx);
    const page = await client.get(piecesUrl(applicationId));
    expect(page.statusCode).toBe(200);
    for (const label of ['Passeport', 'Justificatif de domicile', 'Titre de séjour actuel', 'Contrat de travail', 'Bulletins de salaire']) expect(page.body).toContain(label);
    expect(page.body).toContain('Vos trois derniers bulletins de salaire, dans un seul fichier.');
    expect(page.body).not.toContain('Autorisation de travail');
    expect(page.body).toContain('Aucune pièce fournie sur 5.');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body.match(/<input type="hidden" name="_csrf"/g)?.length).toBeGreaterThanOrEqual(5);

    // A changed answer changes the list: another employer needs a work authorisation.
    await ctx.services.db.update(applications).set({ answers: { same_employer: 'no' } }).where(eq(applications.id, applicationId));
    expect((await client.get(piecesUrl(applicationId))).body).toContain('Autorisation de travail');
  });

  it('speaks English to an English speaker', async () => {
    const { client, applicationId } = await signedInApplicant(ctx);
    await client.get(`/langue/en?retour=${encodeURIComponent(piecesUrl(applicationId))}`);
    const page = await client.get(piecesUrl(applicationId));
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain('Supporting documents');
    expect(page.body).toContain('Your last three payslips, in a single file.');
    expect(page.body).toContain('No document provided out of 5.');
  });
});

describe('reusing the vault', () => {
  it('attaches the passport uploaded once to two applications, without uploading it again', async () => {
    const { user, client, applicationId: first } = await signedInApplicant(ctx);
    const second = await startApplication(ctx.services, user.id, 'renewal_etudiant', metaFor(user));
    await uploadToVault(client, 'passport');
    const [passport] = await documentsOf(ctx.services, user.id);
    const filesBefore = await storedFiles(ctx.dataDir);

    for (const id of [first, second]) {
      const page = await client.get(piecesUrl(id));
      expect(page.body).toContain('Ou utiliser un document déjà envoyé');
      expect(page.body).toContain(`value="${passport!.id}"`);
      const res = await client.post(`${piecesUrl(id)}/passport/coffre`, { mode: 'add', documentId: passport!.id });
      expect(res.statusCode).toBe(303);
      expect((await client.follow(res)).body).toContain('La pièce est ajoutée à votre démarche.');
      expect(await linksOf(ctx.services, id)).toMatchObject([{ documentId: passport!.id, kind: 'passport', replacedAt: null }]);
    }
    expect(await documentsOf(ctx.services, user.id)).toHaveLength(1);
    expect(await storedFiles(ctx.dataDir)).toEqual(filesBefore);
    expect((await client.get('/compte/documents')).body).toContain('Joint à 2 démarches');

    // The same choice sent twice (a double click) changes nothing.
    const again = await client.post(`${piecesUrl(first)}/passport/coffre`, { mode: 'add', documentId: passport!.id });
    expect(again.statusCode).toBe(303);
    expect(await linksOf(ctx.services, first)).toHaveLength(1);
  });

  it('refuses another person’s document (404), a document of another kind, and a second one added over the first', async () => {
    const owner = await signedInApplicant(ctx);
    const other = await signedInApplicant(ctx);
    await uploadToVault(other.client, 'passport');
    const [theirs] = await documentsOf(ctx.services, other.user.id);
    await owner.client.get(piecesUrl(owner.applicationId));
    const stolen = await owner.client.post(`${piecesUrl(owner.applicationId)}/passport/coffre`, { mode: 'add', documentId: theirs!.id });
    expect(stolen.statusCode).toBe(404);
    expect(await linksOf(ctx.services, owner.applicationId)).toEqual([]);

    await uploadToVault(owner.client, 'payslips', 'fiches.pdf');
    const [payslips] = await documentsOf(ctx.services, owner.user.id);
    await owner.client.get(piecesUrl(owner.applicationId));
    const mismatch = await owner.client.post(`${piecesUrl(owner.applicationId)}/passport/coffre`, { mode: 'add', documentId: payslips!.id });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain("Ce document n'est pas du type demandé ici.");

    const empty = await owner.client.post(`${piecesUrl(owner.applicationId)}/passport/coffre`, { mode: 'add' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choisissez un document parmi ceux de votre espace.');
    // A kind that no requirement has: "not found", not its message against a bare catalogue key.
    const unknownKind = await owner.client.post(`${piecesUrl(owner.applicationId)}/martian/coffre`, { mode: 'add' });
    expect(unknownKind.statusCode).toBe(404);
    expect(unknownKind.body).not.toContain('documents.kinds');

    expect((await uploadForPiece(owner.client, owner.applicationId, 'passport', 'add')).statusCode).toBe(303);
    // A second "add" (another tab, a stale page) does not silently replace the first.
    const second = await uploadForPiece(owner.client, owner.applicationId, 'passport', 'add');
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Une pièce a déjà été fournie pour ce document');
    expect(await currentLinkFor(ctx.services, owner.applicationId, 'passport')).toHaveLength(1);
  });
});

describe('replacing a document', () => {
  it('keeps the old link, dated, and shows the new one', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    expect((await uploadForPiece(client, applicationId, 'proof_of_address', 'add')).statusCode).toBe(303);
    const [old] = await linksOf(ctx.services, applicationId);
    ctx.clock.advance(60_000);
    const res = await uploadForPiece(client, applicationId, 'proof_of_address', 'replace', sampleJpeg(1000, 1400));
    expect(res.statusCode).toBe(303);
    expect((await client.follow(res)).body).toContain("La pièce est remplacée. L'ancienne reste conservée dans votre dossier.");

    const links = await linksOf(ctx.services, applicationId);
    expect(links).toHaveLength(2);
    expect(links.find((l) => l.id === old!.id)?.replacedAt).toEqual(ctx.clock.now());
    const current = links.find((l) => !l.replacedAt)!;
    expect(current.documentId).not.toBe(old!.documentId);
    expect(await documentsOf(ctx.services, user.id)).toHaveLength(2);
    const page = await client.get(piecesUrl(applicationId));
    expect(page.body).toContain('1 version précédente conservée');
    expect(page.body).toContain(`href="/documents/${current.documentId}"`);
    // The replaced file stays downloadable by its owner: nothing is lost.
    expect((await client.get(`/documents/${old!.documentId}`)).statusCode).toBe(200);
    // While a draft, nothing is reported to the office.
    expect(await amendmentsOf(applicationId)).toEqual([]);
  });

  it('refuses to "replace" where nothing was provided', async () => {
    const { client, applicationId } = await signedInApplicant(ctx);
    const res = await uploadForPiece(client, applicationId, 'passport', 'replace');
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Aucune pièce n'est encore fournie pour ce document");
  });
});

describe('after filing', () => {
  async function filedRenewal() {
    const user = await buildApplicant(ctx.services);
    const client = ctx.client();
    await logInAs(client, user);
    const id = await buildReadyRenewal(ctx.services, user);
    await fileApplication(ctx.services, user.id, id, metaFor(user));
    return { user, client, id };
  }

  it('records an amendment the office will see for every document added or replaced, with its audit event', async () => {
    const { client, id } = await filedRenewal();
    const page = await client.get(piecesUrl(id));
    expect(page.body).toContain('Votre demande est déposée.');

    const replaced = await uploadForPiece(client, id, 'payslips', 'replace');
    expect(replaced.statusCode).toBe(303);
    expect((await client.follow(replaced)).body).toContain('signalée à la préfecture');

    // A corrected answer asks for one more document, added after filing.
    await ctx.services.db.update(applications).set({ answers: { same_employer: 'no' } }).where(eq(applications.id, id));
    expect((await uploadForPiece(client, id, 'work_authorisation', 'add')).statusCode).toBe(303);

    const rows = await amendmentsOf(id);
    expect(rows.map((r) => r.kind).sort()).toEqual(['document_added', 'document_replaced']);
    const replacedRow = rows.find((r) => r.kind === 'document_replaced')!;
    expect(replacedRow).toMatchObject({ at: ctx.clock.now(), seenByOfficeAt: null });
    expect(replacedRow.data).toMatchObject({ documentKind: 'payslips', fileName: 'payslips.pdf', mimeType: 'application/pdf' });
    expect(replacedRow.data.replacedDocumentId).toBeTruthy();
    expect(rows.find((r) => r.kind === 'document_added')!.data).toMatchObject({ documentKind: 'work_authorisation' });

    const events = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectType, 'application'), eq(auditEvents.subjectId, id))).orderBy(asc(auditEvents.seq));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['application.document_replaced', 'application.document_added']));
    expect(events.find((e) => e.action === 'application.document_added')!.data).toMatchObject({ kind: 'work_authorisation', amendment: true });
    const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    expect(app!.status).toBe('filed');
  });

  it.each(['incomplete', 'under_review'] as const)('still takes documents while %s, as amendments', async (status) => {
    const { client, id } = await filedRenewal();
    await setStatus(id, status);
    expect((await uploadForPiece(client, id, 'passport', 'replace')).statusCode).toBe(303);
    expect((await amendmentsOf(id)).map((r) => r.kind)).toEqual(['document_replaced']);
  });

  it.each(['decided', 'closed', 'withdrawn'] as const)('refuses any change once %s, storing nothing', async (status) => {
    const { user, client, id } = await filedRenewal();
    await uploadToVault(client, 'passport', 'nouveau-passeport.pdf');
    const [fresh] = (await documentsOf(ctx.services, user.id)).filter((d) => d.originalName === 'nouveau-passeport.pdf');
    await client.get(piecesUrl(id));
    await setStatus(id, status);
    const filesBefore = await storedFiles(ctx.dataDir);
    const documentsBefore = await documentsOf(ctx.services, user.id);

    const page = await client.get(piecesUrl(id));
    expect(page.body).toContain('Cette démarche est close');
    expect(page.body).not.toContain('enctype="multipart/form-data"');

    const upload = await postMultipart(ctx.app, client, `${piecesUrl(id)}/passport`, { mode: 'replace' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(upload.statusCode).toBe(409);
    expect(upload.body).toContain('ses pièces ne peuvent plus être modifiées');
    const fromVault = await client.post(`${piecesUrl(id)}/passport/coffre`, { mode: 'replace', documentId: fresh!.id });
    expect(fromVault.statusCode).toBe(409);
    expect(fromVault.body).toContain('ses pièces ne peuvent plus être modifiées');

    expect(await storedFiles(ctx.dataDir)).toEqual(filesBefore);
    expect(await documentsOf(ctx.services, user.id)).toEqual(documentsBefore);
    expect(await amendmentsOf(id)).toEqual([]);
    const links = await ctx.services.db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, id));
    expect(links.every((l) => l.replacedAt === null)).toBe(true);
  });
});
