import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { applications } from '../../src/db/schema';
import { correctAnswers } from '../../src/modules/applications/correct-answers';
import type { ApplicationExport } from '../../src/modules/applications/export/application-export';
import { fileApplication } from '../../src/modules/applications/file-application';
import { buildReadyRenewal, metaFor } from '../support/application-builders';
import { createTestContext, type TestContext } from '../support/harness';
import { signedInApplicant } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(new Date('2026-03-10T09:00:00Z'));
});
afterAll(() => ctx.close());

async function download(client: ReturnType<TestContext['client']>, id: string) {
  const res = await client.get(`/demarches/${id}/export.zip`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  const files = unzipSync(new Uint8Array(res.rawPayload));
  return { res, files, json: JSON.parse(strFromU8(files['dossier.json']!)) as ApplicationExport };
}

describe('"download my file"', () => {
  it('gives a ZIP with the JSON export (application, answers, documents, amendments, history) and a PDF summary', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    const { reference } = await fileApplication(ctx.services, user.id, id, metaFor(user));
    await correctAnswers(ctx.services, user.id, id, { given_names: 'Awa Marie' }, metaFor(user));

    const { res, files, json } = await download(c, id);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dossier-${reference}.zip"`);
    expect(Object.keys(files).sort()).toEqual(['dossier.json', 'recapitulatif.pdf']);
    expect(json).toMatchObject({
      format: 'sesame.application-export/1',
      application: { id, reference, status: 'filed', procedureId: 'renewal_salarie', prefecture: { code: '75' }, filedOnTime: true },
      answers: { surname: 'Diallo', given_names: 'Awa Marie', same_employer: 'yes' },
      missingDocuments: [],
      amendments: [{ kind: 'answers_corrected', data: { changes: [{ field: 'given_names', old: 'Awa', new: 'Awa Marie' }] } }],
    });
    expect(json.documents.map((d) => d.kind).sort()).toEqual([...json.requiredDocuments].sort());
    expect(json.history.map((h) => h.action)).toEqual(['application.started', 'application.filed', 'application.answers_corrected']);
    expect(json.history.every((h) => h.actor === 'you')).toBe(true);
    expect(JSON.stringify(json)).not.toContain('203.0.113');

    const pdf = await PDFDocument.load(files['recapitulatif.pdf']!);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()?.replace(/\u00a0/g, ' ')).toBe('Récapitulatif de ma démarche — Renouvellement de la carte de séjour « salarié »');
  });

  it('does not crash on names in other scripts: the PDF replaces them, the JSON keeps them exactly', async () => {
    const { user, client: c } = await signedInApplicant(ctx);
    const id = await buildReadyRenewal(ctx.services, user);
    const [row] = await ctx.services.db.select().from(applications).where(eq(applications.id, id));
    await ctx.services.db
      .update(applications)
      .set({ answers: { ...row!.answers, surname: 'محمد', given_names: '王 秀英', town: 'Saint-Étienne-du-Rouvray' } })
      .where(eq(applications.id, id));
    await c.get('/langue/en?retour=/demarches');
    const { files, json } = await download(c, id);
    expect(json.answers).toMatchObject({ surname: 'محمد', given_names: '王 秀英' });
    const pdf = await PDFDocument.load(files['recapitulatif.pdf']!);
    expect(pdf.getTitle()).toBe('Summary of my procedure — Renewal of the “employee” residence card (salarié)');
    expect(json.application.reference).toBeNull();
  });
});
