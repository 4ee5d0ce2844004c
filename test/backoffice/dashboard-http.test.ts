import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { applications, auditEvents, users } from '../../src/db/schema';
import { csvCell } from '../../src/modules/backoffice/dashboard/csv';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser } from '../support/builders';
import { applicantSide, buildAgent, loggedInClient, write } from '../support/messaging-helpers';
import { parisTime, seedFile, type SeededFile } from './dashboard-support';
import { signedInAgent, type SignedInAgent } from './support';

/** Monday 18 May 2026, after Ascension (Thursday 14 May). */
const TODAY = '2026-05-18';
const PATH = '/bureau/tableau-de-bord';
/** Ids that sort before any random one. */
const FIRST_ID = '00000000-0000-4000-8000-000000000001';
const SECOND_ID = '00000000-0000-4000-8000-000000000002';

let ctx: TestContext;
let head: SignedInAgent;
let lateThread: SeededFile;
let elsewhere: SeededFile;
beforeAll(async () => {
  ctx = await createTestContext();
  // A message written on Thursday 30 April nobody answered: due Monday 11 May (1 and 8 May are holidays).
  lateThread = await seedFile(ctx.services, { status: 'under_review', filedOn: '2026-04-01' });
  ctx.clock.set(parisTime('2026-04-30'));
  await write(ctx.services, applicantSide(lateThread.applicant), lateThread.id, 'Bonjour, où en est mon dossier ?');
  elsewhere = await seedFile(ctx.services, { prefectureCode: '13', status: 'under_review', filedOn: '2026-04-01' });
  ctx.clock.set(parisTime('2026-04-30'));
  await write(ctx.services, applicantSide(elsewhere.applicant), elsewhere.id, 'Bonjour de Marseille.');
  ctx.clock.set(parisTime(TODAY));
  head = await signedInAgent(ctx, 'head_of_office');
});
afterAll(() => ctx.close());

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const rowOf = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`)).split('</tr>')[0]!;
const officerOf = async (id: string) => (await ctx.services.db.select({ o: applications.assignedOfficerId }).from(applications).where(eq(applications.id, id)))[0]!.o;
const assignments = (ids: string[]) =>
  ctx.services.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'application.assigned'), eq(auditEvents.subjectType, 'application_office'), inArray(auditEvents.subjectId, ids))).orderBy(asc(auditEvents.seq));

describe('the dashboard page', () => {
  it("shows the head of office their prefecture's figures and its overdue messages, late by working days, with a link to the case", async () => {
    await seedFile(ctx.services, { status: 'incomplete', filedOn: '2026-01-02' });
    const page = await head.client.get(PATH);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Tableau de bord du bureau</h1>');
    const backlog = rowOf(page.body, 'backlog');
    expect(backlog).toBeTruthy();
    const incomplete = page.body.slice(page.body.indexOf('data-status="incomplete"')).split('</tr>')[0]!;
    expect(incomplete).toMatch(/data-age="over_4">1</);
    const row = rowOf(page.body, `overdue-thread-${lateThread.id}`);
    expect(row).toContain(`href="/bureau/dossiers/${lateThread.id}"`);
    expect(text(row)).toContain(lateThread.reference);
    expect(text(row)).toContain('11 mai 2026');
    expect(text(row)).toContain('4 jours ouvrés de retard');
    expect(page.body).not.toContain(elsewhere.reference);
    expect(text(page.body)).toContain('Messages sans réponse dans le délai (1)');
  });

  it('is for the head of office only: case officers and desk agents get "not found", and only the head sees the link', async () => {
    const officer = await signedInAgent(ctx, 'case_officer');
    const desk = await signedInAgent(ctx, 'desk_agent');
    for (const agent of [officer, desk]) {
      expect((await agent.client.get(PATH)).statusCode).toBe(404);
      expect((await agent.client.get(`${PATH}/export.csv`)).statusCode).toBe(404);
      expect((await agent.client.get('/bureau')).body).not.toContain(`href="${PATH}"`);
    }
    expect((await head.client.get('/bureau')).body).toContain(`href="${PATH}"`);
    const other = await signedInAgent(ctx, 'head_of_office', '13');
    const theirs = await other.client.get(PATH);
    expect(theirs.body).toContain(elsewhere.reference);
    expect(theirs.body).not.toContain(lateThread.reference);
  });

  it('answers a junk filter with the default list rather than an error', async () => {
    expect((await head.client.get(`${PATH}?from=%3Cscript%3E`)).statusCode).toBe(200);
  });
});

describe('reassigning several files at once', () => {
  it('moves the ticked files in one go, one audit event each, and a second submit changes nothing', async () => {
    const o1 = await buildUser(ctx.services, { role: 'case_officer' });
    const o2 = await buildUser(ctx.services, { role: 'case_officer' });
    const f1 = await seedFile(ctx.services, { status: 'filed', filedOn: '2026-05-04', officerId: o1.id });
    const f2 = await seedFile(ctx.services, { status: 'under_review', filedOn: '2026-05-04', officerId: o1.id });
    const listed = await head.client.get(`${PATH}?from=${o1.id}`);
    expect(listed.body).toContain(`name="files" value="${f1.id}"`);
    expect(listed.body).toContain(`name="files" value="${f2.id}"`);
    const form = { files: [f1.id, f2.id], officer: o2.id, from: o1.id };
    const res = await head.client.post(`${PATH}/reattribution`, form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${PATH}?from=${o1.id}#reassign`);
    expect(await officerOf(f1.id)).toBe(o2.id);
    expect(await officerOf(f2.id)).toBe(o2.id);
    const events = await assignments([f1.id, f2.id]);
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actorId === head.user.id)).toBe(true);
    expect(events.map((e) => e.data)).toEqual([
      { officerId: o2.id, previousOfficerId: o1.id },
      { officerId: o2.id, previousOfficerId: o1.id },
    ]);
    expect(text((await head.client.follow(res)).body)).toContain('Les dossiers cochés sont attribués');

    await head.client.get(PATH);
    const again = await head.client.post(`${PATH}/reattribution`, form);
    expect(again.statusCode).toBe(303);
    expect(await assignments([f1.id, f2.id])).toHaveLength(2);
  });

  it('refuses a file of another prefecture as not found, and then moves none of the files', async () => {
    const o1 = await buildUser(ctx.services, { role: 'case_officer' });
    // Locked (and assigned) first, before the other prefecture's file is met: the whole change is undone.
    const f1 = await seedFile(ctx.services, { id: FIRST_ID, status: 'filed', filedOn: '2026-05-04' });
    await head.client.get(PATH);
    const res = await head.client.post(`${PATH}/reattribution`, { files: [f1.id, elsewhere.id], officer: o1.id });
    expect(res.statusCode).toBe(404);
    expect(await officerOf(f1.id)).toBeNull();
    expect(await officerOf(elsewhere.id)).toBeNull();
    expect(await assignments([f1.id, elsewhere.id])).toEqual([]);
  });

  it('refuses with a clear message an officer of another prefecture, of another role, switched off, or none, and no file ticked', async () => {
    const f1 = await seedFile(ctx.services, { status: 'filed', filedOn: '2026-05-04' });
    const marseille = await buildUser(ctx.services, { role: 'case_officer', prefectureCode: '13' });
    const desk = await buildUser(ctx.services, { role: 'desk_agent' });
    const support = await buildUser(ctx.services, { role: 'support_agent' });
    const gone = await buildUser(ctx.services, { role: 'case_officer' });
    await ctx.services.db.update(users).set({ deactivatedAt: parisTime('2026-05-01') }).where(eq(users.id, gone.id));
    for (const officer of [marseille.id, desk.id, support.id, gone.id, 'nonsense', '']) {
      await head.client.get(PATH);
      const res = await head.client.post(`${PATH}/reattribution`, { files: [f1.id], officer });
      expect(res.statusCode, officer).toBe(400);
      expect(text(res.body)).toContain('Choisissez un agent instructeur actif de votre préfecture.');
      expect(res.body).toContain(`value="${f1.id}" checked`);
    }
    const o1 = await buildUser(ctx.services, { role: 'case_officer' });
    await head.client.get(PATH);
    const none = await head.client.post(`${PATH}/reattribution`, { officer: o1.id });
    expect(none.statusCode).toBe(400);
    expect(text(none.body)).toContain('Cochez au moins un dossier.');
    expect(await officerOf(f1.id)).toBeNull();
  });

  it('refuses a decided file among those ticked (409) and moves nothing; needs the anti-forgery token and the head of office', async () => {
    const o1 = await buildUser(ctx.services, { role: 'case_officer' });
    const open = await seedFile(ctx.services, { id: SECOND_ID, status: 'filed', filedOn: '2026-05-04' });
    const decided = await seedFile(ctx.services, { status: 'decided', filedOn: '2026-05-04' });
    await head.client.get(PATH);
    const res = await head.client.post(`${PATH}/reattribution`, { files: [open.id, decided.id], officer: o1.id });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('id="reassign-refused"');
    expect(await officerOf(open.id)).toBeNull();

    const forged = await head.client.post(`${PATH}/reattribution`, { files: [open.id], officer: o1.id }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    const officer = await signedInAgent(ctx, 'case_officer');
    await officer.client.get('/bureau');
    expect((await officer.client.post(`${PATH}/reattribution`, { files: [open.id], officer: o1.id })).statusCode).toBe(404);
    expect(await officerOf(open.id)).toBeNull();
  });
});

