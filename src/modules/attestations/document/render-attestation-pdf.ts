import { PDFDocument, StandardFonts, grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import type { I18n, Locale, Translate } from '../../../platform/i18n/catalogue';
import { StandardText } from '../../../platform/pdf/standard-text';
import { toPlainWinAnsi } from '../../../platform/pdf/win-ansi';
import { wrapWords } from '../../../platform/pdf/wrap-text';
import type { AttestationDocument } from './attestation-document';
import { encodeDataMatrix } from './datamatrix';
import { finishPage, moduleContent } from './module-drawing';
import { embedNativeScriptFont, needsNativeScriptFont } from './native-script-font';

/** A4 in points, and where the two barcodes go (exported for the tests that read them back). */
export const PAGE = { width: 595.28, height: 841.89, margin: 56 };
export const DATAMATRIX_BOX = { x: PAGE.margin, y: 96, size: 132 };
export const QR_BOX = { x: PAGE.width - PAGE.margin - 116, y: 104, size: 116 };

const INK = 0.1;
const MUTED = 0.35;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  native: PDFFont | null;
}

/**
 * The attestation as a one-page A4 PDF: French (the binding text) with the holder's language
 * under each line, who the holder is, what the attestation allows in plain words, until when,
 * who issued it, the signed 2D-Doc as a DataMatrix and a QR code to the verification page —
 * both drawn as vector rectangles (see `module-drawing.ts` for why).
 */
export async function renderAttestationPdf(doc: AttestationDocument, i18n: I18n, paintDataMatrix: DataMatrixPainter = paintVectorDataMatrix): Promise<Uint8Array> {
  const fr = i18n.translator('fr');
  const other = doc.secondLocale && doc.secondLocale !== 'fr' ? i18n.translator(doc.secondLocale) : null;
  const pdf = await PDFDocument.create();
  const title = fr(`attestation_pdf.title.${doc.kind}`);
  pdf.setTitle(`${title} — ${doc.publicId}`);
  pdf.setAuthor('Sésame');
  pdf.setSubject(fr('attestation_pdf.subject', { prefecture: doc.prefectureName }));
  pdf.setLanguage('fr-FR');
  pdf.setCreator('Sésame');
  pdf.setProducer('Sésame');
  pdf.setCreationDate(doc.issuedAt);
  pdf.setModificationDate(doc.issuedAt);

  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const nativeName = doc.holder.nativeName && needsNativeScriptFont(doc.holder.nativeName) ? doc.holder.nativeName : null;
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    native: nativeName ? await embedNativeScriptFont(pdf) : null,
  };
  const standardText = new StandardText(page);
  const w = new Writer(page, standardText, fonts);
  const both = (key: string, params?: Record<string, string>) => ({ fr: fr(key, params), other: other?.(key, params) ?? null });

  w.text(fr('attestation_pdf.republic'), { font: fonts.bold, size: 11 });
  w.text(doc.prefectureName, { size: 10, color: MUTED });
  w.gap(18);
  w.bilingual(both(`attestation_pdf.title.${doc.kind}`), { size: 18, bold: true });
  w.gap(6);
  if (doc.kind === 'receipt') w.bilingual(both('attestation_pdf.receipt_notice'), { size: 11, bold: true });
  else w.bilingual(both(`attestation_pdf.legal_basis.${doc.kind}`), { size: 9 });
  w.gap(14);

  const dates = (locale: Locale) => ({
    from: formatDate(doc.validFrom, locale),
    to: doc.validTo ? formatDate(doc.validTo, locale) : '',
    birth: doc.holder.birthDate ? formatDate(doc.holder.birthDate, locale) : '—',
    issued: formatInstant(doc.issuedAt, locale),
  });
  const frDates = dates('fr');
  const fullName = `${doc.holder.surname.toUpperCase()} ${doc.holder.givenNames}`.trim();
  w.field(both('attestation_pdf.field.holder'), fullName, nativeName);
  w.field(both('attestation_pdf.field.birth_date'), frDates.birth);
  if (doc.holder.nationality) w.field(both('attestation_pdf.field.nationality'), doc.holder.nationality);
  if (doc.holder.foreignerNumber) w.field(both('attestation_pdf.field.foreigner_number'), doc.holder.foreignerNumber);
  w.field(both('attestation_pdf.field.file_number'), doc.fileNumber);
  w.field(both('attestation_pdf.field.prefecture'), doc.prefectureName);
  w.field(both('attestation_pdf.field.issued_at'), frDates.issued);
  w.field(both(doc.validTo ? 'attestation_pdf.field.validity' : 'attestation_pdf.field.filed_on'), doc.validTo ? fr('attestation_pdf.validity', frDates) : frDates.from);
  w.field(both('attestation_pdf.field.public_id'), doc.publicId);
  w.gap(12);

  // What the attestation allows, in plain words: the sentence a landlord or employer reads.
  const rights = (t: Translate, locale: Locale) => {
    const d = dates(locale);
    if (doc.kind === 'receipt') return [t('attestation_pdf.rights.receipt', { date: d.from })];
    return [t(`attestation_pdf.rights.stay_${doc.kind}`, d), t(doc.allowsWork ? 'attestation_pdf.rights.work_allowed' : 'attestation_pdf.rights.work_not_allowed', d)];
  };
  w.text(fr('attestation_pdf.rights_heading'), { font: fonts.bold, size: 12 });
  w.gap(2);
  for (const line of rights(fr, 'fr')) w.paragraph(line, { font: fonts.bold, size: 11 });
  if (other && doc.secondLocale) for (const line of rights(other, doc.secondLocale)) w.paragraph(line, { size: 10, color: MUTED });

  const dataMatrix = await paintDataMatrix(pdf, page, doc.twoDDoc, DATAMATRIX_BOX);
  const qr = drawBarcodes(standardText, doc, fonts, fr, other);
  finishPage(pdf, page, [standardText.content(), ...(dataMatrix ? [dataMatrix] : []), qr]);
  return pdf.save({ useObjectStreams: false });
}

