import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  GS,
  US,
  base32Decode,
  base32Encode,
  decodeDate,
  encodeDate,
  encodeHeader,
  encodeMessage,
  parse2dDoc,
  sign2dDoc,
  toC40,
  verify2dDocSignature,
  type Fields,
} from './two-d-doc';

// The ANTS specification's own specimen (an APRI), as printed in shared/2DDOC.md.
const specimen =
  'DC04FR0000011CE91D231301FR6J26K92012020040123591236L010420206PAUTORISE A TRAVAILLER' +
  GS +
  '6Q750312052162SPECIMEN' +
  GS +
  '63BERTHIER SPECIMEN' +
  GS +
  '60NATACHA/CORINNE' +
  GS +
  '68F69120719736ABUENOS AIRES' +
  GS +
  '6CAR67AR6U145 AVENUE DES SPECIMENS' +
  GS +
  '6W750006XPARIS' +
  GS +
  '6MENFANT ENTRE PAR REGROUPEMENT FAMILIAL' +
  GS +
  '6N010520206O300620206YFR' +
  US +
  'PJIX6XX3TPFYJTMI6IEIPDU5C5D2X4VBHZEEIC24WPW4I3XETZOGETCMU2J2DKLEGSJDDKYJXBTVBKKY5MPAKEOL2A4RZNIUFTHW44A';

const specimenFields: Fields = [
  ['6J', '2'],
  ['6K', '9201202004012359123'],
  ['6L', '01042020'],
  ['6P', 'AUTORISE A TRAVAILLER'],
  ['6Q', '7503120521'],
  ['62', 'SPECIMEN'],
  ['63', 'BERTHIER SPECIMEN'],
  ['60', 'NATACHA/CORINNE'],
  ['68', 'F'],
  ['69', '12071973'],
  ['6A', 'BUENOS AIRES'],
  ['6C', 'AR'],
  ['67', 'AR'],
  ['6U', '145 AVENUE DES SPECIMENS'],
  ['6W', '75000'],
  ['6X', 'PARIS'],
  ['6M', 'ENFANT ENTRE PAR REGROUPEMENT FAMILIAL'],
  ['6N', '01052020'],
  ['6O', '30062020'],
  ['6Y', 'FR'],
];

describe('2D-Doc against the ANTS specimen', () => {
  const parsed = parse2dDoc(specimen);

  it('parses the header', () => {
    expect(parsed.header).toEqual({
      caId: 'FR00',
      certId: '0001',
      documentDate: '2020-04-06',
      signatureDate: '2020-06-03',
      documentType: '13',
      perimeter: '01',
      country: 'FR',
    });
    expect(encodeHeader(parsed.header)).toBe(specimen.slice(0, 26));
  });

  it('finds every field boundary, including a value at its maximum size with no <GS>', () => {
    expect(parsed.fields.map((f) => [f.di, f.value])).toEqual(specimenFields);
    expect(parsed.fields.some((f) => f.truncated)).toBe(false);
  });

  it('re-encodes the same message byte for byte', () => {
    expect(encodeMessage(specimenFields)).toBe(parsed.signed.slice(26));
  });

  it('reads a 64-byte r‖s signature from its Base32', () => {
    expect(parsed.signature).toHaveLength(64);
    expect(base32Encode(parsed.signature)).toBe(specimen.slice(specimen.indexOf(US) + 1));
  });
});

describe('2D-Doc signing', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const header = { caId: 'SE00', certId: '0001', documentDate: '2026-03-02', signatureDate: '2026-03-02', documentType: '13', perimeter: '01', country: 'FR' };

  it('signs and verifies', () => {
    const text = sign2dDoc(header, specimenFields, privateKey);
    expect(verify2dDocSignature(parse2dDoc(text), publicKey)).toBe(true);
  });

  // ECDSA signatures are random: several of them, so that every last Base32 character is tried.
  it.each(Array.from({ length: 8 }, (_, i) => i))('fails verification when any byte of header, message or signature changes (signature %i)', () => {
    const text = sign2dDoc(header, specimenFields, privateKey);
    const sigStart = text.indexOf(US) + 1;
    for (let i = 0; i < text.length; i++) {
      if (i === sigStart - 1) continue;
      const ch = text[i]!;
      const replacement = i >= sigStart ? (ch === 'A' ? 'B' : 'A') : ch === '9' ? '8' : ch === 'A' ? 'B' : ch === GS ? 'X' : '9';
      const tampered = text.slice(0, i) + replacement + text.slice(i + 1);
      let ok = false;
      try {
        ok = verify2dDocSignature(parse2dDoc(tampered), publicKey);
      } catch {
        ok = false;
      }
      expect(ok, `byte ${i} changed and still verified`).toBe(false);
    }
  });

  it('refuses another key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(verify2dDocSignature(parse2dDoc(sign2dDoc(header, specimenFields, privateKey)), other.publicKey)).toBe(false);
  });
});

describe('2D-Doc values', () => {
  it('transliterates names into C40', () => {
    expect(toC40("Hélène-Françoise D'Œuvre")).toBe('HELENE-FRANCOISE D OEUVRE');
    expect(toC40('Nguyễn Thị Minh Khai')).toBe('NGUYEN THI MINH KHAI');
  });

  it('cuts an overlong value and marks it with <RS>', () => {
    const long = 'A'.repeat(50);
    const encoded = encodeMessage([['63', long], ['68', 'M']]);
    expect(encoded).toBe(`63${'A'.repeat(37)}\u001e68M`);
    const back = parse2dDoc(sign2dDoc({ caId: 'SE00', certId: '0001', documentDate: '2026-01-01', signatureDate: '2026-01-01', documentType: '13', perimeter: '01', country: 'FR' }, [['63', long], ['68', 'M']], generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey));
    expect(back.fields[0]).toEqual({ di: '63', value: 'A'.repeat(37), truncated: true });
    expect(back.fields[1]).toEqual({ di: '68', value: 'M', truncated: false });
  });

  it('encodes header dates as days since 2000-01-01', () => {
    expect(encodeDate('2020-04-06')).toBe('1CE9');
    expect(decodeDate('1D23')).toBe('2020-06-03');
    expect(base32Decode(base32Encode(Uint8Array.from([0, 1, 2, 250, 255])))).toEqual(Uint8Array.from([0, 1, 2, 250, 255]));
  });

  it('refuses a fixed-size value of the wrong size', () => {
    expect(() => encodeMessage([['6W', '7500']])).toThrow(/exactly 5/);
  });
});
