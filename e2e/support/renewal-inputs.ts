/**
 * What a person types and uploads to file an application: a *timbre fiscal* and an *e-photo*
 * code the simulated services accept, computed here from the rules they check (Luhn; weighted
 * sum modulo 36) rather than taken from the code under test, so a broken check would show.
 * The scans of their documents are the small real PDFs of `sample-pdf.ts`.
 */
function luhnCompleted(first15: string): string {
  for (let d = 0; d <= 9; d++) {
    const digits = `${first15}${d}`;
    let sum = 0;
    for (let i = 0; i < 16; i++) {
      let n = Number(digits[15 - i]);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      sum += n;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('unreachable');
}
function ephotoCompleted(first21: string): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let sum = 0;
  for (let i = 0; i < 21; i++) sum += (i + 1) * alphabet.indexOf(first21[i]!);
  return `${first21}${alphabet[sum % 36]}`;
}
export const timbre = luhnCompleted('440072859316207');
export const ephoto = ephotoCompleted('K7PQ2M9XR4TZW8B3N6CVD');
