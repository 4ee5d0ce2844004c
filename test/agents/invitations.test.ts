import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { agentInvitations, auditEvents, mailMessages, users } from '../../src/db/schema';
import { DAY } from '../../src/platform/clock';
import { SESSION_COOKIE } from '../../src/platform/sessions';
import { totpCode } from '../../src/platform/totp';
import { acceptInvitation } from '../../src/modules/agents/accept-invitation';
import { inviteAgent } from '../../src/modules/agents/invite-agent';
import { invitableRoles, mayManage } from '../../src/modules/agents/manage-policy';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, lastMailTo, linkIn, logInAs } from '../support/builders';
import { buildAgent, logInAgent, signedInAgent } from '../support/agents';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ env: { APP_SECRET: 'agents-tests-secret-0123456789abcdefghij' } });
});
afterAll(() => ctx.close());

let n = 0;
const newAddress = () => `agent${++n}-${Math.random().toString(36).slice(2, 7)}@prefecture.example`;
const keyOnPage = (html: string) => /id="totp-key">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '');
const meta = (user: { id: string; role: string }) => ({ actor: { id: user.id, role: user.role, requestId: 'test' }, ip: '203.0.113.9', userAgent: 'vitest', locale: 'fr' as const });

async function invite(client: TestClient, base: string, fields: Record<string, string>) {
  return client.submit(base, fields, `${base}/invitations`);
}

/** The invitation link of the newest mail to `email`, as a path. */
async function invitationLink(email: string): Promise<string> {
  const mail = await lastMailTo(ctx.services, email);
  expect(mail?.template).toBe('agents.mail_invitation');
  return linkIn(mail!.text);
}

async function auditOf(subjectId: string) {
  return (await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(asc(auditEvents.seq))).map((e) => e.action);
}

describe('who may manage agents (policy)', () => {
  it('lets the administrator give every agent role anywhere and a head of office only case officers and desk agents of their prefecture', () => {
    const admin = { id: 'a', role: 'admin' as const, prefectureCode: null };
    const head = { id: 'h', role: 'head_of_office' as const, prefectureCode: '75' };
    const officer = { id: 'o', role: 'case_officer' as const, prefectureCode: '75' };
    expect(invitableRoles(admin)).toEqual(['case_officer', 'head_of_office', 'desk_agent', 'support_agent', 'admin']);
    expect(invitableRoles(head)).toEqual(['case_officer', 'desk_agent']);
    expect(invitableRoles(officer)).toEqual([]);
    expect(mayManage(head, { role: 'desk_agent', prefectureCode: '75' })).toBe(true);
    expect(mayManage(head, { role: 'desk_agent', prefectureCode: '13' })).toBe(false);
    expect(mayManage(head, { role: 'head_of_office', prefectureCode: '75' })).toBe(false);
    expect(mayManage(head, { role: 'admin', prefectureCode: null })).toBe(false);
    expect(mayManage(admin, { role: 'support_agent', prefectureCode: null })).toBe(true);
  });
});

