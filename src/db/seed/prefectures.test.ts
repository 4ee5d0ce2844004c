import { describe, expect, it } from 'vitest';
import { allPrefectures, departementOfPostcode } from './prefectures';

describe('prefectures', () => {
  it('covers every département once, with Paris at the Préfecture de police', () => {
    expect(allPrefectures).toHaveLength(101);
    expect(new Set(allPrefectures.map((p) => p.code)).size).toBe(101);
    expect(allPrefectures.find((p) => p.code === '75')?.name).toBe('Préfecture de police de Paris');
  });

  it.each([
    ['75009', '75'],
    ['69001', '69'],
    ['01000', '01'],
    ['20000', '2A'],
    ['20167', '2A'],
    ['20200', '2B'],
    ['97400', '974'],
    ['97600', '976'],
    ['97500', null],
    ['99999', null],
    ['7500', null],
    ['ABCDE', null],
  ])('finds the département of postcode %s', (postcode, expected) => {
    expect(departementOfPostcode(postcode)).toBe(expected);
    if (expected) expect(allPrefectures.some((p) => p.code === expected)).toBe(true);
  });
});
