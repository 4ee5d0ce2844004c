import { describe, expect, it } from 'vitest';
import { titleCategories } from '../procedures/types';
import { categoryText, currentTitleCategory, rightsText, workRightsOf } from './work-rights';

describe('work rights of a title', () => {
  it('are full for work and family titles, limited for students, none for visitors', () => {
    expect(titleCategories.filter((c) => workRightsOf(c) === 'full').sort()).toEqual(['carte_resident', 'passeport_talent', 'salarie', 'travailleur_temporaire', 'vie_privee_familiale']);
    expect(workRightsOf('etudiant')).toBe('limited');
    expect(workRightsOf('visiteur')).toBe('none');
    expect(rightsText('none')).toBeNull();
  });

  it('fit the 2D-Doc fields (6P and 6M: at most 40 characters of the C40 set)', () => {
    for (const text of [rightsText('full'), rightsText('limited'), ...Object.values(categoryText)]) {
      expect(text!.length).toBeLessThanOrEqual(40);
      expect(text).toMatch(/^[A-Z0-9 /.-]+$/);
    }
  });

  it('take the current title from the profile, or the renewed one when the profile does not say', () => {
    expect(currentTitleCategory('student', 'salarie')).toBe('etudiant');
    expect(currentTitleCategory('resident_card', 'carte_resident')).toBe('carte_resident');
    expect(currentTitleCategory('long_stay_visa', 'salarie')).toBe('salarie');
    expect(currentTitleCategory(null, 'visiteur')).toBe('visiteur');
    expect(currentTitleCategory('anything', 'salarie')).toBe('salarie');
  });
});