describe('invitation lifecycle', () => {
  it('invites, sets a password with the sign-up rules, forces the second factor before anything, and the link works once', async () => {
    const { agent: admin, client } = await signedInAgent(ctx, 'admin');
    const email = newAddress();
    const sent = await invite(client, '/administration/agents', { email: email.toUpperCase(), role: 'case_officer', prefectureCode: '13' });
    expect(sent.statusCode).toBe(303);
    const list = await client.follow(sent);
    expect(list.body).toContain("L'invitation est envoyée.");
    expect(list.body).toContain(email);

    const [row] = await ctx.services.db.select().from(agentInvitations).where(eq(agentInvitations.email, email));
    expect(row).toMatchObject({ role: 'case_officer', prefectureCode: '13', invitedBy: admin.id });
    const link = await invitationLink(email);
    expect(link).toMatch(/^\/invitation\/[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is stored.
    expect(row!.tokenHash).not.toContain(link.split('/')[2]);
    const mail = await lastMailTo(ctx.services, email);
    expect(mail!.text).toContain('Agent instructeur, Préfecture des Bouches-du-Rhône');

    const invitee = ctx.client();
    const page = await invitee.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(email);
    // The same rules as sign-up: too short, common.
    const short = await invitee.post(link, { password: 'court' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('au moins 12 caractères');
    const common = await invitee.post(link, { password: 'motdepasse123' });
    expect(common.statusCode).toBe(400);
    expect((await ctx.services.db.select().from(users).where(eq(users.email, email))).length).toBe(0);

    const done = await invitee.post(link, { password: 'une phrase de passe pour le bureau' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/connexion/second-facteur/activer');
    const [account] = await ctx.services.db.select().from(users).where(eq(users.email, email));
    expect(account).toMatchObject({ role: 'case_officer', prefectureCode: '13', totpEnabledAt: null });
    expect(account!.emailVerifiedAt).not.toBeNull();
    expect(account!.passwordHash).toMatch(/^\$argon2id\$/);

    // Nothing opens before the second factor is enrolled.
    const blocked = await invitee.get('/compte');
    expect(blocked.headers.location).toBe('/connexion/second-facteur');
    expect((await invitee.follow(blocked)).headers.location).toBe('/connexion/second-facteur/activer');
    const enrol = await invitee.get('/connexion/second-facteur/activer');
    expect(enrol.body).toContain('obligatoire pour les agents');
    const waiting = invitee.cookies.get(SESSION_COOKIE)!;
    const enrolled = await invitee.post('/connexion/second-facteur/activer', { code: totpCode(keyOnPage(enrol.body), ctx.clock.now()) });
    expect(enrolled.statusCode).toBe(200);
    expect((await invitee.get('/compte')).statusCode).toBe(200);
    // The full session has a token of its own: the one the invitation page set opens nothing now.
    expect(invitee.cookies.get(SESSION_COOKIE)).not.toBe(waiting);
    const thief = ctx.client();
    thief.cookies.set(SESSION_COOKIE, waiting);
    expect((await thief.get('/compte')).headers.location).toBe('/connexion?retour=%2Fcompte');

    // The link is spent.
    const again = await ctx.client().get(link);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain("Ce lien d'invitation ne fonctionne plus");
    expect((await ctx.client().post(link, { password: 'une autre phrase de passe' }, { csrf: null })).statusCode).toBe(403);
    const reused = ctx.client();
    await reused.get('/connexion');
    expect((await reused.post(link, { password: 'une autre phrase de passe' })).statusCode).toBe(400);

    expect(await auditOf(row!.id)).toEqual(['agent.invited', 'agent.invitation_accepted']);
    expect(await auditOf(account!.id)).toEqual(expect.arrayContaining(['account.created', 'totp.enabled']));
    const [created] = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, account!.id), eq(auditEvents.action, 'account.created'))).orderBy(asc(auditEvents.seq));
    expect(created!.data).toMatchObject({ invitedBy: admin.id, role: 'case_officer', prefectureCode: '13' });
  });

  it('refuses an expired link; re-sending gives a new week and a new link, and the old one dies', async () => {
    const { client } = await signedInAgent(ctx, 'admin');
    const email = newAddress();
    await invite(client, '/administration/agents', { email, role: 'desk_agent', prefectureCode: '69' });
    const first = await invitationLink(email);
    ctx.clock.advance(7 * DAY + 60_000);
    const expired = await ctx.client().get(first);
    expect(expired.statusCode).toBe(400);
    const [row] = await ctx.services.db.select().from(agentInvitations).where(eq(agentInvitations.email, email));
    const adminAgain = (await signedInAgent(ctx, 'admin')).client;
    expect((await adminAgain.get('/administration/agents')).body).toContain('Expirée');
    const resent = await adminAgain.post(`/administration/agents/invitations/${row!.id}/renvoyer`);
    expect(resent.statusCode).toBe(303);
    const second = await invitationLink(email);
    expect(second).not.toBe(first);
    expect((await ctx.client().get(first)).statusCode).toBe(400);
    const invitee = ctx.client();
    expect((await invitee.get(second)).statusCode).toBe(200);
    expect((await invitee.post(second, { password: 'une phrase de passe pour le guichet' })).statusCode).toBe(303);
    expect(await auditOf(row!.id)).toEqual(['agent.invited', 'agent.invitation_resent', 'agent.invitation_accepted']);

    // An accepted invitation is not sent again.
    await adminAgain.get('/administration/agents');
    const late = await adminAgain.post(`/administration/agents/invitations/${row!.id}/renvoyer`);
    expect((await adminAgain.follow(late)).body).toContain("Cette action n'est plus possible");
  });

  it('kills a revoked link at once', async () => {
    const { client } = await signedInAgent(ctx, 'admin');
    const email = newAddress();
    await invite(client, '/administration/agents', { email, role: 'support_agent' });
    const link = await invitationLink(email);
    const [row] = await ctx.services.db.select().from(agentInvitations).where(eq(agentInvitations.email, email));
    expect(row!.prefectureCode).toBeNull();
    const invitee = ctx.client();
    expect((await invitee.get(link)).statusCode).toBe(200);
    await client.get('/administration/agents');
    expect((await client.post(`/administration/agents/invitations/${row!.id}/retirer`)).statusCode).toBe(303);
    expect((await invitee.post(link, { password: 'une phrase de passe pour le support' })).statusCode).toBe(400);
    expect((await ctx.services.db.select().from(users).where(eq(users.email, email))).length).toBe(0);
    expect(await auditOf(row!.id)).toEqual(['agent.invited', 'agent.invitation_revoked']);
  });

  it('checks the form: role, a prefecture for prefecture roles, none for national ones', async () => {
    const { client } = await signedInAgent(ctx, 'admin');
    const noRole = await invite(client, '/administration/agents', { email: newAddress(), role: '' });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.body).toContain('Choisissez un rôle.');
    const noPrefecture = await invite(client, '/administration/agents', { email: 'x@prefecture.example', role: 'case_officer', prefectureCode: '' });
    expect(noPrefecture.statusCode).toBe(400);
    expect(noPrefecture.body).toContain("Choisissez la préfecture de l'agent.");
    expect(noPrefecture.body).toContain('value="x@prefecture.example"');
    const unknown = await invite(client, '/administration/agents', { email: newAddress(), role: 'case_officer', prefectureCode: '00' });
    expect(unknown.statusCode).toBe(400);
    const badEmail = await invite(client, '/administration/agents', { email: 'not-an-address', role: 'admin' });
    expect(badEmail.statusCode).toBe(400);
    const national = newAddress();
    await invite(client, '/administration/agents', { email: national, role: 'admin', prefectureCode: '75' });
    const [row] = await ctx.services.db.select().from(agentInvitations).where(eq(agentInvitations.email, national));
    expect(row).toMatchObject({ role: 'admin', prefectureCode: null });
  });
});

describe('an address that already has an account', () => {
  it('never becomes an agent: the owner gets a notice without a link, the inviter the usual answer', async () => {
    const applicant = await buildUser(ctx.services);
    const { client } = await signedInAgent(ctx, 'admin');
    const sent = await invite(client, '/administration/agents', { email: applicant.email, role: 'admin' });
    expect(sent.statusCode).toBe(303);
    expect((await client.follow(sent)).body).toContain("L'invitation est envoyée.");
    const mail = await lastMailTo(ctx.services, applicant.email);
    expect(mail!.template).toBe('agents.mail_invitation_existing');
    expect(mail!.text).not.toContain('/invitation/');
    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, applicant.id));
    expect(row).toMatchObject({ role: 'applicant', prefectureCode: null });
  });

  it('refuses the link when the address got an account after the invitation was sent', async () => {
    const { client } = await signedInAgent(ctx, 'admin');
    const email = newAddress();
    await invite(client, '/administration/agents', { email, role: 'head_of_office', prefectureCode: '75' });
    const link = await invitationLink(email);
    const applicant = await buildUser(ctx.services, { email });
    const invitee = ctx.client();
    await invitee.get(link);
    const refused = await invitee.post(link, { password: 'une phrase de passe pour le bureau' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("un compte existant ne peut pas devenir un compte d'agent");
    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, applicant.id));
    expect(row!.role).toBe('applicant');
  });

  it('gives one account when two invitations for one address are accepted at once', async () => {
    const admin = await buildAgent(ctx, 'admin');
    const email = newAddress();
    await inviteAgent(ctx.services, { email, role: 'case_officer', prefectureCode: '75' }, meta(admin));
    const firstLink = await invitationLink(email);
    await inviteAgent(ctx.services, { email, role: 'desk_agent', prefectureCode: '75' }, meta(admin));
    const secondLink = await invitationLink(email);
    const tokenOf = (link: string) => link.split('/')[2]!;
    const results = await Promise.allSettled([
      acceptInvitation(ctx.services, { token: tokenOf(firstLink), password: 'une phrase de passe numéro un' }, meta(admin)),
      acceptInvitation(ctx.services, { token: tokenOf(secondLink), password: 'une phrase de passe numéro deux' }, meta(admin)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict' });
    expect(await ctx.services.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});

describe('a head of office', () => {
  it('invites case officers and desk agents into their own prefecture only', async () => {
    const { client } = await signedInAgent(ctx, 'head_of_office', '33');
    const page = await client.get('/bureau/equipe');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="prefectureCode"');
    const email = newAddress();
    // A prefecture posted by hand is ignored: the team is the head's own.
    expect((await invite(client, '/bureau/equipe', { email, role: 'desk_agent', prefectureCode: '75' })).statusCode).toBe(303);
    const [row] = await ctx.services.db.select().from(agentInvitations).where(eq(agentInvitations.email, email));
    expect(row).toMatchObject({ role: 'desk_agent', prefectureCode: '33' });
    for (const role of ['head_of_office', 'admin', 'support_agent', 'applicant']) {
      const refused = await invite(client, '/bureau/equipe', { email: newAddress(), role });
      expect(refused.statusCode, role).toBe(400);
      expect(refused.body).toContain('Vous ne pouvez pas inviter un agent avec ce rôle.');
    }
  });

  it('sees and changes only their prefecture: another prefecture’s invitation or agent is not found', async () => {
    const admin = await buildAgent(ctx, 'admin');
    const elsewhere = newAddress();
    const { invitationId } = await inviteAgent(ctx.services, { email: elsewhere, role: 'desk_agent', prefectureCode: '13' }, meta(admin));
    const otherDesk = await buildAgent(ctx, 'desk_agent', '13');
    const ownDesk = await buildAgent(ctx, 'desk_agent', '33');
    const ownHead = await buildAgent(ctx, 'head_of_office', '33');
    const { client } = await signedInAgent(ctx, 'head_of_office', '33');
    const page = await client.get('/bureau/equipe');
    expect(page.body).not.toContain(elsewhere);
    expect(page.body).not.toContain(otherDesk.email);
    expect(page.body).toContain(ownDesk.email);
    expect(page.body).toContain(ownHead.email);
    expect((await client.post(`/bureau/equipe/invitations/${invitationId}/retirer`)).statusCode).toBe(404);
    expect((await client.post(`/bureau/equipe/invitations/${invitationId}/renvoyer`)).statusCode).toBe(404);
    await client.get('/bureau/equipe');
    expect((await client.post(`/bureau/equipe/${otherDesk.id}/desactiver`)).statusCode).toBe(404);
    await client.get('/bureau/equipe');
    expect((await client.post(`/bureau/equipe/${ownHead.id}/desactiver`)).statusCode).toBe(404);
    await client.get('/bureau/equipe');
    expect((await client.post(`/bureau/equipe/${ownDesk.id}/desactiver`)).statusCode).toBe(303);
    const [row] = await ctx.services.db.select().from(users).where(eq(users.id, ownDesk.id));
    expect(row!.deactivatedAt).not.toBeNull();
  });
});

describe('deactivation', () => {
  it('ends the sessions at once; the right password then answers like a wrong one; reactivation restores the log-in', async () => {
    const { agent, client: agentClient } = await signedInAgent(ctx, 'case_officer', '75');
    expect((await agentClient.get('/compte')).statusCode).toBe(200);
    const { client } = await signedInAgent(ctx, 'admin');
    await client.get('/administration/agents');
    const off = await client.post(`/administration/agents/${agent.id}/desactiver`);
    expect(off.statusCode).toBe(303);
    expect((await client.follow(off)).body).toContain('Le compte est désactivé');
    const after = await agentClient.get('/compte');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/connexion/);
    const retry = ctx.client();
    retry.ip = '198.18.0.1';
    const refused = await retry.submit('/connexion', { email: agent.email, password: agent.password });
    expect(refused.statusCode).toBe(400);
    const wrong = await ctx.client().submit('/connexion', { email: agent.email, password: 'pas le bon mot de passe' });
    expect(refused.body.match(/<div class="fr-alert fr-alert--error[\s\S]*?<\/div>/)![0]).toBe(wrong.body.match(/<div class="fr-alert fr-alert--error[\s\S]*?<\/div>/)![0]);

    await client.get('/administration/agents');
    expect((await client.post(`/administration/agents/${agent.id}/reactiver`)).statusCode).toBe(303);
    await logInAgent(ctx, agent);
    expect(await auditOf(agent.id)).toEqual(expect.arrayContaining(['agent.deactivated', 'agent.reactivated']));
  });

  it('does not let anyone switch their own account off, nor reach an applicant through it', async () => {
    const { agent, client } = await signedInAgent(ctx, 'admin');
    const applicant = await buildUser(ctx.services);
    await client.get('/administration/agents');
    const self = await client.post(`/administration/agents/${agent.id}/desactiver`);
    expect((await client.follow(self)).body).toContain("Cette action n'est plus possible");
    await client.get('/administration/agents');
    expect((await client.post(`/administration/agents/${applicant.id}/desactiver`)).statusCode).toBe(404);
    await client.get('/administration/agents');
    expect((await client.post('/administration/agents/not-a-uuid/desactiver')).statusCode).toBe(404);
  });
});

describe('access', () => {
  it('answers "not found" to every other role and sends a visitor without a session to log in', async () => {
    for (const role of ['case_officer', 'desk_agent', 'support_agent'] as const) {
      const { client } = await signedInAgent(ctx, role);
      expect((await client.get('/administration')).statusCode, role).toBe(404);
      expect((await client.get('/administration/agents')).statusCode, role).toBe(404);
      expect((await client.get('/bureau/equipe')).statusCode, role).toBe(404);
    }
    const applicant = await buildUser(ctx.services);
    const c = ctx.client();
    await logInAs(c, applicant);
    expect((await c.get('/administration/agents')).statusCode).toBe(404);
    expect((await c.post('/administration/agents/invitations', { email: newAddress(), role: 'admin' })).statusCode).toBe(404);
    const anonymous = await ctx.client().get('/administration/agents');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/connexion?retour=%2Fadministration%2Fagents');
    const { client: head } = await signedInAgent(ctx, 'head_of_office');
    expect((await head.get('/administration/agents')).statusCode).toBe(404);
    const { client: admin } = await signedInAgent(ctx, 'admin');
    expect((await admin.get('/administration')).statusCode).toBe(200);
    expect((await admin.get('/bureau/equipe')).statusCode).toBe(404);
    const sent = await ctx.services.db.select().from(mailMessages).where(eq(mailMessages.template, 'agents.mail_invitation'));
    expect(sent.length).toBeGreaterThan(0);
  });
});
