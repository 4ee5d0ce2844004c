import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { I18n, Locale, Translate } from '../../platform/i18n/catalogue';
import { toWinAnsi } from '../../platform/pdf/win-ansi';
import { wrapToWidth } from '../../platform/pdf/wrap-text';
import { formatDateTime, procedureTitle } from '../applications/views/labels';
import { formatIsoDate } from '../profile/dates';
import type { CounterReceipt } from './load-receipt';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

/** Lines top to bottom on one page per language (the receipt always fits one). */
class Writer {
  private y = A4[1] - MARGIN;
  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  text(raw: string, options: { size?: number; bold?: boolean; gapAfter?: number; mono?: PDFFont } = {}) {
    const size = options.size ?? 10.5;
    const font = options.mono ?? (options.bold ? this.bold : this.regular);
    for (const line of wrapToWidth(toWinAnsi(raw).text, font, size, A4[0] - 2 * MARGIN)) {
      this.page.drawText(line, { x: MARGIN, y: this.y - size, size, font, color: rgb(0.09, 0.09, 0.09) });
      this.y -= size * 1.45;
    }
    this.y -= options.gapAfter ?? 0;
  }
}

function writeReceipt(w: Writer, r: CounterReceipt, t: Translate, locale: Locale, publicUrl: string, mono: PDFFont) {
  const line = (label: string, value: string) => w.text(t('counter.pdf.line', { label, value }));
  w.text(t('counter.pdf.title'), { size: 17, bold: true, gapAfter: 2 });
  w.text(r.prefecture ? `${r.prefecture.name} — ${r.prefecture.town}` : '', { gapAfter: 10 });
  line(t('counter.pdf.person'), `${r.person.givenNames} ${r.person.surname}`.trim());
  if (r.person.birthDate) line(t('counter.pdf.born'), formatIsoDate(r.person.birthDate, locale));
  line(t('counter.pdf.procedure'), procedureTitle(r.procedure.id, t));
  line(t('counter.pdf.reference'), r.app.reference ?? '');
  if (r.app.filedAt) line(t('counter.pdf.filed_at'), formatDateTime(r.app.filedAt, locale));
  line(t('counter.pdf.identity'), t('counter.pdf.identity_value', { document: t(`counter.id_documents.${r.filing.idDocumentKind}`), at: formatDateTime(r.filing.identityCheckedAt, locale) }));
  w.text(t('counter.pdf.documents'), { bold: true, gapAfter: 2 });
  for (const d of r.documents) w.text(`• ${t(`documents.kinds.${d.kind}`)}`);
  if (r.app.timbreReference) line(t('applications.fields.timbre'), r.app.timbreReference);
  w.text('', { gapAfter: 6 });
  w.text(t('counter.pdf.not_a_permit'), { size: 9.5, gapAfter: 10 });
  if (r.claimCode) {
    w.text(t('counter.pdf.claim_heading'), { bold: true, size: 12, gapAfter: 2 });
    w.text(r.claimCode, { size: 20, mono, gapAfter: 4 });
    w.text(t('counter.pdf.claim_how', { url: `${publicUrl}/demarches/rattacher` }));
    if (r.filing.claimExpiresAt) w.text(t('counter.pdf.claim_until', { date: formatDateTime(r.filing.claimExpiresAt, locale) }), { gapAfter: 4 });
    w.text(t('counter.pdf.claim_secret'), { size: 9.5, gapAfter: 10 });
  }
  w.text(t('counter.pdf.follow_heading'), { bold: true, size: 12, gapAfter: 2 });
  w.text(t('counter.pdf.follow_text', { reference: r.app.reference ?? '' }));
}

/**
 * The paper receipt of a counter filing: what was filed, when, by whom it was checked, the
 * claim code and how to follow the file. In French (the binding text), then, for a person who
 * reads another language, the same page in theirs. It proves the filing, not a right to stay:
 * the signed *attestation de dépôt* is printed apart.
 */
export async function receiptPdf(r: CounterReceipt, i18n: I18n, publicUrl: string, now: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fr = i18n.translator('fr');
  doc.setTitle(`${fr('counter.pdf.title')} ${r.app.reference ?? ''}`);
  doc.setLanguage('fr');
  doc.setProducer('Sésame');
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  const [regular, bold, mono] = await Promise.all([doc.embedFont(StandardFonts.Helvetica), doc.embedFont(StandardFonts.HelveticaBold), doc.embedFont(StandardFonts.CourierBold)]);
  const languages: Locale[] = r.person.locale === 'en' ? ['fr', 'en'] : ['fr'];
  for (const locale of languages) writeReceipt(new Writer(doc.addPage(A4), regular, bold), r, i18n.translator(locale), locale, publicUrl, mono);
  return doc.save();
}
