import { PDFDocument, grayscale, type PDFFont, type PDFPage } from 'pdf-lib';
import type { decisions } from '../../../db/schema';
import type { I18n } from '../../../platform/i18n/catalogue';
import { parisDate } from '../../../platform/legal-dates';
import { longDate } from '../../attestations/date-text';
import { embedNativeScriptFont, needsNativeScriptFont } from '../../attestations/document/native-script-font';
import { isWinAnsi } from '../../../platform/pdf/win-ansi';
import { wrapWords } from '../../../platform/pdf/wrap-text';
import { appealRoutes } from '../appeal-routes';
import { groundById } from '../refusal-grounds';

type DecisionRow = typeof decisions.$inferSelect;

const A4 = { width: 595.28, height: 841.89, margin: 64 };
const INK = grayscale(0.1);
const MUTED = grayscale(0.35);

/**
 * Every character DejaVu Sans can draw left to right stays; anything else (a right-to-left
 * script pdf-lib cannot order, a symbol the font lacks) becomes "?", so an agent's text can
 * never make the letter fail.
 */
function printable(text: string): string {
  let out = '';
  for (const ch of text.replace(/\t/g, ' ')) out += ch === '\n' || isWinAnsi(ch) || needsNativeScriptFont(ch) ? ch : '?';
  return out;
}

/** A top-down cursor that starts a new page when one is full. */
class Letter {
  private page: PDFPage;
  private y = A4.height - A4.margin;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = pdf.addPage([A4.width, A4.height]);
  }
  gap(points: number) {
    this.y -= points;
  }
  paragraph(text: string, o: { size?: number; color?: ReturnType<typeof grayscale>; indent?: number } = {}) {
    const size = o.size ?? 10.5;
    const x = A4.margin + (o.indent ?? 0);
    for (const source of printable(text).split('\n')) {
      for (const line of wrapWords(source, this.font, size, A4.width - A4.margin - x)) {
        if (this.y - size < A4.margin) {
          this.page = this.pdf.addPage([A4.width, A4.height]);
          this.y = A4.height - A4.margin;
        }
        this.y -= size + 3;
        this.page.drawText(line, { x, y: this.y, size, font: this.font, color: o.color ?? INK });
      }
    }
    this.gap(5);
  }
}

/**
 * The decision letter (*notification de la décision*), in French — the binding text — from
 * the decision row alone, which never changes: the same row always prints the same letter.
 * A refusal states its legal grounds and the facts (CRPA L.211-5), and the appeal routes with
 * their deadlines (CJA R.421-5: without them the deadlines do not run). DejaVu Sans (the
 * attestation's font) prints names and text in any Latin, Greek or Cyrillic script.
 */
export async function renderDecisionLetter(decision: DecisionRow, i18n: I18n): Promise<Uint8Array> {
  const t = i18n.translator('fr');
  const facts = decision.letter;
  const pdf = await PDFDocument.create();
  pdf.setTitle(t('backoffice.letter.pdf_title', { reference: facts.reference }));
  pdf.setAuthor(facts.prefectureName);
  pdf.setLanguage('fr-FR');
  pdf.setCreator('Sésame');
  pdf.setProducer('Sésame');
  pdf.setCreationDate(decision.decidedAt);
  pdf.setModificationDate(decision.decidedAt);
  const font = await embedNativeScriptFont(pdf);
  const w = new Letter(pdf, font);
  const day = (d: string) => longDate(d, 'fr');

  w.paragraph(t('attestation_pdf.republic'), { size: 12 });
  w.paragraph(facts.prefectureName, { color: MUTED });
  w.gap(10);
  w.paragraph(t('backoffice.letter.date_line', { date: day(parisDate(decision.decidedAt)) }));
  w.paragraph(t('backoffice.letter.to', { name: facts.applicantName }));
  w.paragraph(t('backoffice.letter.subject', { procedure: t(`procedures.titles.${facts.procedureId}`), reference: facts.reference }), { size: 11.5 });
  w.gap(8);
  const filedOn = day(parisDate(new Date(facts.filedAt)));
  if (decision.outcome === 'favourable') {
    w.paragraph(t('backoffice.letter.favourable', { filedOn }));
    w.paragraph(t('backoffice.letter.favourable_adf'));
    if (decision.explanation) w.paragraph(decision.explanation);
  } else {
    w.paragraph(t('backoffice.letter.unfavourable', { filedOn }));
    w.paragraph(t('backoffice.letter.grounds_heading'), { size: 11.5 });
    for (const id of decision.grounds) {
      const basis = groundById(id)?.basis;
      w.paragraph(`– ${t(`backoffice.refusal_grounds.${id}`)}${basis ? ` (${basis})` : ''}`, { indent: 12 });
    }
    w.paragraph(t('backoffice.letter.facts_heading'), { size: 11.5 });
    w.paragraph(decision.explanation);
    if (decision.withOqtf) w.paragraph(t('backoffice.letter.oqtf'));
    w.paragraph(t('backoffice.letter.appeals_heading'), { size: 11.5 });
    for (const route of appealRoutes(decision)) {
      const text = route.months === null ? t(`backoffice.letter.appeal_oqtf.${route.id}`) : t(`backoffice.letter.appeal.${route.id}`, { months: route.months });
      w.paragraph(`– ${text} (${route.basis})`, { indent: 12 });
    }
  }
  w.gap(10);
  w.paragraph(t('backoffice.letter.signature', { prefecture: facts.prefectureName }));
  w.paragraph(t('backoffice.letter.footer', { id: decision.id }), { size: 8, color: MUTED });
  return pdf.save({ useObjectStreams: false });
}
