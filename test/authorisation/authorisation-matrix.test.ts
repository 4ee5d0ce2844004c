import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';
import { morningOf } from '../attestations/support/attestation-builders';
import { isFixtureKind, matrixEnv } from './fixtures';
import { routeTable } from './route-table';
import { isAgentRoute, table } from './routes';
import { createRunner } from './runner';
import { roles } from './spec';

/**
 * The authorisation matrix: every route of the agents' side (read from Fastify's own route
 * table, so a new one is in it without anyone listing it) and the person's routes of what the
 * office produced × every role × a record of the role's own scope / of another × no session.
 * Only the cells `routes.ts` allows succeed; the others answer "not found", or ask to log in.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('authorisation matrix', () => {
  it('knows every agent-side route, and only real ones', () => {
    const known = routeTable(ctx.app).map((r) => `${r.method} ${r.path}`);
    const unlisted = routeTable(ctx.app)
      .filter((r) => isAgentRoute(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .filter((k) => !(k in table));
    expect(unlisted, 'routes missing from the matrix: say who may use them in test/authorisation/routes.ts').toEqual([]);
    expect(Object.keys(table).filter((k) => !known.includes(k)), 'lines of the matrix for routes that do not exist').toEqual([]);
    for (const [key, spec] of Object.entries(table)) {
      expect(!spec.on || isFixtureKind(spec.on), `${key}: unknown record "${spec.on}"`).toBe(true);
      expect(!spec.lists || !!spec.on, `${key}: a list needs a record to look for`).toBe(true);
      expect(!!spec.on || !!spec.unscoped, `${key}: without a record, the route has no other scope (unscoped)`).toBe(true);
    }
  });

  it('lets only the allowed cells through', { timeout: 900_000 }, async () => {
    // One instant for the whole run (the agents' log-ins move it by a TOTP step each): every session stays fresh.
    ctx.clock.set(morningOf('2026-04-01'));
    const started = performance.now();
    const runner = await createRunner(await matrixEnv(ctx));
    const routes = routeTable(ctx.app).filter((r) => `${r.method} ${r.path}` in table);
    const problems: string[] = [];
    for (const route of routes) {
      const spec = table[`${route.method} ${route.path}`]!;
      problems.push(...(await runner.run(route, spec)), ...(await runner.probeMissing(route, spec)));
    }

    const unscoped = routes.filter((r) => table[`${r.method} ${r.path}`]!.unscoped).length;
    const expectedCells = (routes.length - unscoped) * (roles.length * 2 + 1) + unscoped * (roles.length + 1);
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.log(
      `authorisation matrix: ${routes.length} routes × ${roles.length} roles × own/other scope + no session = ${runner.cells} cells ` +
        `(${unscoped} routes with no other scope: own + no session), and ${runner.probes} requests naming a record that does not exist or posting nonsense on another scope's — ${runner.fixturesBuilt} records built in ${seconds(runner.fixtureMs)} s, ` +
        `${seconds(performance.now() - started)} s in all on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
    );
    expect(problems).toEqual([]);
    expect(runner.cells).toBe(expectedCells);
  });
});
