import { describe, expect, it } from 'vitest';
import { parisDate } from './legal-dates';

// What `parisDate` remembers per hour must be what Intl says for every instant.
const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

describe('parisDate', () => {
  it('gives the Paris date of every twenty minutes from 2025 to 2029, daylight-saving changes and midnights included', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(2025, 0, 1); ms < Date.UTC(2029, 0, 1); ms += 20 * 60_000) {
      // Each instant, then the last millisecond before it: both sides of every boundary.
      for (const at of [new Date(ms), new Date(ms - 1)]) if (parisDate(at) !== intl.format(at)) wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('turns at Paris midnight, in winter (23:00 UTC) and in summer (22:00 UTC)', () => {
    expect(parisDate(new Date('2026-01-15T22:59:59.999Z'))).toBe('2026-01-15');
    expect(parisDate(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
    expect(parisDate(new Date('2026-07-15T21:59:59.999Z'))).toBe('2026-07-15');
    expect(parisDate(new Date('2026-07-15T22:00:00Z'))).toBe('2026-07-16');
  });

  it('still answers for instants long past, out of order', () => {
    for (const iso of ['1911-03-11T00:05:00Z', '1975-06-30T22:30:00Z', '2026-03-29T00:59:00Z', '1890-01-01T00:00:00Z']) {
      expect(parisDate(new Date(iso))).toBe(intl.format(new Date(iso)));
    }
  });
});
