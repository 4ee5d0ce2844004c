import { describe, expect, it } from 'vitest';
import { compareAnswers, identityOutcome, readBirthDate, type AccountFacts } from './identity-check-rules';

const facts: AccountFacts = { birthDate: '1990-04-12', foreignerNumber: '7503120521', fileReferences: ['75-26-K7Q2M4XP'], postcode: '75019', permitNumber: 'FR7654321' };

describe('identity check rules', () => {
  it('read dates of birth as said on the phone', () => {
    expect(readBirthDate('12/04/1990')).toBe('1990-04-12');
    expect(readBirthDate('2.4.1990')).toBe('1990-04-02');
    expect(readBirthDate('1990-04-12')).toBe('1990-04-12');
    expect(readBirthDate('avril 1990')).toBeNull();
  });

  it('compare each answer given, ignoring case and spacing, and record only whether it matched', () => {
    expect(compareAnswers({ birth_date: '12/04/1990', foreigner_number: '75 03 12 05 21', file_reference: '75 26 k7q2m4xp', postcode: '75 019', permit_number: 'fr 765 4321' }, facts)).toEqual([
      { question: 'birth_date', result: 'match' },
      { question: 'foreigner_number', result: 'match' },
      { question: 'file_reference', result: 'match' },
      { question: 'postcode', result: 'match' },
      { question: 'permit_number', result: 'match' },
    ]);
    expect(compareAnswers({ birth_date: '11/04/1990', postcode: '' }, facts)).toEqual([{ question: 'birth_date', result: 'mismatch' }]);
    expect(compareAnswers({ foreigner_number: '1234567890' }, { ...facts, foreignerNumber: null })).toEqual([{ question: 'foreigner_number', result: 'no_record' }]);
  });

  it('pass with two matching answers, no wrong one, and a document seen', () => {
    const two = compareAnswers({ birth_date: '12/04/1990', postcode: '75019' }, facts);
    expect(identityOutcome(two, 'passport')).toBe('passed');
    expect(identityOutcome(two, null)).toBe('failed');
    expect(identityOutcome(compareAnswers({ birth_date: '12/04/1990' }, facts), 'passport')).toBe('failed');
    expect(identityOutcome(compareAnswers({ birth_date: '12/04/1990', postcode: '75019', permit_number: 'X' }, facts), 'passport')).toBe('failed');
    // An answer the account cannot check does not count for or against.
    expect(identityOutcome(compareAnswers({ birth_date: '12/04/1990', foreigner_number: '1' }, { ...facts, foreignerNumber: null }), 'passport')).toBe('failed');
  });
});
