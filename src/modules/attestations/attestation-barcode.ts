import type { Signer } from '../../platform/signing';
import type { CalendarDate } from '../../platform/legal-dates';
import type { TitleCategory } from '../procedures/types';
import type { AttestationKind } from './issuance-rules';
import type { HolderIdentity } from './load-issuance-facts';
import { sign2dDoc, type Fields } from './two-d-doc';
import { categoryText, rightsText, type WorkRights } from './work-rights';

/**
 * The signed 2D-Doc (type 13, *document étranger*) of an attestation: what a verifier needs to
 * decide is in the signed message, so an offline reader can decide alone.
 *
 * `6J`, kind of document: the ANTS annex gives `2` for the APRI (its own specimen), which
 * Sésame keeps so existing readers recognise it. The annex values for a filing receipt and a
 * favourable-decision attestation are not public: until ANTS assigns them, Sésame uses letters
 * — `D` (*dépôt*) and `F` (*favorable*) — which cannot collide with the annex's numeric codes
 * and which a reader shows as "unknown kind" rather than as something they are not.
 */
export const kindCodes: Record<AttestationKind, string> = { receipt: 'D', apri: '2', adf: 'F' };

/**
 * `6K`, the application number, is 19 characters fixed. Sésame's file numbers
 * (`75-26-K7Q2M4XP`, 13 to 15 characters) are written as they are, right-padded with `0`: their
 * alphabet has no `0`, so stripping the trailing zeros gives the file number back exactly.
 */
export function fileNumberField(reference: string): string {
  if (reference.length > 19 || reference.includes('0', reference.lastIndexOf('-'))) throw new RangeError(`file number does not fit 6K: ${reference}`);
  return reference.padEnd(19, '0');
}

export const fileNumberFromField = (value: string): string => value.replace(/0+$/, '');

/** 2D-Doc dates are `DDMMYYYY`. */
export const ddmmyyyy = (d: CalendarDate): string => `${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(0, 4)}`;

export interface BarcodeInput {
  kind: AttestationKind;
  reference: string;
  filedOn: CalendarDate;
  validFrom: CalendarDate;
  validTo: CalendarDate | null;
  /** The rights printed in `6P`: the previous title's for an APRI, the coming title's for an ADF. */
  rights: WorkRights;
  category: TitleCategory | null;
  identity: HolderIdentity;
  issuedOn: CalendarDate;
}

/**
 * The fields, in the order of the ANTS specimen. Fields the profile lacks are left out rather
 * than filled with placeholders. The receipt proves a fact — filing on `6L` — not a period of
 * lawful stay: its validity `6N`/`6O` is the filing day alone, so a reader that expects a period
 * sees one day in the past, never a running permit; and it carries no `6P` (no right to work).
 */
export function barcodeFields(input: BarcodeInput): Fields {
  const fields: Fields = [
    ['6J', kindCodes[input.kind]],
    ['6K', fileNumberField(input.reference)],
    ['6L', ddmmyyyy(input.filedOn)],
  ];
  const rights = input.kind === 'receipt' ? null : rightsText(input.rights);
  if (rights) fields.push(['6P', rights]);
  const { surname, givenNames, sex, birthDate, nationality } = input.identity;
  if (surname) fields.push(['62', surname]);
  if (givenNames) fields.push(['60', givenNames.trim().split(/[\s,]+/).join('/')]);
  if (sex) fields.push(['68', sex]);
  if (birthDate) fields.push(['69', ddmmyyyy(birthDate)]);
  if (nationality && /^[A-Z]{2}$/.test(nationality)) fields.push(['67', nationality]);
  if (input.category) fields.push(['6M', categoryText[input.category]]);
  const from = input.kind === 'receipt' ? input.filedOn : input.validFrom;
  const to = input.kind === 'receipt' ? input.filedOn : input.validTo!;
  fields.push(['6N', ddmmyyyy(from)], ['6O', ddmmyyyy(to)], ['6Y', 'FR']);
  return fields;
}

/** Signs the attestation with Sésame's current certificate; the header dates are the issue day. */
export function signAttestationBarcode(signer: Signer, input: BarcodeInput): string {
  return sign2dDoc(
    { caId: signer.caId, certId: signer.certId, documentDate: input.issuedOn, signatureDate: input.issuedOn, documentType: '13', perimeter: '01', country: 'FR' },
    barcodeFields(input),
    signer.privateKey,
  );
}
