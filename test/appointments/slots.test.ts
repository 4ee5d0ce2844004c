import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { appointmentSlots, auditEvents } from '../../src/db/schema';
import { parisInstant, minutesOf, formatParisTime } from '../../src/modules/appointments/paris-time';
import { slotStarts } from '../../src/modules/appointments/slot-series';
import { createTestContext, type TestContext } from '../support/harness';
import { signedInAgent } from '../support/agents';

describe('slot series (pure)', () => {
  it('makes every start of a series, a single slot without an end, and refuses what makes no sense', () => {
    expect(slotStarts(9 * 60, 10 * 60, 15)).toEqual({ ok: true, starts: [540, 555, 570, 585] });
    // A last slot that would run past the end is not made.
    expect(slotStarts(9 * 60, 9 * 60 + 40, 15)).toEqual({ ok: true, starts: [540, 555] });
    expect(slotStarts(14 * 60, null, 30)).toEqual({ ok: true, starts: [840] });
    expect(slotStarts(9 * 60, 9 * 60 + 10, 15)).toMatchObject({ ok: false, problem: { field: 'to' } });
    expect(slotStarts(9 * 60, 8 * 60, 15)).toMatchObject({ ok: false, problem: { field: 'to' } });
    expect(slotStarts(9 * 60, 12 * 60, 3)).toMatchObject({ ok: false, problem: { field: 'every' } });
    expect(slotStarts(3 * 60, null, 15)).toMatchObject({ ok: false, problem: { field: 'from' } });
    expect(slotStarts(6 * 60, 22 * 60, 5)).toMatchObject({ ok: false, problem: { key: 'appointments.errors.too_many_slots' } });
  });

  it('reads times as people type them and places them in Paris time across daylight-saving changes', () => {
    expect(minutesOf('09:15')).toBe(555);
    expect(minutesOf('9h15')).toBe(555);
    expect(minutesOf('24:00')).toBeNull();
    expect(minutesOf('nine')).toBeNull();
    // Winter (UTC+1), summer (UTC+2), and the day the clocks go forward (29 March 2026).
    expect(parisInstant('2026-03-10', 9 * 60).toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(parisInstant('2026-03-29', 9 * 60).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(parisInstant('2026-07-01', 9 * 60).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(formatParisTime(parisInstant('2026-10-25', 9 * 60), 'fr')).toBe('09:00');
  });
});

describe('opening slots at the desk', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  const slotsOf = (prefectureCode: string) => ctx.services.db.select().from(appointmentSlots).where(eq(appointmentSlots.prefectureCode, prefectureCode)).orderBy(asc(appointmentSlots.startsAt));

  it('opens a series every 15 minutes in the agent’s own prefecture, once, audited', async () => {
    const { agent, client } = await signedInAgent(ctx, 'desk_agent', '69');
    const form = { 'day-day': '10', 'day-month': '3', 'day-year': '2026', from: '09:00', to: '10:00', every: '15', capacity: '2' };
    const res = await client.submit('/bureau/rendez-vous', form, '/bureau/rendez-vous/creneaux');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/bureau/rendez-vous?jour=2026-03-10');
    const page = await client.follow(res);
    expect(page.body).toContain('Les créneaux sont ouverts.');
    expect(page.body).toContain('mardi 10 mars 2026');
    const slots = await slotsOf('69');
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(['2026-03-10T08:00:00.000Z', '2026-03-10T08:15:00.000Z', '2026-03-10T08:30:00.000Z', '2026-03-10T08:45:00.000Z']);
    expect(slots.every((s) => s.capacity === 2 && s.booked === 0 && s.createdBy === agent.id)).toBe(true);

    const again = await client.submit('/bureau/rendez-vous', form, '/bureau/rendez-vous/creneaux');
    expect((await client.follow(again)).body).toContain('Ces créneaux étaient déjà ouverts');
    expect(await slotsOf('69')).toHaveLength(4);
    const audit = await ctx.services.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'appointments.slots_opened'), eq(auditEvents.subjectId, '69'))).orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.data.opened)).toEqual([4, 0]);
    expect(audit[0]!.actorId).toBe(agent.id);
  });

  it('refuses past times, malformed fields and impossible series with messages, keeping what was typed', async () => {
    const { client } = await signedInAgent(ctx, 'head_of_office', '13');
    const past = await client.submit('/bureau/rendez-vous', { 'day-day': '1', 'day-month': '3', 'day-year': '2026', from: '09:00', to: '', every: '15', capacity: '1' }, '/bureau/rendez-vous/creneaux');
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('Ce moment est déjà passé');
    const bad = await client.submit('/bureau/rendez-vous', { 'day-day': '10', 'day-month': '3', 'day-year': '2026', from: '9 heures', to: '', every: '15', capacity: '100' }, '/bureau/rendez-vous/creneaux');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Saisissez une heure au format HH:MM');
    expect(bad.body).toContain('Saisissez un nombre de personnes entre 1 et 50.');
    expect(bad.body).toContain('value="9 heures"');
    const reversed = await client.submit('/bureau/rendez-vous', { 'day-day': '10', 'day-month': '3', 'day-year': '2026', from: '12:00', to: '09:00', every: '15', capacity: '1' }, '/bureau/rendez-vous/creneaux');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('La fin de la série doit venir');
    const noDay = await client.submit('/bureau/rendez-vous', { 'day-day': '31', 'day-month': '2', 'day-year': '2026', from: '09:00', every: '15', capacity: '1' }, '/bureau/rendez-vous/creneaux');
    expect(noDay.statusCode).toBe(400);
    expect(await slotsOf('13')).toHaveLength(0);
  });

  it('lets a case officer see the desk but not open slots; an applicant or another area gets "not found"', async () => {
    const { client: officer } = await signedInAgent(ctx, 'case_officer');
    expect((await officer.get('/bureau/rendez-vous')).statusCode).toBe(200);
    expect((await officer.get('/bureau/rendez-vous')).body).not.toContain('action="/bureau/rendez-vous/creneaux"');
    const res = await officer.post('/bureau/rendez-vous/creneaux', { 'day-day': '10', 'day-month': '3', 'day-year': '2026', from: '09:00', every: '15', capacity: '1' });
    expect(res.statusCode).toBe(404);
    const { client: support } = await signedInAgent(ctx, 'support_agent');
    expect((await support.get('/bureau/rendez-vous')).statusCode).toBe(404);
    expect((await ctx.client().get('/bureau/rendez-vous')).headers.location).toBe('/connexion?retour=%2Fbureau%2Frendez-vous');
  });
});
