import { ephotoCode, timbreReference } from './fields';

/**
 * Checks a *timbre fiscal électronique* reference and an *e-photo* code with the services that
 * issue them. A real adapter asks the payment service (timbres.impots.gouv.fr) and the ANTS
 * e-photo service; the simulated one below is the embedded default (chosen by `TIMBRE_URL`
 * being unset, see the architecture's provider table).
 */
export interface FeeAndPhotoCheck {
  checkTimbre(reference: string): Promise<CheckOutcome>;
  checkEphoto(code: string): Promise<CheckOutcome>;
}

/** `not_recognised`: well formed, but the issuing service does not know it. */
export type CheckOutcome = 'valid' | 'not_recognised';

const EPHOTO_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Luhn checksum (ISO/IEC 7812): catches any single mistyped digit and most swaps. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digit that makes `first15` a Luhn-valid 16-digit reference. */
export function withLuhnDigit(first15: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${first15}${d}`)) return `${first15}${d}`;
  throw new Error('unreachable: one digit always completes a Luhn number');
}

/** Weighted sum modulo 36 of the first 21 characters: the 22nd character of a simulated e-photo code. */
export function ephotoCheckCharacter(first21: string): string {
  let sum = 0;
  for (let i = 0; i < first21.length; i++) sum += (i + 1) * EPHOTO_ALPHABET.indexOf(first21[i]!);
  return EPHOTO_ALPHABET[sum % 36]!;
}

export const withEphotoCheck = (first21: string) => `${first21}${ephotoCheckCharacter(first21)}`;

/**
 * Deterministic stand-in for the two services: a reference "exists" when its checksum is
 * right. Typing mistakes are refused as they would be by the real services; a made-up but
 * well-checksummed value is accepted, which is fine for a demonstration and for tests.
 */
export const simulatedFeeAndPhotoCheck: FeeAndPhotoCheck = {
  async checkTimbre(reference) {
    return luhnValid(reference) ? 'valid' : 'not_recognised';
  },
  async checkEphoto(code) {
    return ephotoCheckCharacter(code.slice(0, 21)) === code[21] ? 'valid' : 'not_recognised';
  },
};

/** Values that pass the simulated check, shown on the page outside production. */
export const simulatedExamples = {
  timbre: withLuhnDigit('123456789012345'),
  ephoto: withEphotoCheck('ABCDEFGHJK23456789MNP'),
};

/**
 * Field errors (field → message key) for a fee reference and an e-photo code, each checked only
 * when asked for: the format first, then the issuing service. Empty when all is good.
 */
export async function feeAndPhotoErrors(
  check: FeeAndPhotoCheck,
  input: { timbre: string; ephoto: string },
  asked: { timbre: boolean; ephoto: boolean },
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (asked.timbre) {
    const timbre = timbreReference.safeParse(input.timbre);
    if (!timbre.success) errors.timbre = input.timbre.trim() === '' ? 'validation.required' : 'validation.timbre_format';
    else if ((await check.checkTimbre(timbre.data)) !== 'valid') errors.timbre = 'applications.errors.timbre_not_recognised';
  }
  if (asked.ephoto) {
    const ephoto = ephotoCode.safeParse(input.ephoto);
    if (!ephoto.success) errors.ephoto = input.ephoto.trim() === '' ? 'validation.required' : 'validation.ephoto_format';
    else if ((await check.checkEphoto(ephoto.data)) !== 'valid') errors.ephoto = 'applications.errors.ephoto_not_recognised';
  }
  return errors;
}
