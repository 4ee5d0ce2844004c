import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/db/schema';
import { signedInAgent } from '../support/agents';
import { buildUser, logInAs, type BuiltUser } from '../support/builders';
import { postMultipart } from '../support/multipart';
import type { TestClient } from '../support/test-client';
import { fixtures, type FixtureKind } from './fixtures';
import { expectedFor, fill, problemWith, squeeze } from './judge';
import type { TableRoute } from './route-table';
import { roles, type Fixture, type MatrixEnv, type RouteSpec, type Scope, type Viewer } from './spec';

const noRecord: Fixture = { params: {} };

/** The parameters that name a record; each is also tried with a value that names none. */
const recordParams = ['id', 'documentId', 'attachmentId', 'reference', 'publicId'];

export interface Runner {
  /** Every cell of one route; the problems found, one line each. */
  run(route: TableRoute, spec: RouteSpec): Promise<string[]>;
  /**
   * For an allowed role on its own record, each record parameter in turn replaced by an id
   * that names nothing, then by garbage (the others kept): "not found", never a 500 nor a
   * record reached through the wrong parent. And a form of nonsense posted on the other
   * scope's record: still "not found" — the record is reached before the form is judged, so a
   * refusal of the form cannot tell that the record exists.
   */
  probeMissing(route: TableRoute, spec: RouteSpec): Promise<string[]>;
  cells: number;
  probes: number;
  /** Milliseconds spent building records, and how many were built. */
  fixtureMs: number;
  fixturesBuilt: number;
}

/**
 * Runs the cells. One signed-in client per agent role (of Paris, or national), and for the
 * person the owner of the record (own scope) or a stranger (other scope). A cell that must
 * succeed at changing something gets a record of its own; every other cell of a route — a
 * refusal, or a page that only reads — shares one record per kind and scope, built once.
 */
export async function createRunner(env: MatrixEnv): Promise<Runner> {
  const { ctx } = env;
  const agents = new Map<Role, { client: TestClient; viewer: Viewer }>();
  for (const role of roles.filter((r) => r !== 'applicant')) {
    const { agent, client } = await signedInAgent(ctx, role);
    agents.set(role, { client, viewer: { id: agent.id, role } });
  }
  const applicants = new Map<string, TestClient>();
  const applicantClient = async (user: BuiltUser) => {
    let client = applicants.get(user.id);
    if (!client) {
      client = ctx.client();
      client.ip = env.nextIp();
      await logInAs(client, user);
      applicants.set(user.id, client);
    }
    return client;
  };
  const stranger = await buildUser(ctx.services);
  await applicantClient(stranger);
  const anonymous = ctx.client();
  anonymous.ip = env.nextIp();
  await anonymous.get('/connexion'); // for its anti-forgery token: a form without one would be refused before the session is asked for

  const shared = new Map<string, Promise<Fixture>>();
  const runner: Runner = {
    cells: 0,
    probes: 0,
    fixtureMs: 0,
    fixturesBuilt: 0,
    run,
    probeMissing,
  };

  async function build(kind: FixtureKind, scope: Scope): Promise<Fixture> {
    const started = performance.now();
    try {
      return await fixtures[kind](env, scope);
    } finally {
      runner.fixtureMs += performance.now() - started;
      runner.fixturesBuilt++;
    }
  }

  function fixtureFor(spec: RouteSpec, scope: Scope, fresh: boolean): Promise<Fixture> {
    if (!spec.on) return Promise.resolve(noRecord);
    const kind = spec.on as FixtureKind;
    if (fresh) return build(kind, scope);
    const key = `${kind}/${scope}`;
    if (!shared.has(key)) shared.set(key, build(kind, scope));
    return shared.get(key)!;
  }

  async function clientFor(role: Role | 'anonymous', scope: Scope, f: Fixture): Promise<{ client: TestClient; viewer: Viewer }> {
    if (role === 'anonymous') return { client: anonymous, viewer: { id: '', role } };
    if (role !== 'applicant') return agents.get(role)!;
    const who = scope === 'own' && f.owner ? f.owner : stranger;
    return { client: await applicantClient(who), viewer: { id: who.id, role } };
  }

  async function send(client: TestClient, route: TableRoute, spec: RouteSpec, f: Fixture, viewer: Viewer): Promise<LightMyRequestResponse> {
    const params = { ...f.params, ...spec.params };
    const url = fill(route.path, params) + (spec.query ? fill(spec.query, params) : '');
    if (route.method === 'GET') return client.get(url);
    if (spec.multipart) {
      const { fields, file } = spec.multipart(f);
      return postMultipart(ctx.app, client, url, fields, file);
    }
    const form = typeof spec.form === 'function' ? spec.form(f, viewer) : (spec.form ?? {});
    return client.post(url, form);
  }

  async function run(route: TableRoute, spec: RouteSpec): Promise<string[]> {
    const key = `${route.method} ${route.path}`;
    const scopes: Scope[] = spec.unscoped ? ['own'] : ['own', 'other'];
    const problems: string[] = [];
    const cells: [Role | 'anonymous', Scope][] = [...roles.flatMap((role) => scopes.map((scope): [Role, Scope] => [role, scope])), ['anonymous', 'own']];
    for (const [role, scope] of cells) {
      const expected = expectedFor(spec, role, scope);
      const f = await fixtureFor(spec, scope, expected === 'success' && route.method !== 'GET');
      const { client, viewer } = await clientFor(role, scope, f);
      const res = await send(client, route, spec, f, viewer);
      runner.cells++;
      const problem = problemWith(res, route, spec, expected, f);
      if (problem) problems.push(`${key} — ${role}${role === 'anonymous' ? '' : ` × ${scope}`}: ${problem}`);
    }
    return problems;
  }

  async function probeMissing(route: TableRoute, spec: RouteSpec): Promise<string[]> {
    const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!).filter((n) => recordParams.includes(n));
    if (names.length === 0) return [];
    const problems: string[] = [];
    if (route.method === 'POST' && !spec.national && !spec.unscoped) {
      const other = await fixtureFor(spec, 'other', false);
      const { client, viewer } = await clientFor(spec.roles[0]!, 'other', other);
      const nonsense = { ...spec, form: { nonsense: 'x' }, multipart: spec.multipart && (() => ({ fields: { nonsense: 'x' } })) };
      const res = await send(client, route, nonsense, other, viewer);
      runner.probes++;
      if (res.statusCode !== 404) problems.push(`${route.method} ${route.path} — ${viewer.role}, a nonsense form on the other scope's record: expected 404, got ${res.statusCode} ${squeeze(res.body)}`);
    }
    const f = await fixtureFor(spec, 'own', false);
    const { client, viewer } = await clientFor(spec.roles[0]!, 'own', f);
    for (const name of names) {
      for (const value of [randomUUID(), 'x']) {
        const res = await send(client, route, spec, { ...f, params: { ...f.params, [name]: value } }, viewer);
        runner.probes++;
        if (res.statusCode !== 404) problems.push(`${route.method} ${route.path} — ${viewer.role} with :${name} = ${value}: expected 404, got ${res.statusCode} ${squeeze(res.body)}`);
      }
    }
    return problems;
  }

  return runner;
}