describe('the backlog as CSV', () => {
  it('is a UTF-8 file with a BOM, ";" between cells, a translated header and cells defused against formulas', async () => {
    const evil = await seedFile(ctx.services, { status: 'filed', filedOn: '2026-05-04', surname: '=HYPERLINK("http://evil.example";"clic")' });
    const minus = await seedFile(ctx.services, { status: 'filed', filedOn: '2026-05-04', surname: '-2+3' });
    const res = await head.client.get(`${PATH}/export.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dossiers-75-${TODAY}.csv"`);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines[0]).toBe('Dossier;Nom;Prénoms;Démarche;Statut;Déposé le;Complet le;Rejet implicite le;Pièces attendues le;Date de risque;Agent');
    const line = (ref: string) => lines.find((l) => l.startsWith(`${ref};`))!;
    expect(line(evil.reference)).toContain(`;"'=HYPERLINK(""http://evil.example"";""clic"")";Awa;`);
    expect(line(minus.reference)).toContain(";'-2+3;Awa;");
    expect(line(lateThread.reference).split(';')).toHaveLength(11);
    expect(line(lateThread.reference)).toContain(';En cours d');
    expect(res.body).not.toContain(elsewhere.reference);
    expect(lines.at(-1)).toBe('');
  });

  it('has its header in the head of office’s language', async () => {
    const english = await buildAgent(ctx.services, { role: 'head_of_office', locale: 'en' });
    const client = await loggedInClient(ctx, english);
    const res = await client.get(`${PATH}/export.csv`);
    expect(res.body.slice(1).split('\r\n')[0]).toBe('File;Surname;Given names;Procedure;Status;Filed on;Complete on;Implicit rejection on;Documents due on;Risk date;Officer');
    expect((await client.get(PATH)).body).toContain('<h1>Office dashboard</h1>');
  });

  it('defuses every formula start and quotes separators, quotes and line breaks', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", `"'\rx"`]);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "non"')).toBe('"dit ""non"""');
    expect(csvCell('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvCell(null)).toBe('');
    expect(csvCell('Diallo')).toBe('Diallo');
  });
});
