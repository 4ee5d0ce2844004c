import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { applications, appointmentSlots, attestations, auditEvents, cardHandovers } from '../../src/db/schema';
import { isAppError } from '../../src/platform/errors';
import { bookSlot } from '../../src/modules/appointments/book-slot';
import { parisInstant } from '../../src/modules/appointments/paris-time';
import { createTestContext, type TestContext } from '../support/harness';
import { lastMailTo, logInAs } from '../support/builders';
import { metaFor } from '../support/application-builders';
import { logInAgent, buildAgent } from '../support/agents';
import { grantedFile, insertSlots, officeActor } from '../support/handover-builders';
import type { TestClient } from '../support/test-client';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const slotRow = async (id: string) => (await ctx.services.db.select().from(appointmentSlots).where(eq(appointmentSlots.id, id)))[0]!;
const at = (day: string, time: string) => parisInstant(day, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));

async function applicantClient(user: { email: string; password: string }): Promise<TestClient> {
  const c = ctx.client();
  c.ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
  await logInAs(c, user);
  return c;
}

describe('inviting and booking', () => {
  it('invites from the office, books online in the person’s language, shows it on the file, reschedules atomically', async () => {
    const officer = await buildAgent(ctx, 'case_officer', '75');
    const file = await grantedFile(ctx.services, { officer: { id: officer.id, role: 'case_officer' }, locale: 'en' });
    const [s1, s2] = await insertSlots(ctx.services, { startsAt: [at('2026-03-10', '09:00'), at('2026-03-10', '09:15')], capacity: 2, createdBy: officer.id });

    const office = await logInAgent(ctx, officer);
    const panel = await office.get(`/bureau/dossiers/${file.applicationId}/rendez-vous`);
    expect(panel.statusCode).toBe(200);
    expect(panel.body).toContain("la personne n'est pas encore invitée");
    const invited = await office.post(`/bureau/dossiers/${file.applicationId}/rendez-vous/inviter`);
    expect(invited.statusCode).toBe(303);
    expect((await office.follow(invited)).body).toContain('Invitée à prendre rendez-vous');
    const invitation = await lastMailTo(ctx.services, file.applicant.email);
    expect(invitation).toMatchObject({ template: 'appointments.mail_invite', locale: 'en' });
    expect(invitation!.subject).toBe(`Your residence card is ready: book an appointment (${file.reference})`);
    expect(invitation!.text).toContain(`/demarches/${file.applicationId}/rendez-vous`);

    const person = await applicantClient(file.applicant);
    const filePage = await person.get(`/demarches/${file.applicationId}`);
    expect(filePage.body).toContain('Book an appointment');
    const booking = await person.get(`/demarches/${file.applicationId}/rendez-vous`);
    expect(booking.statusCode).toBe(200);
    expect(booking.body).toContain('Tuesday, March 10, 2026');
    expect(booking.body).toContain('9:00');
    expect(booking.body).toContain(`value="${s1!.id}"`);

    const booked = await person.post(`/demarches/${file.applicationId}/rendez-vous`, { slotId: s1!.id });
    expect(booked.statusCode).toBe(303);
    expect((await person.follow(booked)).body).toContain('Your appointment is booked.');
    expect((await slotRow(s1!.id)).booked).toBe(1);
    const confirmation = await lastMailTo(ctx.services, file.applicant.email);
    expect(confirmation!.subject).toBe('Appointment to collect your card: Tuesday, March 10, 2026 at 9:00 AM');
    expect((await person.get(`/demarches/${file.applicationId}`)).body).toContain('Your hand-over appointment is on Tuesday, March 10, 2026 at 9:00 AM.');

    // The same slot again: nothing changes (a double click).
    await person.get(`/demarches/${file.applicationId}/rendez-vous`);
    expect((await person.post(`/demarches/${file.applicationId}/rendez-vous`, { slotId: s1!.id })).statusCode).toBe(303);
    expect((await slotRow(s1!.id)).booked).toBe(1);

    const moved = await person.post(`/demarches/${file.applicationId}/rendez-vous`, { slotId: s2!.id });
    expect((await person.follow(moved)).body).toContain('Your appointment is changed.');
    expect((await slotRow(s1!.id)).booked).toBe(0);
    expect((await slotRow(s2!.id)).booked).toBe(1);
    expect((await lastMailTo(ctx.services, file.applicant.email))!.template).toBe('appointments.mail_rescheduled');
    const actions = (await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, file.applicationId)).orderBy(asc(auditEvents.seq))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['application.handover_invited', 'application.handover_booked', 'application.handover_rescheduled']));
    expect((await office.get(`/bureau/dossiers/${file.applicationId}/rendez-vous`)).body).toContain('Rendez-vous de remise le mardi 10 mars 2026 à 09:15.');
  });

  it('refuses a full slot, a past slot, another prefecture’s slot, and a file not invited', async () => {
    const officer = await officeActor(ctx.services);
    const first = await grantedFile(ctx.services, { officer, invite: true });
    const second = await grantedFile(ctx.services, { officer, invite: true });
    const soonAt = new Date(ctx.clock.now().getTime() + 10 * 60_000);
    const [single, soon] = await insertSlots(ctx.services, { startsAt: [at('2026-03-11', '10:00'), soonAt], capacity: 1, createdBy: officer.id! });
    const [lyon] = await insertSlots(ctx.services, { prefectureCode: '69', startsAt: [at('2026-03-11', '10:00')], capacity: 5, createdBy: officer.id! });

    const a = await applicantClient(first.applicant);
    await a.get(`/demarches/${first.applicationId}/rendez-vous`);
    expect((await a.post(`/demarches/${first.applicationId}/rendez-vous`, { slotId: single!.id })).statusCode).toBe(303);
    const b = await applicantClient(second.applicant);
    const page = await b.get(`/demarches/${second.applicationId}/rendez-vous`);
    // A full slot is not offered…
    expect(page.body).not.toContain(`value="${single!.id}"`);
    expect(page.body).not.toContain(`value="${lyon!.id}"`);
    // …and refused if posted anyway.
    const full = await b.post(`/demarches/${second.applicationId}/rendez-vous`, { slotId: single!.id });
    expect(full.statusCode).toBe(409);
    expect(full.body).toContain("Ce créneau vient d'être complet");
    const elsewhere = await b.post(`/demarches/${second.applicationId}/rendez-vous`, { slotId: lyon!.id });
    expect(elsewhere.statusCode).toBe(409);
    expect((await slotRow(lyon!.id)).booked).toBe(0);
    const malformed = await b.post(`/demarches/${second.applicationId}/rendez-vous`, { slotId: 'nope' });
    expect(malformed.statusCode).toBe(400);

    expect(page.body).toContain(`value="${soon!.id}"`);
    ctx.clock.advance(20 * 60_000); // the slot ten minutes ahead is over now
    const past = await b.post(`/demarches/${second.applicationId}/rendez-vous`, { slotId: soon!.id });
    expect(past.statusCode).toBe(409);
    expect(past.body).toContain('Ce créneau est déjà passé');
    expect((await slotRow(soon!.id)).booked).toBe(0);

    // Decided, but never invited: booking is not open.
    const uninvited = await grantedFile(ctx.services, { officer });
    const c = await applicantClient(uninvited.applicant);
    expect((await c.get(`/demarches/${uninvited.applicationId}/rendez-vous`)).body).toContain('Vous pourrez prendre rendez-vous dès que la préfecture vous y invitera');
    const refused = await c.post(`/demarches/${uninvited.applicationId}/rendez-vous`, { slotId: single!.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("La prise de rendez-vous n'est pas ouverte");
    // Someone else's file: not found.
    expect((await c.get(`/demarches/${first.applicationId}/rendez-vous`)).statusCode).toBe(404);
    expect((await c.post(`/demarches/${first.applicationId}/rendez-vous`, { slotId: single!.id })).statusCode).toBe(404);
  });

  it('answers "not found" to the office of another prefecture, and refuses to invite for a file not granted', async () => {
    const file = await grantedFile(ctx.services);
    const lyon = await logInAgent(ctx, await buildAgent(ctx, 'case_officer', '69'));
    expect((await lyon.get(`/bureau/dossiers/${file.applicationId}/rendez-vous`)).statusCode).toBe(404);
    await lyon.get('/bureau/rendez-vous');
    expect((await lyon.post(`/bureau/dossiers/${file.applicationId}/rendez-vous/inviter`)).statusCode).toBe(404);
    expect((await lyon.post(`/bureau/dossiers/${file.applicationId}/rendez-vous/remise`)).statusCode).toBe(404);
    expect((await ctx.services.db.select().from(cardHandovers).where(eq(cardHandovers.applicationId, file.applicationId))).length).toBe(0);
    const [row] = await ctx.services.db.select().from(applications).where(eq(applications.id, file.applicationId));
    expect(row!.status).toBe('decided');

    // A file still under review has no card to hand over.
    const paris = await logInAgent(ctx, await buildAgent(ctx, 'case_officer', '75'));
    await ctx.services.db.update(applications).set({ status: 'under_review', decision: null }).where(eq(applications.id, file.applicationId));
    await paris.get(`/bureau/dossiers/${file.applicationId}/rendez-vous`);
    const refused = await paris.post(`/bureau/dossiers/${file.applicationId}/rendez-vous/inviter`);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Aucun titre n'est à remettre pour ce dossier");
  });
});

