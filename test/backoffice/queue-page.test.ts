import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applications, documentRequests } from '../../src/db/schema';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser } from '../support/builders';
import { fileRenewal, morningOf } from '../attestations/support/attestation-builders';
import { signedInAgent, type SignedInAgent } from './support';

// The queue's one statement (count, page, names, open requests' deadlines), through the page.
// Files are copies of one filed renewal with their queue dates set by hand: what is tested is
// the reading, not the rules of `queue-priority.ts` (tested on their own).

let ctx: TestContext;
let officer: SignedInAgent;
let template: typeof applications.$inferSelect;
const TODAY = '2026-04-01';

beforeAll(async () => {
  ctx = await createTestContext();
  const filed = await fileRenewal(ctx.services, ctx.clock, { filedOn: TODAY, permitExpiresOn: '2026-07-31' });
  const [row] = await ctx.services.db.select().from(applications).where(eq(applications.id, filed.applicationId));
  template = row!;
  // The template leaves the open queue: each test adds the files it reads.
  await ctx.services.db.update(applications).set({ status: 'decided', priorityOn: null, rightsEndOn: null }).where(eq(applications.id, template.id));
  ctx.clock.set(morningOf(TODAY));
  officer = await signedInAgent(ctx, 'case_officer');
});
afterAll(() => ctx.close());

let seq = 0;
async function addFile(values: Partial<typeof applications.$inferInsert>): Promise<string> {
  const { id: _id, ...rest } = template;
  const [row] = await ctx.services.db
    .insert(applications)
    .values({ ...rest, reference: `75-26-Q${String(++seq).padStart(6, '0')}`, status: 'under_review', assignedOfficerId: null, ...values })
    .returning({ id: applications.id });
  return row!.id;
}

const filesOn = (body: string) => [...body.matchAll(/data-file="([0-9a-f-]+)"/g)].map((m) => m[1]);
const rowOf = (body: string, id: string) => body.slice(body.indexOf(`data-file="${id}"`)).split('</tr>')[0]!;
const countOf = (body: string) => /<p id="queue-count"[^>]*>([^<]*)</.exec(body)?.[1];

describe('the queue page', () => {
  it('says so when nothing matches; another prefecture\'s officer finds none of their files here', async () => {
    const page = await officer.client.get('/bureau');
    expect(page.statusCode).toBe(200);
    expect(countOf(page.body)).toBe('Aucun dossier');
    expect(page.body).toContain('id="queue-empty"');
    await addFile({ priorityOn: '2026-05-01' });
    const elsewhere = await buildUser(ctx.services, { role: 'case_officer', prefectureCode: '13' });
    await addFile({ priorityOn: '2026-05-01', prefectureCode: '13', assignedOfficerId: elsewhere.id });
    const foreign = await officer.client.get(`/bureau?officer=${elsewhere.id}`);
    expect(foreign.statusCode).toBe(200);
    expect(filesOn(foreign.body)).toEqual([]);
    // The filter offers only this prefecture's officers.
    expect(foreign.body).toContain(`value="me"`);
    expect(foreign.body).not.toContain(elsewhere.email!);
  });

  it('orders by risk date, filters by procedure, status and officer, and shows each file its own deadline', async () => {
    const colleague = await buildUser(ctx.services, { role: 'case_officer', prefectureCode: '75' });
    const first = await addFile({ priorityOn: '2026-04-03', completedAt: new Date('2025-12-10T10:00:00Z') }); // rejection on 10 April: in 9 days
    const overdue = await addFile({ priorityOn: '2026-04-05', status: 'incomplete', completedAt: null });
    const answered = await addFile({ priorityOn: '2026-04-06', status: 'incomplete', completedAt: null });
    const duplicate = await addFile({ priorityOn: '2026-04-08', procedureId: 'duplicate' });
    const theirs = await addFile({ priorityOn: '2026-04-09', assignedOfficerId: colleague.id });
    const filedOnly = await addFile({ priorityOn: '2026-04-10', status: 'filed' });
    await ctx.services.db.insert(documentRequests).values([
      { applicationId: overdue, agentId: officer.user.id, items: [{ kind: 'passport', reason: 'corrected', explanation: 'Copie illisible.' }], dueOn: '2026-03-30', createdAt: morningOf('2026-03-01') },
      // A request answered already: no deadline on the file any more.
      { applicationId: answered, agentId: officer.user.id, items: [{ kind: 'passport', reason: 'corrected', explanation: 'Copie illisible.' }], dueOn: '2026-03-30', createdAt: morningOf('2026-03-01'), fulfilledAt: morningOf('2026-03-20') },
    ]);

    const page = await officer.client.get('/bureau');
    const order = filesOn(page.body);
    expect(order.slice(0, 6)).toEqual([first, overdue, answered, duplicate, theirs, filedOnly]);
    expect(rowOf(page.body, first)).toContain('Rejet implicite dans 9 jours');
    expect(rowOf(page.body, overdue)).toContain('data-badge="documents_overdue"');
    expect(rowOf(page.body, overdue)).toContain('Délai de réponse dépassé (30 mars 2026)');
    expect(rowOf(page.body, answered)).not.toContain('data-badge=');
    expect(rowOf(page.body, theirs)).toContain(colleague.email!);
    expect(countOf(page.body)).toBe(`${order.length} dossiers`);

    expect(filesOn((await officer.client.get('/bureau?procedure=duplicate')).body)).toEqual([duplicate]);
    expect(filesOn((await officer.client.get('/bureau?status=filed')).body)).toEqual([filedOnly]);
    expect(filesOn((await officer.client.get(`/bureau?officer=${colleague.id}`)).body)).toEqual([theirs]);
    expect(filesOn((await officer.client.get('/bureau?status=incomplete&officer=none')).body)).toEqual([overdue, answered]);
    expect(filesOn((await officer.client.get('/bureau?procedure=duplicate&status=filed')).body)).toEqual([]);
  });

  it('caps the count and says so, and pages on', async () => {
    const { id: _id, ...rest } = template;
    const many = Array.from({ length: 5_001 }, (_, i) => ({ ...rest, reference: `75-26-M${String(i).padStart(6, '0')}`, status: 'filed' as const, assignedOfficerId: null, priorityOn: '2027-01-01' }));
    for (let i = 0; i < many.length; i += 1_000) await ctx.services.db.insert(applications).values(many.slice(i, i + 1_000));
    const page = await officer.client.get('/bureau');
    expect(countOf(page.body)).toMatch(/^Plus de 1\s000 dossiers/u);
    expect(page.body).toContain('href="/bureau?page=2"');
    const last = await officer.client.get('/bureau?page=100');
    expect(filesOn(last.body)).toHaveLength(50);
    expect(last.body).toContain('Seules les 100 premières pages sont proposées');
    expect(last.body).not.toContain('href="/bureau?page=101"');
  });
});
