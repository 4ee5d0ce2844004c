/** A hand-over appointment lasts at least this long and at most this long. */
export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;
export const MAX_CAPACITY = 50;
/** One form opens at most a day's worth of slots. */
export const MAX_SLOTS_PER_SERIES = 120;
/** Desks open between these times, Paris time (which also keeps clear of the night's daylight-saving jumps). */
export const EARLIEST_MINUTES = 6 * 60;
export const LATEST_MINUTES = 22 * 60;

export type SeriesProblem = { field: 'from' | 'to' | 'every'; key: string };

/**
 * The start times, in minutes after midnight, of a series of slots: every `every` minutes from
 * `from`, each one ending by `to` (no `to`: a single slot). Pure, so the form's rules are
 * tested without a database.
 */
export function slotStarts(from: number, to: number | null, every: number): { ok: true; starts: number[] } | { ok: false; problem: SeriesProblem } {
  if (every < MIN_SLOT_MINUTES || every > MAX_SLOT_MINUTES) return { ok: false, problem: { field: 'every', key: 'appointments.errors.every_range' } };
  if (from < EARLIEST_MINUTES || from + every > LATEST_MINUTES) return { ok: false, problem: { field: 'from', key: 'appointments.errors.office_hours' } };
  const end = to ?? from + every;
  if (to !== null && to > LATEST_MINUTES) return { ok: false, problem: { field: 'to', key: 'appointments.errors.office_hours' } };
  if (end < from + every) return { ok: false, problem: { field: 'to', key: 'appointments.errors.to_before_from' } };
  const starts: number[] = [];
  for (let m = from; m + every <= end; m += every) starts.push(m);
  if (starts.length > MAX_SLOTS_PER_SERIES) return { ok: false, problem: { field: 'every', key: 'appointments.errors.too_many_slots' } };
  return { ok: true, starts };
}
