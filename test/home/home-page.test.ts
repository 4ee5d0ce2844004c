import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { profiles } from '../../src/db/schema';
import { HOUR, MINUTE } from '../../src/platform/clock';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// The session lookup is a prepared statement that also brings the profile's given names: these
// check it still greets the right person and still refuses expired and idle sessions.
describe('home page', () => {
  it('shows a visitor what Sésame is, with the way in', async () => {
    const res = await ctx.client().get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Vos démarches de titre de séjour');
    expect(res.body).toContain('href="/connexion"');
    expect(res.body).not.toContain('Mon compte');
  });

  it('greets a signed-in person, by their given names once the profile has them', async () => {
    const user = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, user);
    const before = await c.get('/');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('Mon compte');
    expect(before.body).toContain('<h1>Bonjour</h1>');

    await ctx.services.db.update(profiles).set({ givenNames: 'Amina Zahra' }).where(eq(profiles.userId, user.id));
    const after = await c.get('/');
    expect(after.body).toContain('<h1>Bonjour Amina Zahra</h1>');
  });

  it('never shows one person the name of another', async () => {
    const [first, second] = [await buildUser(ctx.services), await buildUser(ctx.services)];
    await ctx.services.db.update(profiles).set({ givenNames: 'Premier' }).where(eq(profiles.userId, first.id));
    await ctx.services.db.update(profiles).set({ givenNames: 'Second' }).where(eq(profiles.userId, second.id));
    const [a, b] = [ctx.client(), ctx.client()];
    await logInAs(a, first);
    await logInAs(b, second);
    expect((await a.get('/')).body).toContain('Bonjour Premier');
    expect((await b.get('/')).body).toContain('Bonjour Second');
  });

  it('treats a session past its idle time or its maximum age as signed out', async () => {
    const idle = ctx.client();
    await logInAs(idle, await buildUser(ctx.services));
    ctx.clock.advance(ctx.config.SESSION_IDLE_MINUTES * MINUTE + MINUTE);
    expect((await idle.get('/')).body).not.toContain('Mon compte');

    const old = ctx.client();
    await logInAs(old, await buildUser(ctx.services));
    // Seen every hour, so never idle, until its maximum age is reached.
    for (let h = 0; h < ctx.config.SESSION_MAX_HOURS; h++) {
      expect((await old.get('/')).body).toContain('Mon compte');
      ctx.clock.advance(HOUR);
    }
    expect((await old.get('/')).body).not.toContain('Mon compte');
  });
});
