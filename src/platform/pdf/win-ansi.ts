/**
 * The PDF's standard fonts (Helvetica) only know WinAnsi (Latin-1 and a few more signs): pdf-lib
 * throws on anything else. Every text drawn with them goes through `toWinAnsi` or `toPlainWinAnsi`
 * first, so a name in another script, or a narrow no-break space from `Intl`, can never make a
 * PDF fail: WinAnsi characters stay; other Latin letters lose their marks (ș → s, ễ → e); the
 * rest (Arabic, Cyrillic, Chinese…) becomes "?", so the reader sees that something was not
 * printable rather than a silently shortened name.
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

/** A WinAnsi text (see `toWinAnsi` and `toPlainWinAnsi`) as the hex string a standard font shows. */
export function winAnsiHex(text: string): string {
  let hex = '';
  for (const ch of text) {
    const code = WIN_ANSI_CODES[ch] ?? ch.charCodeAt(0);
    hex += (code < 16 ? '0' : '') + code.toString(16);
  }
  return hex.toUpperCase();
}

/** Latin letters with no decomposition but an obvious base letter. */
const BASE_LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T' };

/**
 * Four more that `toPlainWinAnsi` (the attestation) replaces and `toWinAnsi` (the exports) does
 * not yet — there they print "?". Kept apart so that sharing this module moved no character.
 */
const MORE_BASE_LETTERS: Record<string, string> = { ŋ: 'ng', Ŋ: 'NG', ĸ: 'k', ſ: 's' };

/** Spaces the number and date formatters use (narrow no-break space in French) and other typography. */
const TYPOGRAPHY: Record<string, string> = { '\n': ' ', '\t': ' ', '\u202F': '\u00A0', '\u2009': ' ', '\u2007': ' ', '\u2010': '-', '\u2011': '-', '\u2212': '-', '\u200B': '', '\u200C': '', '\u200D': '' };

export interface WinAnsiText {
  text: string;
  /** True when something could not be shown and was replaced by "?". */
  lossy: boolean;
}

interface Rules {
  /** Composes decomposed accents first (e + ◌́ → é), so they are kept rather than lost. */
  compose: boolean;
  /** What replaces a character outside WinAnsi before its marks are stripped, if anything. */
  replace(ch: string): string | undefined;
  /** Drops a combining mark left alone (after a letter already written) instead of printing "?". */
  dropLoneMarks: boolean;
}

function encode(input: string, rules: Rules): WinAnsiText {
  let lossy = false;
  let out = '';
  for (const ch of rules.compose ? input.normalize('NFC') : input) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const replacement = rules.replace(ch);
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
    if (base.length > 0 && [...base].every(isWinAnsi)) {
      out += base;
      continue;
    }
    if (rules.dropLoneMarks && /^\p{M}$/u.test(ch)) continue;
    lossy = true;
    out += '?';
  }
  return { text: out, lossy };
}

const EXPORT_RULES: Rules = { compose: true, replace: (ch) => TYPOGRAPHY[ch] ?? BASE_LETTERS[ch], dropLoneMarks: true };
const PLAIN_RULES: Rules = { compose: false, replace: (ch) => (/\s/u.test(ch) ? ' ' : (BASE_LETTERS[ch] ?? MORE_BASE_LETTERS[ch])), dropLoneMarks: false };

/**
 * For the application summary, letters and the counter receipt: no-break spaces stay no-break
 * (a sum never splits from its €), typographic dashes become "-", and `lossy` tells the caller
 * to say on the page that the exact text is in the JSON file.
 */
export function toWinAnsi(input: string): WinAnsiText {
  return encode(input, EXPORT_RULES);
}

/** For the attestation: every kind of space (the no-break ones from `Intl` included) becomes a plain space. */
export function toPlainWinAnsi(input: string): string {
  return encode(input, PLAIN_RULES).text;
}
