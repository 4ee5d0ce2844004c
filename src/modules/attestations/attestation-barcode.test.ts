import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { barcodeFields, fileNumberField, fileNumberFromField, signAttestationBarcode, type BarcodeInput } from './attestation-barcode';
import { GS, parse2dDoc, verify2dDocSignature } from './two-d-doc';

const input: BarcodeInput = {
  kind: 'apri',
  reference: '971-26-K7Q2M4XP',
  filedOn: '2026-04-01',
  validFrom: '2026-07-01',
  validTo: '2026-09-30',
  rights: 'full',
  category: 'vie_privee_familiale',
  identity: { surname: 'Nguyễn Thị', givenNames: 'Hoa  Mai', sex: 'F', birthDate: '1988-02-29', nationality: 'VN' },
  issuedOn: '2026-06-15',
};

describe('the attestation barcode', () => {
  it('writes the file number in 19 characters and reads it back, whatever the prefecture code', () => {
    for (const ref of ['75-26-K7Q2M4XP', '01-26-ABCDEFGH', '971-30-ZZZZZZZZ', '2A-26-23456789']) {
      const field = fileNumberField(ref);
      expect(field).toHaveLength(19);
      expect(fileNumberFromField(field)).toBe(ref);
    }
    expect(() => fileNumberField('75-26-K7Q2M4X0')).toThrow(RangeError);
  });

  it('lays out a type-13 message in the specimen order, transliterated, with the rights and the validity', () => {
    expect(barcodeFields(input)).toEqual([
      ['6J', '2'],
      ['6K', '971-26-K7Q2M4XP0000'],
      ['6L', '01042026'],
      ['6P', 'AUTORISE A TRAVAILLER'],
      ['62', 'Nguyễn Thị'],
      ['60', 'Hoa/Mai'],
      ['68', 'F'],
      ['69', '29021988'],
      ['67', 'VN'],
      ['6M', 'VIE PRIVEE ET FAMILIALE'],
      ['6N', '01072026'],
      ['6O', '30092026'],
      ['6Y', 'FR'],
    ]);
  });

  it('leaves out what the profile lacks, and gives a receipt no rights and its filing day as validity', () => {
    const receipt = barcodeFields({ ...input, kind: 'receipt', validTo: null, identity: { surname: 'Diallo', givenNames: null, sex: null, birthDate: null, nationality: null } });
    expect(receipt.map(([di]) => di)).toEqual(['6J', '6K', '6L', '62', '6M', '6N', '6O', '6Y']);
    expect(Object.fromEntries(receipt)).toMatchObject({ '6J': 'D', '6N': '01042026', '6O': '01042026' });
    const visitor = barcodeFields({ ...input, kind: 'adf', rights: 'none', category: 'visiteur' });
    expect(visitor.find(([di]) => di === '6P')).toBeUndefined();
    expect(barcodeFields({ ...input, rights: 'limited' }).find(([di]) => di === '6P')).toEqual(['6P', 'AUTORISE A TRAVAILLER 964 H/AN']);
  });

  it('signs a document existing readers parse and the public key verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const text = signAttestationBarcode({ caId: 'SE00', certId: '0001', privateKey, publicKey, publicKeyPem: '' }, input);
    expect(text.startsWith('DC04SE000001')).toBe(true);
    expect(text).toContain(`62NGUYEN THI${GS}60HOA/MAI${GS}68F`);
    const parsed = parse2dDoc(text);
    expect(parsed.header).toMatchObject({ documentDate: '2026-06-15', signatureDate: '2026-06-15', documentType: '13', perimeter: '01' });
    expect(verify2dDocSignature(parsed, publicKey)).toBe(true);
    expect(verify2dDocSignature(parse2dDoc(text.replace('30092026', '30122026')), publicKey)).toBe(false);
  });
});
