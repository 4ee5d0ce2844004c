import type { PDFFont, PDFPage } from 'pdf-lib';

/**
 * The PDF's standard fonts (Helvetica) only know WinAnsi (Latin-1 and a few more signs): pdf-lib
 * throws on anything else. Every text drawn with them goes through `toWinAnsi` first, so a name
 * in another script, or a narrow no-break space from `Intl`, can never make the PDF fail.
 *
 * Below, the WinAnsi codes of the characters outside Latin-1 that it has (0x80–0x9F): the one
 * table both the check and the encoding (`winAnsiHex`) read.
 */
const WIN_ANSI_CODES: Record<string, number> = Object.fromEntries(
  [
    ['€', 0x80], ['‚', 0x82], ['ƒ', 0x83], ['„', 0x84], ['…', 0x85], ['†', 0x86], ['‡', 0x87], ['ˆ', 0x88], ['‰', 0x89], ['Š', 0x8a], ['‹', 0x8b], ['Œ', 0x8c], ['Ž', 0x8e],
    ['‘', 0x91], ['’', 0x92], ['“', 0x93], ['”', 0x94], ['•', 0x95], ['–', 0x96], ['—', 0x97], ['˜', 0x98], ['™', 0x99], ['š', 0x9a], ['›', 0x9b], ['œ', 0x9c], ['ž', 0x9e], ['Ÿ', 0x9f],
  ] as const,
);

export function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || Object.hasOwn(WIN_ANSI_CODES, ch);
}

/** Latin letters outside WinAnsi that lose nothing readable as a base letter. */
const LATIN_FALLBACKS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'ng', Ŋ: 'NG', ŧ: 't', Ŧ: 'T', ĸ: 'k', ſ: 's' };

/**
 * Keeps WinAnsi characters as they are; spaces of every kind become a space; other Latin
 * letters lose their marks (ș → s, ğ → g, ễ → e); anything else becomes `?`, so the reader sees
 * that something was not printable rather than a silently shortened name.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isWinAnsi(ch)) out += ch;
    else if (/\s/u.test(ch)) out += ' ';
    else if (LATIN_FALLBACKS[ch]) out += LATIN_FALLBACKS[ch];
    else {
      const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += stripped.length > 0 && [...stripped].every(isWinAnsi) ? stripped : '?';
    }
  }
  return out;
}

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

/** Splits text into lines no wider than `width` points (words are never cut unless alone too long). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (!line || textWidth(candidate, font, size) <= width) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A WinAnsi text (see `toWinAnsi`) as the hex string a standard font shows. */
export function winAnsiHex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const code = WIN_ANSI_CODES[ch] ?? ch.charCodeAt(0);
    hex += (code < 16 ? '0' : '') + code.toString(16);
  }
  return hex.toUpperCase();
}

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
