import { describe, expect, it } from 'vitest';
import { dateAnswerFromParts, dateAnswerProblem, datePartsOfAnswer } from '../../src/modules/applications/date-answers';
import { feeAndPhotoErrors, luhnValid, simulatedExamples, simulatedFeeAndPhotoCheck, withEphotoCheck, withLuhnDigit } from '../../src/modules/applications/fee-and-photo-check';
import { answerStepErrors } from '../../src/modules/applications/step-validation';
import { stepOfField, stepsFor } from '../../src/modules/applications/steps';
import { findProcedure, procedures } from '../../src/modules/procedures/catalogue';

const both = { timbre: true, ephoto: true };

describe('the simulated tax-stamp and e-photo check', () => {
  it('accepts a reference with a right checksum and refuses one mistyped digit or swapped pair', async () => {
    const good = withLuhnDigit('987654321098765');
    expect(luhnValid(good)).toBe(true);
    const oneDigit = `${good.slice(0, 5)}${(Number(good[5]) + 1) % 10}${good.slice(6)}`;
    expect(await simulatedFeeAndPhotoCheck.checkTimbre(good)).toBe('valid');
    expect(await simulatedFeeAndPhotoCheck.checkTimbre(oneDigit)).toBe('not_recognised');
  });

  it('checks the 22nd character of an e-photo code', async () => {
    const code = withEphotoCheck('ZYXWVUTSRQ98765432PNM');
    expect(code).toHaveLength(22);
    expect(await simulatedFeeAndPhotoCheck.checkEphoto(code)).toBe('valid');
    const wrong = `${code.slice(0, 21)}${code[21] === 'A' ? 'B' : 'A'}`;
    expect(await simulatedFeeAndPhotoCheck.checkEphoto(wrong)).toBe('not_recognised');
  });

  it('gives the format message first, then the service’s, only for what the procedure asks', async () => {
    expect(await feeAndPhotoErrors(simulatedFeeAndPhotoCheck, { timbre: '', ephoto: 'abc' }, both)).toEqual({ timbre: 'validation.required', ephoto: 'validation.ephoto_format' });
    expect(await feeAndPhotoErrors(simulatedFeeAndPhotoCheck, { timbre: '1234 5678 9012 3456', ephoto: simulatedExamples.ephoto.toLowerCase() }, both)).toEqual({
      timbre: 'applications.errors.timbre_not_recognised',
    });
    expect(await feeAndPhotoErrors(simulatedFeeAndPhotoCheck, { timbre: simulatedExamples.timbre, ephoto: '' }, { timbre: true, ephoto: false })).toEqual({});
  });
});

describe('date answers typed as three boxes', () => {
  it('stores a real date as YYYY-MM-DD and anything else as typed', () => {
    expect(dateAnswerFromParts({ day: '7', month: '3', year: '1990' })).toBe('1990-03-07');
    expect(dateAnswerFromParts({ day: '31', month: '02', year: '1990' })).toBe('31/02/1990');
    expect(dateAnswerFromParts({ day: '', month: '', year: '' })).toBe('');
    expect(datePartsOfAnswer('31/02/1990')).toEqual({ day: '31', month: '02', year: '1990' });
    expect(datePartsOfAnswer(dateAnswerFromParts({ day: '1/2', month: '3', year: '' }))).toEqual({ day: '12', month: '3', year: '' });
  });

  it('names what is wrong', () => {
    expect(dateAnswerProblem('')).toBe('validation.required');
    expect(dateAnswerProblem('12//1990')).toBe('applications.errors.date_incomplete');
    expect(dateAnswerProblem('31/02/1990')).toBe('applications.errors.date_invalid');
    expect(dateAnswerProblem('2026-02-30')).toBe('applications.errors.date_invalid');
    expect(dateAnswerProblem('1990-03-07')).toBeNull();
  });

  it('refuses a birth date in the future and a card expiring in 40 years', () => {
    const renewal = findProcedure('renewal_salarie')!;
    const errors = answerStepErrors(renewal, 'identity', { surname: 'Diallo', given_names: 'Awa', birth_date: '2027-01-01', nationality: 'SN' }, '2026-03-10');
    expect(errors).toEqual({ birth_date: { key: 'applications.errors.date_in_future' } });
    expect(answerStepErrors(renewal, 'permit', { permit_number: 'AB12', permit_expires_on: '2066-01-01' }, '2026-03-10')).toEqual({
      permit_expires_on: { key: 'applications.errors.permit_expiry_implausible' },
    });
  });
});

describe('the steps of each procedure', () => {
  it('ask about the current permit only when there is one, and about the fee only when there is one', () => {
    expect(stepsFor(findProcedure('first_etudiant')!)).toEqual(['situation', 'identity', 'address', 'documents', 'fee_photo']);
    expect(stepsFor(findProcedure('renewal_carte_resident')!)).toEqual(['identity', 'address', 'permit', 'documents', 'fee_photo']);
    expect(stepsFor(findProcedure('change_of_situation')!)).toEqual(['situation', 'identity', 'address', 'permit', 'documents']);
    for (const p of procedures) expect(stepsFor(p)).toContain('documents');
  });

  it('send each field, and a missing document, to the step that asks it', () => {
    const renewal = findProcedure('renewal_salarie')!;
    expect(stepOfField(renewal, 'same_employer')).toBe('situation');
    expect(stepOfField(renewal, 'postcode')).toBe('address');
    expect(stepOfField(renewal, 'ephoto')).toBe('fee_photo');
    expect(stepOfField(renewal, 'documents')).toBe('documents');
  });
});
