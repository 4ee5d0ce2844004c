import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { applicationDocuments, applications, documents, users, type Role } from '../../src/db/schema';
import { samplePdf } from '../support/sample-files';
import { markComplete } from '../../src/modules/attestations/mark-complete';
import { decideApplication } from '../../src/modules/backoffice/decide-application';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser } from '../support/builders';
import type { TestClient } from '../support/test-client';
import { buildOfficeAgent, fileRenewal, morningOf } from '../attestations/support/attestation-builders';
import { routeTable, type TableRoute } from './route-table';
import { signedInAgent, signedInApplicant } from './support';

/**
 * Every back-office route (read from Fastify's route table: `/bureau…`, and the decision letter
 * of the person's own file) × every role × a file of the agent's own prefecture / of another /
 * no session. Only the cells listed in `allowed` may succeed; the others answer "not found"
 * (404) or ask to log in (303 to /connexion for a page, 401 for a form). A route missing from
 * `allowed` fails the test: whoever adds one decides who may use it, here.
 */
const roles: Role[] = ['applicant', 'case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin'];
const office: Role[] = ['case_officer', 'head_of_office', 'desk_agent'];
const examine: Role[] = ['case_officer', 'head_of_office'];

/** Who may use each route on a file of their own prefecture (or, for the person, their own file). */
const allowed: Record<string, Role[]> = {
  'GET /bureau': office,
  'GET /bureau/dossiers/:id': office,
  'GET /bureau/dossiers/:id/pieces/:documentId': office,
  'GET /bureau/dossiers/:id/decision.pdf': office,
  'POST /bureau/dossiers/:id/notes': office,
  'POST /bureau/dossiers/:id/modifications-vues': office,
  'POST /bureau/dossiers/:id/attribution': examine,
  'POST /bureau/dossiers/:id/complet': examine,
  'GET /bureau/dossiers/:id/demande-pieces': examine,
  'POST /bureau/dossiers/:id/demande-pieces': examine,
  'GET /bureau/dossiers/:id/decision': examine,
  'POST /bureau/dossiers/:id/decision': examine,
  'GET /bureau/dossiers/:id/blocage-apri': examine,
  'POST /bureau/dossiers/:id/blocage-apri': examine,
  'POST /bureau/dossiers/:id/blocage-apri/levee': examine,
  'GET /demarches/:id/decision.pdf': ['applicant'],
};

const isBackOffice = (r: TableRoute) => r.path === '/bureau' || r.path.startsWith('/bureau/') || r.path === '/demarches/:id/decision.pdf';

let ctx: TestContext;
let SAMPLE_PDF: Uint8Array;
beforeAll(async () => {
  ctx = await createTestContext();
  SAMPLE_PDF = samplePdf();
});
afterAll(() => ctx.close());

interface Fixture {
  id: string;
  documentId: string;
  reference: string;
  applicantId: string;
}

