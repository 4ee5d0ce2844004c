/** Longest message, in characters: a full page of explanations, not a way to fill the database. */
export const MAX_MESSAGE_LENGTH = 5000;

/**
 * A message as it is kept: line breaks as `\n`, tabs as spaces, other control characters and
 * bidirectional overrides removed (they could disguise what an agent reads), trailing spaces
 * and blank lines around trimmed. HTML stays as typed: it is text, escaped wherever it is shown.
 */
export function cleanMessageText(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => (c === '\n' ? c : ''))
    .replace(/[ \u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The form's once-only key: drawn by the server when the form is shown. */
export const isIdempotencyKey = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value);
