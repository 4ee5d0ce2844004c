import type { PDFFont } from 'pdf-lib';

/**
 * The PDF's standard fonts (Helvetica) only know WinAnsi (Latin-1 and a few more signs): pdf-lib
 * throws on anything else. Every text drawn with them goes through `toWinAnsi` first, so a name
 * in another script, or a narrow no-break space from `Intl`, can never make the PDF fail.
 */
const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

export function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRAS.includes(ch);
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
