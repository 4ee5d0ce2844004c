import type { PDFFont } from 'pdf-lib';

/**
 * Width of `text` at `size` points as it is drawn: the sum of its glyphs' widths. pdf-lib's own
 * measure adds kerning, which its `drawText` does not apply — and it was a tenth of a PDF's
 * rendering time. Glyph widths are kept per font (a font's metrics never change).
 */
const glyphWidths = new Map<string, Map<string, number>>();
export function textWidth(text: string, font: PDFFont, size: number): number {
  let widths = glyphWidths.get(font.name);
  if (!widths) glyphWidths.set(font.name, (widths = new Map()));
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1000)));
    total += w;
  }
  return (total * size) / 1000;
}

/** Greedy filling: each word goes on the current line while it fits, else starts the next one. */
function fill(words: string[], maxWidth: number, widthOf: (s: string) => number, cutLongWords: boolean): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line && !cutLongWords) {
      line = candidate;
      continue;
    }
    if (widthOf(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    // A single character wider than the line stays alone on its line (else this never ends).
    while (cutLongWords && rest.length > 1 && widthOf(rest) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && widthOf(rest.slice(0, cut)) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Lines no wider than `maxWidth` (summary, letters, receipt): a run of spaces is one break, a
 * word too long for a line is cut, and an empty text is one empty line.
 */
export function wrapText(text: string, maxWidth: number, widthOf: (s: string) => number): string[] {
  const lines = fill(text.split(/ +/), maxWidth, widthOf, true);
  return lines.length > 0 ? lines : [''];
}

/**
 * `wrapText` in a font, measured as the line is drawn (`textWidth`, no kerning): measured with
 * pdf-lib's kerned widths, a line of "AV"s or "To"s came out wider than the page allowed.
 */
export function wrapToWidth(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  return wrapText(text, maxWidth, (s) => textWidth(s, font, size));
}

/**
 * Lines no wider than `width` points in `font` (attestation, decision letter): a word is never
 * cut — a name or a number overflows rather than splits — spaces are kept as typed, and an empty
 * text gives no line.
 */
export function wrapWords(text: string, font: PDFFont, size: number, width: number): string[] {
  return fill(text.split(' '), width, (s) => textWidth(s, font, size), false);
}
