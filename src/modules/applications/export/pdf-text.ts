/**
 * The PDF's standard fonts (Helvetica) only know the WinAnsi character set: pdf-lib throws on
 * anything else. Text is brought into it here: French accents are in it already; other Latin
 * letters lose their diacritics (ő → o); the rest (Arabic, Cyrillic, Chinese…) becomes "?", and
 * the caller says so on the page, pointing to the JSON file that holds the exact text.
 */

/** The characters WinAnsi (Windows-1252) adds between 0x80 and 0x9F. */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Letters with no decomposition but an obvious Latin base. */
const BASE_LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T' };

/** Spaces the number and date formatters use (narrow no-break space in French) and other typography. */
const SUBSTITUTES: Record<string, string> = { '\u202F': '\u00A0', '\u2009': ' ', '\u2007': ' ', '\u2010': '-', '\u2011': '-', '\u2212': '-', '\u200B': '', '\u200C': '', '\u200D': '' };

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.includes(ch);
}

export interface WinAnsiText {
  text: string;
  /** True when something could not be shown and was replaced by "?". */
  lossy: boolean;
}

export function toWinAnsi(input: string): WinAnsiText {
  let lossy = false;
  let out = '';
  for (const ch of input.normalize('NFC')) {
    if (ch === '\n' || ch === '\t') {
      out += ' ';
      continue;
    }
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const substitute = SUBSTITUTES[ch] ?? BASE_LETTERS[ch];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    if (base.length > 0 && [...base].every(isWinAnsi)) {
      out += base;
      continue;
    }
    // Combining marks left alone (after a letter already written) are dropped silently.
    if (/^\p{M}$/u.test(ch)) continue;
    lossy = true;
    out += '?';
  }
  return { text: out, lossy };
}

/** Splits text into lines no wider than `maxWidth`, breaking at spaces (and inside words too long for a line). */
export function wrapText(text: string, maxWidth: number, widthOf: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (widthOf(rest) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && widthOf(rest.slice(0, cut)) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
