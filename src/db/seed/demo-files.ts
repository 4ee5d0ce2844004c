import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { applications, profiles, users } from '../schema';
import { hashPassword } from '../../platform/passwords';
import { addDays, parisDate } from '../../platform/legal-dates';
import type { Services } from '../../services';
import type { RequestMeta } from '../../modules/accounts/request-meta';
import { fileApplication } from '../../modules/applications/file-application';
import { startApplication } from '../../modules/applications/start-application';
import { attachDocument } from '../../modules/documents/attach-document';
import { uploadDocument } from '../../modules/documents/upload-document';
import { findProcedure, requiredDocuments } from '../../modules/procedures/catalogue';

/** A one-page PDF saying what it stands for: the office sees it in the case view. */
async function demoPdf(title: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([420, 595]);
  page.drawText(`DEMO - ${title}`, { x: 40, y: 520, size: 16, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

const people = [
  { given: 'Amina', surname: 'DEMO-ALAOUI', procedureId: 'renewal_salarie', expiresInDays: 100, answers: { same_employer: 'yes' } },
  { given: 'Oleksandr', surname: 'DEMO-KOVAL', procedureId: 'renewal_salarie', expiresInDays: 20, answers: { same_employer: 'yes' } },
  { given: 'Lucía', surname: 'DEMO-GARCIA', procedureId: 'renewal_etudiant', expiresInDays: 75, answers: { works_part_time: 'no' } },
] as const;

/**
 * Three people in Paris with a renewal filed through the real use cases (documents uploaded,
 * checked, attached, then filed): the Paris office's queue has work in it from the first start
 * — one on time, one filed late (rights at risk), one student. Their accounts are not printed:
 * the demo applicant is the one to use; these exist for the office.
 */
export async function seedDemoOfficeFiles(services: Services, passwordHash?: string): Promise<void> {
  const now = services.clock.now();
  const hash = passwordHash ?? (await hashPassword(randomUUID()));
  for (const [i, p] of people.entries()) {
    const id = randomUUID();
    await services.db.insert(users).values({ id, email: `dossier${i + 1}.75@demo.sesame.localhost`, passwordHash: hash, role: 'applicant', emailVerifiedAt: now, createdAt: now, updatedAt: now });
    await services.db.insert(profiles).values({
      userId: id,
      surname: p.surname,
      givenNames: p.given,
      surnameLatin: p.surname,
      givenNamesLatin: p.given.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase(),
      birthDate: '1994-03-0' + (i + 1),
      nationality: ['MA', 'UA', 'ES'][i]!,
      addressLine: `${10 + i} rue de la Démo`,
      postcode: '75011',
      town: 'Paris',
      permitCategory: p.procedureId === 'renewal_etudiant' ? 'etudiant' : 'salarie',
      permitNumber: `FR00000${i + 1}`,
      permitExpiresOn: addDays(parisDate(now), p.expiresInDays),
      updatedAt: now,
    });
    const meta: RequestMeta = { actor: { id, role: 'applicant', requestId: 'demo-seed' }, ip: '127.0.0.1', userAgent: 'demo seed', locale: 'fr' };
    const applicationId = await startApplication(services, id, p.procedureId, meta);
    const [draft] = await services.db.select({ answers: applications.answers }).from(applications).where(eq(applications.id, applicationId));
    await services.db
      .update(applications)
      .set({ answers: { ...draft!.answers, ...p.answers }, timbreReference: '1234567890123456', ephotoCode: 'ABCDEFGHJK23456789MNPQ' })
      .where(eq(applications.id, applicationId));
    const [app] = await services.db.select({ answers: applications.answers }).from(applications).where(eq(applications.id, applicationId));
    for (const kind of requiredDocuments(findProcedure(p.procedureId)!, app!.answers)) {
      const doc = await uploadDocument(services, id, { kind, fileName: `${kind}.pdf`, bytes: await demoPdf(`${p.surname} ${kind}`) }, meta);
      await attachDocument(services, id, applicationId, kind, doc.id, meta);
    }
    await fileApplication(services, id, applicationId, meta);
  }
}