describe('authorisation matrix', () => {
  it('lets only the allowed cells through', { timeout: 600_000 }, async () => {
    const routes = routeTable(ctx.app).filter(isBackOffice);
    const unlisted = routes.map((r) => `${r.method} ${r.path}`).filter((k) => !(k in allowed));
    expect(unlisted, 'back-office routes missing from the matrix: say who may use them in `allowed`').toEqual([]);
    expect(routes.length).toBe(Object.keys(allowed).length);

    // Every fixture is filed at this instant (`fileRenewal`): the sessions below stay fresh throughout.
    ctx.clock.set(morningOf('2026-04-01'));
    const seniorOfficer = await buildOfficeAgent(ctx.services);
    /** A file in a given state, in Paris (75) or in Marseille (13), with one document. */
    async function file(state: 'filed' | 'under_review' | 'decided', prefectureCode: '75' | '13'): Promise<Fixture> {
      const f = await fileRenewal(ctx.services, ctx.clock, { filedOn: '2026-04-01', permitExpiresOn: '2026-07-31' });
      if (state !== 'filed') await markComplete(ctx.services, f.applicationId, seniorOfficer);
      if (state === 'decided') await decideApplication(ctx.services, f.applicationId, seniorOfficer, { outcome: 'favourable', grounds: [], explanation: '', withOqtf: false });
      if (prefectureCode !== '75') await ctx.services.db.update(applications).set({ prefectureCode }).where(eq(applications.id, f.applicationId));
      const [doc] = await ctx.services.db
        .select({ id: applicationDocuments.documentId, key: documents.storageKey })
        .from(applicationDocuments)
        .innerJoin(documents, eq(documents.id, applicationDocuments.documentId))
        .where(eq(applicationDocuments.applicationId, f.applicationId))
        .limit(1);
      await ctx.services.storage.put(doc!.key, SAMPLE_PDF);
      return { id: f.applicationId, documentId: doc!.id, reference: f.reference, applicantId: f.applicant.id };
    }

    // One signed-in client per role; the applicant of the "own" files is a fresh person per cell.
    const clients = new Map<Role, { client: TestClient; id: string }>();
    for (const role of roles.filter((r) => r !== 'applicant')) {
      const a = await signedInAgent(ctx, role, office.includes(role) ? '75' : null);
      clients.set(role, { client: a.client, id: a.user.id });
    }
    const stranger = await buildUser(ctx.services);
    clients.set('applicant', { client: await signedInApplicant(ctx, stranger), id: stranger.id });

    /** The state each action needs to succeed, and a valid form for it. */
    const stateFor = (r: TableRoute): 'filed' | 'under_review' | 'decided' =>
      r.path.endsWith('decision.pdf') || (r.method === 'GET' && r.path.endsWith('/decision')) ? 'decided' : r.path.endsWith('/decision') ? 'under_review' : 'filed';
    const bodyFor = (r: TableRoute, viewerId: string): Record<string, string> => {
      if (r.path.endsWith('/attribution')) return { officer: viewerId };
      if (r.path.endsWith('/notes')) return { note: 'Note de test.' };
      if (r.path.endsWith('/modifications-vues')) return { upTo: ctx.clock.now().toISOString() };
      if (r.path.endsWith('/demande-pieces'))
        return { 'item-0-kind': 'passport', 'item-0-reason': 'corrected', 'item-0-explanation': 'La page 2 est illisible : envoyez une copie nette.', 'dueOn-day': '30', 'dueOn-month': '4', 'dueOn-year': '2026' };
      if (r.path.endsWith('/decision')) return { outcome: 'favourable' };
      if (r.path.endsWith('/blocage-apri')) return { ground: 'fraud_suspected', explanation: 'Le passeport présente des signes de falsification.' };
      return {};
    };
    const urlFor = (r: TableRoute, f: Fixture) => r.path.replace(':id', f.id).replace(':documentId', f.documentId);
    const ok = (r: TableRoute, status: number, location: unknown) => (r.method === 'GET' ? status === 200 : status === 303 && typeof location === 'string' && location.startsWith('/bureau/dossiers/'));
    const loginAsked = (r: TableRoute, status: number, location: unknown) => (r.method === 'GET' ? status === 303 && String(location).startsWith('/connexion') : status === 401);

    const failures: string[] = [];
    let cells = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      for (const role of roles) {
        for (const scope of ['own', 'other'] as const) {
          cells++;
          const f = await file(stateFor(route), scope === 'own' ? '75' : '13');
          let { client, id } = clients.get(role)!;
          // The person's own file: signed in as its applicant; "other": someone else's.
          if (role === 'applicant' && scope === 'own') {
            const [u] = await ctx.services.db.select().from(users).where(eq(users.id, f.applicantId));
            client = await signedInApplicant(ctx, { id: u!.id, email: u!.email!, password: 'correct horse battery staple', role: 'applicant' });
            id = u!.id;
          }
          const res = route.method === 'GET' ? await client.get(urlFor(route, f)) : await client.submit('/bureau', bodyFor(route, id), urlFor(route, f));
          const expectedOk = scope === 'own' && allowed[key]!.includes(role);
          const success = ok(route, res.statusCode, res.headers.location);
          const denied = res.statusCode === 404;
          // The queue itself is always the agent's own prefecture: "other" means the other file must not show.
          if (route.path === '/bureau' && scope === 'other' && allowed[key]!.includes(role)) {
            if (res.statusCode !== 200 || res.body.includes(f.reference)) failures.push(`${key} ${role} ${scope}: another prefecture's file shows (${res.statusCode})`);
            continue;
          }
          if (expectedOk ? !success : !denied) failures.push(`${key} ${role} ${scope}: ${res.statusCode} ${res.headers.location ?? ''}`);
        }
      }
      // No session at all.
      cells++;
      const f = await file(stateFor(route), '75');
      const anonymous = ctx.client();
      const res = route.method === 'GET' ? await anonymous.get(urlFor(route, f)) : await anonymous.submit('/connexion', bodyFor(route, ''), urlFor(route, f));
      if (!loginAsked(route, res.statusCode, res.headers.location)) failures.push(`${key} anonymous: ${res.statusCode} ${res.headers.location ?? ''}`);
    }
    console.log(`authorisation matrix: ${routes.length} routes × (${roles.length} roles × 2 prefectures + no session) = ${cells} cells`);
    expect(failures).toEqual([]);
    expect(cells).toBe(routes.length * (roles.length * 2 + 1));
  });
});