describe('the desk on the day', () => {
  it('lists the day’s people and records the card handed over: the ADF ends and the file closes', async () => {
    const desk = await buildAgent(ctx, 'desk_agent', '75');
    const file = await grantedFile(ctx.services, { invite: true });
    await ctx.services.jobs.runPending();
    const [slot] = await insertSlots(ctx.services, { startsAt: [at('2026-03-12', '14:30')], capacity: 3, createdBy: desk.id });
    await bookSlot(ctx.services, file.applicant.id, { applicationId: file.applicationId, slotId: slot!.id }, metaFor(file.applicant));
    const adf = await ctx.services.db.select().from(attestations).where(and(eq(attestations.applicationId, file.applicationId), eq(attestations.kind, 'adf')));
    expect(adf).toHaveLength(1);

    const client = await logInAgent(ctx, desk);
    const day = await client.get('/bureau/rendez-vous?jour=2026-03-12');
    expect(day.statusCode).toBe(200);
    expect(day.body).toContain('14:30');
    expect(day.body).toContain('1 sur 3');
    expect(day.body).toContain('Awa DIALLO');
    expect(day.body).toContain(file.reference);
    const done = await client.post(`/bureau/dossiers/${file.applicationId}/rendez-vous/remise`, { jour: '2026-03-12' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/bureau/rendez-vous?jour=2026-03-12');
    expect((await client.follow(done)).body).toContain('La remise du titre est enregistrée');
    const [closed] = await ctx.services.db.select().from(applications).where(eq(applications.id, file.applicationId));
    expect(closed).toMatchObject({ status: 'closed' });
    const [ended] = await ctx.services.db.select().from(attestations).where(eq(attestations.id, adf[0]!.id));
    expect(ended!.supersededAt).not.toBeNull();
    const [audit] = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, file.applicationId), eq(auditEvents.action, 'application.card_delivered'))).orderBy(asc(auditEvents.seq));
    expect(audit!.actorId).toBe(desk.id);
    // The person's page says it is over; the slot can no longer be changed.
    const person = await applicantClient(file.applicant);
    expect((await person.get(`/demarches/${file.applicationId}/rendez-vous`)).body).toContain('Votre titre vous a été remis');
  });
});

