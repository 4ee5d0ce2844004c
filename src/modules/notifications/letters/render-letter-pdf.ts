import { PDFDocument, StandardFonts, grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import type { letters } from '../../../db/schema';
import type { Translate } from '../../../platform/i18n/catalogue';
import { toWinAnsi } from '../../../platform/pdf/win-ansi';
import { wrapToWidth } from '../../../platform/pdf/wrap-text';

type Letter = typeof letters.$inferSelect;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
/** The address block sits where the window of a DL envelope shows it (about 110 mm from the left, 50 mm from the top). */
const ADDRESS = { x: 312, y: A4.height - 150 };
const INK = grayscale(0.1);
const MUTED = grayscale(0.35);

class Writer {
  y = A4.height - MARGIN;
  private page: PDFPage;
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.page = doc.addPage([A4.width, A4.height]);
  }

  line(raw: string, options: { x?: number; size?: number; bold?: boolean; muted?: boolean; maxWidth?: number } = {}) {
    const size = options.size ?? 11;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const x = options.x ?? MARGIN;
    const width = options.maxWidth ?? A4.width - MARGIN - x;
    for (const text of wrapToWidth(toWinAnsi(raw).text, font, size, width)) {
      if (this.y - size < MARGIN + 40) {
        this.page = this.doc.addPage([A4.width, A4.height]);
        this.y = A4.height - MARGIN;
      }
      this.page.drawText(text, { x, y: this.y - size, size, font, color: options.muted ? MUTED : INK });
      this.y -= size * 1.45;
    }
  }

  gap(points: number) {
    this.y -= points;
  }

  footer(raw: string) {
    for (const [i, page] of this.doc.getPages().entries()) {
      page.drawText(toWinAnsi(`${raw} — ${i + 1}/${this.doc.getPageCount()}`).text, { x: MARGIN, y: MARGIN / 2, size: 8, font: this.fonts.regular, color: MUTED });
    }
  }
}

/**
 * A letter as an A4 PDF to print and post: the prefecture as sender, the person's name and
 * address in the envelope window, the date, the subject and the same text as the e-mail would
 * have had, in the person's language. Helvetica only: the text is French or English, and names
 * go on the envelope in their Latin form (`write-letter.ts`).
 */
export async function renderLetterPdf(letter: Letter, prefecture: { name: string; town: string } | null, t: Translate): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(toWinAnsi(letter.subject).text);
  pdf.setAuthor('Sésame');
  pdf.setCreator('Sésame');
  pdf.setProducer('Sésame');
  pdf.setLanguage(letter.locale === 'en' ? 'en-GB' : 'fr-FR');
  pdf.setCreationDate(letter.createdAt);
  pdf.setModificationDate(letter.createdAt);
  const w = new Writer(pdf, { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) });

  w.line(t('notifications.letter.republic'), { bold: true, maxWidth: 220 });
  w.line(prefecture?.name ?? t('notifications.letter.national_sender'), { maxWidth: 220 });
  if (prefecture) w.line(prefecture.town, { muted: true, maxWidth: 220 });

  w.y = ADDRESS.y;
  if (letter.recipient.name) w.line(letter.recipient.name, { x: ADDRESS.x, bold: true });
  for (const l of letter.recipient.lines) w.line(l, { x: ADDRESS.x });
  if (letter.recipient.lines.length === 0) w.line(t('notifications.letter.no_address'), { x: ADDRESS.x, muted: true });

  w.y = Math.min(w.y, ADDRESS.y - 90);
  const date = new Intl.DateTimeFormat(letter.locale === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(letter.createdAt);
  w.line(prefecture ? t('notifications.letter.place_date', { town: prefecture.town, date }) : date, { x: ADDRESS.x });
  w.gap(24);
  w.line(t('notifications.letter.subject_line', { subject: letter.subject }), { bold: true });
  w.gap(14);
  for (const paragraph of letter.body.split('\n\n')) {
    w.line(paragraph);
    w.gap(8);
  }
  w.gap(14);
  w.line(t('notifications.letter.signature'));
  w.footer(t('notifications.letter.reference', { id: letter.id.slice(0, 8).toUpperCase() }));
  return pdf.save();
}
