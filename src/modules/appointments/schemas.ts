import { z } from 'zod';
import { parseDateParts } from '../profile/dates';
import { MAX_CAPACITY } from './slot-series';
import { minutesOf } from './paris-time';

const whole = (min: number, max: number, error: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, { error })
    .transform(Number)
    .pipe(z.number().min(min, { error }).max(max, { error }));

const time = (error: string) =>
  z
    .string()
    .trim()
    .min(1)
    .transform((v, ctx) => {
      const m = minutesOf(v);
      if (m === null) ctx.addIssue({ code: 'custom', message: error });
      return m ?? 0;
    });

/** The desk's form to open slots: a day, from, until (optional: a single slot), every, places. */
export const openSlotsForm = z
  .object({
    'day-day': z.string().default(''),
    'day-month': z.string().default(''),
    'day-year': z.string().default(''),
    from: time('appointments.errors.time_format'),
    to: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const m = minutesOf(v);
        if (m === null) ctx.addIssue({ code: 'custom', message: 'appointments.errors.time_format' });
        return m;
      }),
    every: whole(1, 999, 'appointments.errors.every_range'),
    capacity: whole(1, MAX_CAPACITY, 'appointments.errors.capacity_range'),
  })
  .transform((raw, ctx) => {
    const parsed = parseDateParts({ day: raw['day-day'], month: raw['day-month'], year: raw['day-year'] });
    if (parsed.kind !== 'date') ctx.addIssue({ code: 'custom', path: ['day'], message: parsed.kind === 'empty' ? 'validation.required' : 'appointments.errors.day_invalid' });
    return { day: parsed.kind === 'date' ? parsed.iso : '', from: raw.from, to: raw.to, every: raw.every, capacity: raw.capacity };
  });

export const bookForm = z.object({ slotId: z.string().regex(/^[0-9a-f-]{36}$/, { error: 'appointments.errors.choose_slot' }) });
