import type { PDFFont, PDFPage } from 'pdf-lib';
import { winAnsiHex } from './win-ansi';

/**
 * Text in the standard fonts (Helvetica), written as content-stream operators directly — the
 * same operators pdf-lib's `drawText` writes (q BT gray, font, matrix, hex string Tj ET Q) without
 * its per-call object building and number formatting, a fifth of an attestation's rendering.
 * The fonts are registered on the page once each. Add `content()` to the page with `finishPage`.
 */
export class StandardText {
  private readonly ops: string[] = [];
  private readonly keys = new Map<PDFFont, string>();
  constructor(private readonly page: PDFPage) {}

  draw(text: string, o: { x: number; y: number; size: number; font: PDFFont; gray: number }): void {
    let key = this.keys.get(o.font);
    if (!key) this.keys.set(o.font, (key = this.page.node.newFontDictionary(o.font.name, o.font.ref).toString()));
    const n = (v: number) => String(Math.round(v * 1000) / 1000);
    this.ops.push(`q BT ${n(o.gray)} g ${key} ${n(o.size)} Tf 1 0 0 1 ${n(o.x)} ${n(o.y)} Tm <${winAnsiHex(text)}> Tj ET Q`);
  }

  content(): string {
    return this.ops.join('\n');
  }
}