describe('under concurrency', () => {
  it('never books a slot beyond its capacity, however many people book at once', async () => {
    const officer = await officeActor(ctx.services);
    const files = [];
    for (let i = 0; i < 8; i++) files.push(await grantedFile(ctx.services, { officer, invite: true }));
    const [slot] = await insertSlots(ctx.services, { startsAt: [at('2026-03-20', '09:00')], capacity: 3, createdBy: officer.id! });
    const results = await Promise.allSettled(files.map((f) => bookSlot(ctx.services, f.applicant.id, { applicationId: f.applicationId, slotId: slot!.id }, metaFor(f.applicant))));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(isAppError(r.reason) && r.reason.options.fields?.slotId).toBe('appointments.errors.slot_full');
    expect((await slotRow(slot!.id)).booked).toBe(3);
    expect(await ctx.services.db.select().from(cardHandovers).where(eq(cardHandovers.slotId, slot!.id))).toHaveLength(3);
  });

  it('keeps every count exact while people reschedule at once in all directions (no deadlock, no lost place)', async () => {
    const officer = await officeActor(ctx.services);
    const files = [];
    for (let i = 0; i < 6; i++) files.push(await grantedFile(ctx.services, { officer, invite: true }));
    const slots = await insertSlots(ctx.services, { startsAt: ['09:00', '09:15', '09:30', '09:45'].map((t) => at('2026-03-24', t)), capacity: 2, createdBy: officer.id! });
    // Three people in each of the first two slots would not fit: start with two in each of three slots.
    for (const [i, f] of files.entries()) await bookSlot(ctx.services, f.applicant.id, { applicationId: f.applicationId, slotId: slots[i % 3]!.id }, metaFor(f.applicant));
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const moves = files.flatMap((f) => [0, 1, 2].map(() => ({ f, slot: slots[Math.floor(random() * slots.length)]! })));
    const results = await Promise.allSettled(moves.map(({ f, slot }) => bookSlot(ctx.services, f.applicant.id, { applicationId: f.applicationId, slotId: slot.id }, metaFor(f.applicant))));
    for (const r of results) if (r.status === 'rejected') expect(isAppError(r.reason) && r.reason.code, String(r.reason)).toBe('conflict');
    const rows = await ctx.services.db.select().from(appointmentSlots).where(inArray(appointmentSlots.id, slots.map((s) => s.id)));
    const holders = await ctx.services.db.select().from(cardHandovers).where(inArray(cardHandovers.applicationId, files.map((f) => f.applicationId)));
    for (const row of rows) {
      expect(row.booked).toBe(holders.filter((h) => h.slotId === row.id).length);
      expect(row.booked).toBeLessThanOrEqual(row.capacity);
    }
    expect(holders.every((h) => h.slotId !== null)).toBe(true);
  });
});
