import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, counterFilings } from '../../src/db/schema';
import { simulatedExamples } from '../../src/modules/applications/fee-and-photo-check';
import { requiredDocuments, findProcedure } from '../../src/modules/procedures/catalogue';
import type { TestContext } from './harness';
import { postMultipart } from './multipart';
import { samplePdf } from './sample-files';
import type { TestClient } from './test-client';

/** The identity form at the desk, for a person living in Paris 19e born on 12 April 1990. */
export function identityFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    idDocumentKind: 'passport',
    idDocumentNumber: '12AB34567',
    surname: 'Traoré',
    givenNames: 'Mariam',
    sex: 'F',
    'birthDate-day': '12',
    'birthDate-month': '4',
    'birthDate-year': '1990',
    birthPlace: 'Bamako',
    birthCountry: 'ML',
    nationality: 'ML',
    permitNumber: 'FR1234567',
    'permitExpiresOn-day': '30',
    'permitExpiresOn-month': '6',
    'permitExpiresOn-year': '2026',
    addressLine: '3 rue de Meaux',
    postcode: '75019',
    town: 'Paris',
    locale: 'fr',
    ...overrides,
  };
}

export interface CounterFiled {
  filingId: string;
  applicationId: string;
  applicantId: string;
  reference: string;
  claimCode: string;
}

const idIn = (location: unknown) => /^\/bureau\/guichet\/([0-9a-f-]{36})\//.exec(String(location))?.[1];

/**
 * A whole counter filing through the desk's pages, as a desk agent does it: identity, the
 * salarié renewal, answers, every document scanned (a real PDF), review, filing. Returns the
 * ids and the claim code shown on the receipt page.
 */
export async function fileAtTheDesk(ctx: TestContext, desk: TestClient, identity: Record<string, string> = {}): Promise<CounterFiled> {
  await desk.get('/bureau/guichet/nouveau');
  const opened = await desk.post('/bureau/guichet/nouveau', identityFields(identity));
  expect(opened.statusCode, opened.body.slice(0, 300)).toBe(303);
  const filingId = idIn(opened.headers.location)!;
  await desk.get(`/bureau/guichet/${filingId}/demarche`);
  expect((await desk.post(`/bureau/guichet/${filingId}/demarche`, { procedureId: 'renewal_salarie' })).headers.location).toBe(`/bureau/guichet/${filingId}/reponses`);
  await desk.get(`/bureau/guichet/${filingId}/reponses`);
  const answered = await desk.post(`/bureau/guichet/${filingId}/reponses`, { same_employer: 'yes', timbre: simulatedExamples.timbre, ephoto: simulatedExamples.ephoto, action: 'continue' });
  expect(answered.statusCode, answered.body.slice(0, 300)).toBe(303);
  const [filing] = await ctx.services.db.select().from(counterFilings).where(eq(counterFilings.id, filingId));
  const [app] = await ctx.services.db.select().from(applications).where(eq(applications.id, filing!.applicationId!));
  await desk.get(`/bureau/guichet/${filingId}/pieces`);
  for (const kind of requiredDocuments(findProcedure(app!.procedureId)!, app!.answers)) {
    const res = await postMultipart(ctx.app, desk, `/bureau/guichet/${filingId}/pieces/${kind}`, { mode: 'add' }, { fileName: `${kind}.pdf`, contentType: 'application/pdf', bytes: samplePdf({ text: kind }) });
    expect(res.statusCode, `${kind}: ${res.body.slice(0, 200)}`).toBe(303);
    await desk.get(`/bureau/guichet/${filingId}/pieces`);
  }
  await desk.get(`/bureau/guichet/${filingId}/verification`);
  const filed = await desk.post(`/bureau/guichet/${filingId}/deposer`);
  expect(filed.headers.location).toBe(`/bureau/guichet/${filingId}/recu`);
  const receipt = await desk.follow(filed);
  const claimCode = /id="claim-code">([A-Z0-9-]+)</.exec(receipt.body)?.[1];
  const [done] = await ctx.services.db.select().from(applications).where(eq(applications.id, app!.id));
  return { filingId, applicationId: app!.id, applicantId: filing!.applicantId, reference: done!.reference!, claimCode: claimCode! };
}