/**
 * Draws the 2D-Doc DataMatrix in `box`. Vector rectangles from our own encoder, the default:
 * `bench/attestation-pdf.ts` measured it here at ≈124 PDFs/s, against ≈77 with bwip-js's
 * encoder drawn the same way and ≈42 with bwip-js's PNG embedded as an image (bwip-js takes
 * 5–35 ms to encode, and pdf-lib decodes and re-compresses the PNG); vectors also stay sharp
 * in print at any size. The other painters exist for that benchmark.
 */
export type DataMatrixPainter = (pdf: PDFDocument, page: PDFPage, text: string, box: typeof DATAMATRIX_BOX) => string | void | Promise<string | void>;

/** Content-stream text to add to the page (see `moduleContent`). */
export const paintVectorDataMatrix: DataMatrixPainter = (_pdf, _page, text, box) => {
  const matrix = encodeDataMatrix(text);
  return moduleContent({ size: matrix.size, isDark: (r, c) => matrix.dark[r * matrix.size + c] === 1 }, box.x, box.y, box.size / matrix.size);
};

/** Draws the captions; returns the QR code as content-stream text to add to the page. */
function drawBarcodes(standardText: StandardText, doc: AttestationDocument, fonts: Fonts, fr: Translate, other: Translate | null): string {
  // One byte-mode segment: the library's search for the shortest mix of modes (a graph search
  // over the URL) cost more than the rest of the symbol, for a few modules saved at best.
  const qr = QRCode.create([{ data: Buffer.from(doc.verifyUrl, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M' });
  const qrModule = QR_BOX.size / qr.modules.size;
  const qrContent = moduleContent({ size: qr.modules.size, isDark: (r, c) => Boolean(qr.modules.get(r, c)) }, QR_BOX.x, QR_BOX.y, qrModule);

  const caption = (lines: (string | null)[], x: number, width: number) => {
    let y = DATAMATRIX_BOX.y - 16;
    for (const line of lines.filter((l): l is string => Boolean(l))) {
      for (const part of wrapWords(toPlainWinAnsi(line), fonts.regular, 8, width)) {
        standardText.draw(part, { x, y, size: 8, font: fonts.regular, gray: MUTED });
        y -= 10;
      }
    }
  };
  caption([fr('attestation_pdf.two_d_doc_caption'), other?.('attestation_pdf.two_d_doc_caption') ?? null], DATAMATRIX_BOX.x, 220);
  const qrCaption = (t: Translate) => t('attestation_pdf.qr_caption', { code: doc.publicId });
  caption([qrCaption(fr), other ? qrCaption(other) : null, doc.verifyUrl], QR_BOX.x - 104, 220);
  return qrContent;
}

/** A top-down text cursor over the page. */
class Writer {
  private y = PAGE.height - PAGE.margin;
  private readonly width = PAGE.width - 2 * PAGE.margin;
  constructor(
    private readonly page: PDFPage,
    private readonly standardText: StandardText,
    private readonly fonts: Fonts,
  ) {}

  gap(points: number) {
    this.y -= points;
  }

  text(value: string, o: { font?: PDFFont; size: number; color?: number; x?: number }) {
    this.y -= o.size + 2;
    this.standardText.draw(toPlainWinAnsi(value), { x: o.x ?? PAGE.margin, y: this.y, size: o.size, font: o.font ?? this.fonts.regular, gray: o.color ?? INK });
  }

  paragraph(value: string, o: { font?: PDFFont; size: number; color?: number }) {
    const font = o.font ?? this.fonts.regular;
    for (const line of wrapWords(toPlainWinAnsi(value), font, o.size, this.width)) this.text(line, { ...o, font });
    this.gap(3);
  }

  bilingual(value: { fr: string; other: string | null }, o: { size: number; bold?: boolean }) {
    this.paragraph(value.fr, { font: o.bold ? this.fonts.bold : this.fonts.regular, size: o.size });
    if (value.other) this.paragraph(value.other, { size: Math.max(8, o.size - 3), color: MUTED });
  }

  /** Label (French, then the holder's language) on the left, value on the right. */
  field(label: { fr: string; other: string | null }, value: string, nativeValue: string | null = null) {
    const top = this.y;
    const labelWidth = 190;
    this.text(label.fr, { size: 9, font: this.fonts.bold });
    if (label.other) this.text(label.other, { size: 8, color: MUTED });
    const labelBottom = this.y;
    this.y = top;
    for (const line of wrapWords(toPlainWinAnsi(value), this.fonts.regular, 11, this.width - labelWidth)) this.text(line, { size: 11, x: PAGE.margin + labelWidth });
    if (nativeValue && this.fonts.native) {
      this.y -= 13;
      this.page.drawText(nativeValue, { x: PAGE.margin + labelWidth, y: this.y, size: 11, font: this.fonts.native, color: grayscale(INK) });
    }
    this.y = Math.min(this.y, labelBottom) - 7;
  }
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, kind: 'date' | 'instant'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`;
  let f = dateFormats.get(key);
  if (!f) {
    f =
      kind === 'date'
        ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
        : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
    dateFormats.set(key, f);
  }
  return f;
}

/** A calendar date (`YYYY-MM-DD`) in words: "30 septembre 2026". */
export const formatDate = (date: string, locale: Locale) => formatter(locale, 'date').format(new Date(`${date}T00:00:00Z`));
const formatInstant = (at: Date, locale: Locale) => formatter(locale, 'instant').format(at);
