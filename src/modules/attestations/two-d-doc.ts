import { createSign, createVerify, type KeyObject } from 'node:crypto';
import { base32Decode as decodeBase32, base32Encode } from '../../platform/base32';

/**
 * 2D-Doc (ANTS), version 04: `header + message + <US> + signature`, the layout of the barcodes
 * on French official documents, type 13 (*document étranger*). See `shared/2DDOC.md`.
 * Existing 2D-Doc readers decode what this writes; the signature is ECDSA P-256 / SHA-256 over
 * the bytes of header and message, as raw r‖s in unpadded Base32.
 */
export const GS = '\u001d';
export const RS = '\u001e';
export const US = '\u001f';

const EPOCH = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

export interface Header {
  /** Certification authority id (4 characters). */
  caId: string;
  /** Certificate id of that authority (4 characters). */
  certId: string;
  /** Calendar dates `YYYY-MM-DD`. */
  documentDate: string;
  signatureDate: string;
  documentType: string;
  perimeter: string;
  country: string;
}

/** Days since 2000-01-01 in 4 upper-case hex digits. */
export function encodeDate(date: string): string {
  const days = Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH) / DAY_MS);
  if (!Number.isInteger(days) || days < 0 || days > 0xffff) throw new RangeError(`date out of 2D-Doc range: ${date}`);
  return days.toString(16).toUpperCase().padStart(4, '0');
}

export function decodeDate(hex: string): string {
  return new Date(EPOCH + parseInt(hex, 16) * DAY_MS).toISOString().slice(0, 10);
}

export function encodeHeader(h: Header): string {
  for (const [name, value, size] of [
    ['caId', h.caId, 4],
    ['certId', h.certId, 4],
    ['documentType', h.documentType, 2],
    ['perimeter', h.perimeter, 2],
    ['country', h.country, 2],
  ] as const) {
    if (!/^[A-Z0-9]+$/.test(value) || value.length !== size) throw new RangeError(`2D-Doc header ${name} must be ${size} characters A-Z0-9`);
  }
  return `DC04${h.caId}${h.certId}${encodeDate(h.documentDate)}${encodeDate(h.signatureDate)}${h.documentType}${h.perimeter}${h.country}`;
}

export function decodeHeader(text: string): Header {
  if (text.length < 26 || !text.startsWith('DC04')) throw new SyntaxError('not a 2D-Doc version 04 header');
  return {
    caId: text.slice(4, 8),
    certId: text.slice(8, 12),
    documentDate: decodeDate(text.slice(12, 16)),
    signatureDate: decodeDate(text.slice(16, 20)),
    documentType: text.slice(20, 22),
    perimeter: text.slice(22, 24),
    country: text.slice(24, 26),
  };
}

/** A data identifier of document type 13: fixed size, or variable up to a maximum. */
interface FieldSpec {
  size: number;
  fixed: boolean;
}

/** Type 13 (*document étranger*) fields, from the ANTS annex. */
export const type13Fields: Record<string, FieldSpec> = {
  '6J': { size: 1, fixed: true },
  '6K': { size: 19, fixed: true },
  '6L': { size: 8, fixed: true },
  '6P': { size: 40, fixed: false },
  '6Q': { size: 10, fixed: false },
  '62': { size: 38, fixed: false },
  '63': { size: 38, fixed: false },
  '60': { size: 60, fixed: false },
  '68': { size: 1, fixed: true },
  '69': { size: 8, fixed: true },
  '6A': { size: 32, fixed: false },
  '6C': { size: 2, fixed: true },
  '67': { size: 2, fixed: true },
  '6U': { size: 38, fixed: false },
  '6W': { size: 5, fixed: true },
  '6X': { size: 32, fixed: false },
  '6M': { size: 40, fixed: false },
  '6N': { size: 8, fixed: true },
  '6O': { size: 8, fixed: true },
  '6Y': { size: 2, fixed: true },
};

/**
 * Values use the C40 set: upper-case letters without accents, digits, space and a few signs.
 * Names are upper-cased and transliterated (Ç→C, Œ→OE…); anything else becomes a space.
 */
export function toC40(value: string): string {
  return value
    .replace(/[œŒ]/g, 'OE')
    .replace(/[æÆ]/g, 'AE')
    .replace(/ß/g, 'SS')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 /.-]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export type Fields = [di: string, value: string][];

/** Encodes fields in the given order; a variable value longer than its maximum is cut and marked with <RS>. */
export function encodeMessage(fields: Fields, spec: Record<string, FieldSpec> = type13Fields): string {
  let out = '';
  fields.forEach(([di, raw], i) => {
    const f = spec[di];
    if (!f) throw new RangeError(`unknown data identifier ${di}`);
    const value = toC40(raw);
    const last = i === fields.length - 1;
    if (f.fixed) {
      if (value.length !== f.size) throw new RangeError(`${di} must be exactly ${f.size} characters, got "${value}"`);
      out += di + value;
    } else if (value.length > f.size) {
      out += di + value.slice(0, f.size - 1) + RS;
    } else {
      out += di + value + (value.length < f.size && !last ? GS : '');
    }
  });
  return out;
}

export interface DecodedField {
  di: string;
  value: string;
  truncated: boolean;
}

/** Reads the message part back into fields; throws on an unknown identifier or a short value. */
export function decodeMessage(message: string, spec: Record<string, FieldSpec> = type13Fields): DecodedField[] {
  const fields: DecodedField[] = [];
  let i = 0;
  while (i < message.length) {
    const di = message.slice(i, i + 2);
    const f = spec[di];
    if (!f) throw new SyntaxError(`unknown data identifier "${di}" at ${i}`);
    i += 2;
    if (f.fixed) {
      const value = message.slice(i, i + f.size);
      if (value.length !== f.size || [GS, RS, US].some((c) => value.includes(c))) throw new SyntaxError(`short value for ${di}`);
      fields.push({ di, value, truncated: false });
      i += f.size;
      continue;
    }
    let end = i;
    while (end < message.length && end - i < f.size && message[end] !== GS && message[end] !== RS) end++;
    const value = message.slice(i, end);
    const terminator = message[end];
    fields.push({ di, value, truncated: terminator === RS });
    i = terminator === GS || terminator === RS ? end + 1 : end;
  }
  return fields;
}

export { base32Encode };
export const base32Decode = (text: string) => decodeBase32(text, { strict: true });

/** Signs header + message with an EC P-256 private key; returns the full 2D-Doc text. */
export function sign2dDoc(header: Header, fields: Fields, privateKey: KeyObject): string {
  const signed = encodeHeader(header) + encodeMessage(fields);
  const signature = createSign('SHA256').update(Buffer.from(signed, 'latin1')).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${signed}${US}${base32Encode(signature)}`;
}

export interface Parsed2dDoc {
  header: Header;
  fields: DecodedField[];
  signed: string;
  signature: Uint8Array;
}

export function parse2dDoc(text: string): Parsed2dDoc {
  const cut = text.indexOf(US);
  if (cut < 0) throw new SyntaxError('no signature separator');
  const signed = text.slice(0, cut);
  return { header: decodeHeader(signed), fields: decodeMessage(signed.slice(26)), signed, signature: base32Decode(text.slice(cut + 1)) };
}

/** True when the signature over header + message checks with this public key. */
export function verify2dDocSignature(parsed: Parsed2dDoc, publicKey: KeyObject): boolean {
  if (parsed.signature.length !== 64) return false;
  return createVerify('SHA256').update(Buffer.from(parsed.signed, 'latin1')).verify({ key: publicKey, dsaEncoding: 'ieee-p1363' }, parsed.signature);
}
