import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Locale, Translate } from '../../../platform/i18n/catalogue';
import type { Procedure } from '../../procedures/types';
import { stepFields, stepsFor, answerStepIds } from '../steps';
import { displayAnswer, fieldLabel, formatDateTime, procedureTitle, stepTitle } from '../views/labels';
import type { ApplicationExport } from './application-export';
import { toWinAnsi } from '../../../platform/pdf/win-ansi';
import { wrapToWidth } from '../../../platform/pdf/wrap-text';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const BODY = 10;

/** Writes lines top to bottom, starting a new page when one is full. */
class PdfWriter {
  private page: PDFPage;
  private y: number;
  lossy = false;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private ensure(height: number) {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  text(raw: string, options: { size?: number; bold?: boolean; indent?: number; gapAfter?: number } = {}) {
    const size = options.size ?? BODY;
    const font = options.bold ? this.bold : this.regular;
    const { text, lossy } = toWinAnsi(raw);
    this.lossy ||= lossy;
    const x = MARGIN + (options.indent ?? 0);
    for (const line of wrapToWidth(text, font, size, A4[0] - MARGIN - x)) {
      this.ensure(size * 1.4);
      this.page.drawText(line, { x, y: this.y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
      this.y -= size * 1.4;
    }
    this.y -= options.gapAfter ?? 0;
  }

  heading(raw: string) {
    this.y -= 8;
    this.ensure(40);
    this.text(raw, { size: 13, bold: true, gapAfter: 4 });
  }
}

/**
 * A readable summary of one application for the person to keep or print: status, file number,
 * answers, documents, corrections and history, in their language. It is not an attestation
 * and says so: the *attestation de dépôt* and the *APRI* are separate, signed documents.
 */
export async function summaryPdf(input: { data: ApplicationExport; procedure: Procedure; t: Translate; locale: Locale; now: Date }): Promise<Uint8Array> {
  const { data, procedure, t, locale } = input;
  const doc = await PDFDocument.create();
  // Document properties are stored as UTF-16: any script is fine there.
  doc.setTitle(`${t('applications.pdf.title')} — ${procedureTitle(procedure.id, t)}`);
  doc.setLanguage(locale);
  doc.setProducer('Sésame');
  doc.setCreationDate(input.now);
  doc.setModificationDate(input.now);
  const w = new PdfWriter(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  const a = data.application;
  const when = (isoString: string) => formatDateTime(new Date(isoString), locale);
  const line = (label: string, value: string) => t('applications.pdf.line', { label, value });

  w.text(t('applications.pdf.title'), { size: 18, bold: true, gapAfter: 4 });
  w.text(procedureTitle(procedure.id, t), { size: 13, gapAfter: 10 });
  w.text(line(t('applications.pdf.status'), t(`applications.status.${a.status}`)));
  if (a.reference) w.text(line(t('applications.file.reference'), a.reference));
  if (a.filedAt) w.text(line(t('applications.file.filed_at'), when(a.filedAt)));
  if (a.prefecture) w.text(line(t('applications.file.prefecture'), a.prefecture.name));
  w.text(line(t('applications.pdf.exported_at'), when(data.exportedAt)), { gapAfter: 6 });
  w.text(t('applications.pdf.not_an_attestation'), { size: 9 });
  // Said up front when an answer (a name in its own script, say) cannot be drawn with the PDF's fonts.
  const answersLossy = Object.values(data.answers).some((v) => toWinAnsi(v).lossy);
  if (answersLossy) w.text(t('applications.pdf.lossy_note'), { size: 9 });

  const answered = stepsFor(procedure).filter((s) => answerStepIds.includes(s));
  w.heading(t('applications.file.answers_heading'));
  for (const step of answered) {
    w.text(stepTitle(procedure, step, t), { bold: true });
    for (const field of stepFields(procedure, step)) {
      w.text(line(fieldLabel(procedure, field, t), displayAnswer(procedure, field, data.answers[field], t, locale)), { indent: 12 });
    }
  }
  if (a.timbreReference) w.text(line(t('applications.fields.timbre'), a.timbreReference));
  if (a.ephotoCode) w.text(line(t('applications.fields.ephoto'), a.ephotoCode));

  w.heading(t('applications.steps.documents.title'));
  for (const kind of data.requiredDocuments) {
    const key = data.missingDocuments.includes(kind) ? 'applications.review.document_missing' : 'applications.review.document_present';
    w.text(t(key, { document: t(`documents.kinds.${kind}`) }), { indent: 12 });
  }

  if (data.amendments.length > 0) {
    w.heading(t('applications.pdf.amendments'));
    for (const am of data.amendments) {
      w.text(`${when(am.at)} — ${t(`applications.history.amendments.${am.kind}`, { document: '', count: 1 })}`);
      const changes = Array.isArray(am.data.changes) ? (am.data.changes as { field: string; old: string | null; new: string }[]) : [];
      for (const c of changes) {
        const line = t('applications.history.change', {
          field: fieldLabel(procedure, c.field, t),
          old: displayAnswer(procedure, c.field, c.old, t, locale),
          new: displayAnswer(procedure, c.field, c.new, t, locale),
        });
        w.text(line, { indent: 12 });
      }
    }
  }

  w.heading(t('applications.history.heading'));
  for (const e of data.history) {
    const key = `applications.history.actions.${e.action}`;
    const sentence = t(key, { count: 1, document: '' });
    const action = sentence === key ? `${t('applications.history.generic')} ${t('applications.history.generic_reference', { action: e.action })}` : sentence;
    w.text(`${when(e.at)} — ${action} (${t(`applications.history.actors.${e.actor}`)})`);
  }
  if (w.lossy && !answersLossy) w.text(t('applications.pdf.lossy_note'), { size: 9 });
  return doc.save();
}
