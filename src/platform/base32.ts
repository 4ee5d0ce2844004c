/** RFC 4648 Base32, upper case, without padding: TOTP secrets and 2D-Doc signatures. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes upper-case Base32 without padding; throws on any other character. With `strict`, the
 * unused trailing bits must be zero, so that one byte string has exactly one text (a signature
 * must not verify under a second spelling).
 */
export function base32Decode(text: string, options: { strict?: boolean } = {}): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new SyntaxError(`not Base32: ${ch}`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  if (options.strict && bits > 0 && (value & ((1 << bits) - 1)) !== 0) throw new SyntaxError('non-canonical Base32');
  return Uint8Array.from(out);
}
