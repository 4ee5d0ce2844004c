import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { applications, documents } from '../../src/db/schema';
import { correctAnswers } from '../../src/modules/applications/correct-answers';
import type { ApplicationExport } from '../../src/modules/applications/export/application-export';
import { fileApplication } from '../../src/modules/applications/file-application';
import { startApplication } from '../../src/modules/applications/start-application';
import { findProcedure, requiredDocuments } from '../../src/modules/procedures/catalogue';
import { buildReadyRenewal, metaFor } from '../support/application-builders';
import { createDocumentsContext } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { postMultipart } from '../support/multipart';
import { samplePdf } from '../support/sample-files';
import type { TestClient } from '../support/test-client';
import { applicationRow, signedInApplicant, textOf, validFee } from './helpers';

let ctx: TestContext & { dataDir: string };
beforeAll(async () => {
  ctx = await createDocumentsContext();
  ctx.clock.set(new Date('2026-03-10T09:00:00Z'));
});
afterAll(async () => {
  await ctx.close();
  await rm(ctx.dataDir, { recursive: true, force: true });
});

async function download(client: TestClient, id: string) {
  const res = await client.get(`/demarches/${id}/export.zip`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(res.rawPayload));
  return { res, files, json: JSON.parse(strFromU8(files['dossier.json']!)) as ApplicationExport };
}

/** Uploads a document for one requirement through the documents page, as a browser would. */
async function upload(client: TestClient, id: string, kind: string, mode: 'add' | 'replace', bytes: Buffer) {
  await client.get(`/demarches/${id}/pieces`);
  const res = await postMultipart(ctx.app, client, `/demarches/${id}/pieces/${kind}`, { mode }, { fileName: `${kind}.pdf`, bytes });
  expect(res.statusCode).toBe(303);
}

describe('"download my file"', () => {
  it('gives a ZIP with the documents, the JSON export (application, answers, amendments, history) and a PDF summary', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await startApplication(ctx.services, user.id, 'renewal_salarie', metaFor(user), {});
    const row = await applicationRow(ctx.services, id);
    await ctx.services.db
      .update(applications)
      .set({ answers: { ...row.answers, same_employer: 'yes' }, timbreReference: validFee.timbre, ephotoCode: validFee.ephoto })
      .where(eq(applications.id, id));
    const kinds = requiredDocuments(findProcedure('renewal_salarie')!, { same_employer: 'yes' });
    const originals = new Map(kinds.map((k) => [k, samplePdf({ text: `original ${k}` })]));
    for (const [kind, bytes] of originals) await upload(c, id, kind, 'add', bytes);
    const { reference } = await fileApplication(ctx.services, user.id, id, metaFor(user));
    await correctAnswers(ctx.services, user.id, id, { given_names: 'Awa Marie' }, metaFor(user));
    const newPassport = samplePdf({ text: 'new passport' });
    await upload(c, id, 'passport', 'replace', newPassport);

    // The history tells the replacement once, as a change after filing.
    const history = textOf((await c.get(`/demarches/${id}`)).body);
    expect(history.match(/Pièce remplacée après le dépôt : Passeport/g)).toHaveLength(1);
    expect(history).toContain('Pièce ajoutée : Justificatif de domicile');

    const { res, files, json } = await download(c, id);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dossier-${reference}.zip"`);
    expect(json).toMatchObject({
      format: 'sesame.application-export/1',
      application: { id, reference, status: 'filed', procedureId: 'renewal_salarie', prefecture: { code: '75' }, filedOnTime: true },
      answers: { surname: 'Diallo', given_names: 'Awa Marie', same_employer: 'yes' },
      missingDocuments: [],
    });
    expect(json.amendments.map((a) => a.kind)).toEqual(['answers_corrected', 'document_replaced']);
    expect(json.history.map((h) => h.action)).toContain('application.answers_corrected');
    expect(json.history.every((h) => h.actor === 'you')).toBe(true);
    expect(JSON.stringify(json)).not.toContain('203.0.113');

    // Every document, the replaced passport apart, byte for byte.
    for (const d of json.documents) expect(files[d.file!], d.file!).toBeDefined();
    const current = json.documents.filter((d) => d.replacedAt === null);
    expect(current.map((d) => d.kind).sort()).toEqual([...kinds].sort());
    const passport = current.find((d) => d.kind === 'passport')!;
    expect(Buffer.from(files[passport.file!]!).equals(newPassport)).toBe(true);
    const old = json.documents.find((d) => d.replacedAt !== null)!;
    expect(old.file).toMatch(/^pieces\/remplacees\/\d{2}-passport-passport\.pdf$/);
    expect(Buffer.from(files[old.file!]!).equals(originals.get('passport')!)).toBe(true);

    const pdf = await PDFDocument.load(files['recapitulatif.pdf']!);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()?.replace(/\u00a0/g, ' ')).toBe('Récapitulatif de ma démarche — Renouvellement de la carte de séjour « salarié »');
  });

  it('lists a document whose bytes are gone with no file, and still gives everything else', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    // These documents were never stored: their records point to nothing.
    const id = await buildReadyRenewal(ctx.services, user);
    const { files, json } = await download(c, id);
    expect(json.documents.length).toBeGreaterThan(0);
    expect(json.documents.every((d) => d.file === null)).toBe(true);
    expect(Object.keys(files).sort()).toEqual(['dossier.json', 'recapitulatif.pdf']);
    expect(await ctx.services.db.select().from(documents).where(eq(documents.ownerId, user.id))).toHaveLength(json.documents.length);
  });

  it('does not crash on names in other scripts: the PDF replaces them, the JSON keeps them exactly', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    const row = await applicationRow(ctx.services, id);
    await ctx.services.db
      .update(applications)
      .set({ answers: { ...row.answers, surname: 'محمد', given_names: '王 秀英', town: 'Saint-Étienne-du-Rouvray' } })
      .where(eq(applications.id, id));
    await c.get('/langue/en?retour=/demarches');
    const { files, json } = await download(c, id);
    expect(json.answers).toMatchObject({ surname: 'محمد', given_names: '王 秀英' });
    const pdf = await PDFDocument.load(files['recapitulatif.pdf']!);
    expect(pdf.getTitle()).toBe('Summary of my procedure — Renewal of the “employee” residence card (salarié)');
    expect(json.application.reference).toBeNull();
  });
});
