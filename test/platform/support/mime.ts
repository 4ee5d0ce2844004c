/**
 * Just enough MIME to read what nodemailer sends (RFC 2045-2047): headers with encoded words,
 * one level of multipart, quoted-printable or base64 parts. Tests assert on decoded text, not
 * on the encoding nodemailer happened to choose.
 */
export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  from: string;
  to: string;
  /** Decoded `text/plain` part. */
  text: string;
  /** Decoded `text/html` part. */
  html: string;
}

function splitHeadersAndBody(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? '' : raw.slice(end + 4);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then one header per line.
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(s: string): Buffer {
  const softBreaksRemoved = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i++) {
    const ch = softBreaksRemoved[i]!;
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words; whitespace between two encoded words is dropped. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function boundaryOf(contentType: string | undefined): string | null {
  const m = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return m ? m[1]! : null;
}

/** Every leaf part of a message, with its content type and decoded body. */
function leafParts(raw: string): { type: string; body: string }[] {
  const { headers, body } = splitHeadersAndBody(raw);
  const type = (headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
  const boundary = boundaryOf(headers.get('content-type'));
  if (!type.startsWith('multipart/') || !boundary) return [{ type, body: decodeBody(body, headers.get('content-transfer-encoding')) }];
  const closing = body.indexOf(`\r\n--${boundary}--`);
  const inside = closing === -1 ? body : body.slice(0, closing);
  return inside
    .split(`--${boundary}\r\n`)
    .slice(1)
    .flatMap((part) => leafParts(part.replace(/\r\n$/, '')));
}

export function parseMime(raw: string): ParsedMail {
  const { headers } = splitHeadersAndBody(raw);
  const parts = leafParts(raw);
  const crlfToLf = (s: string) => s.replace(/\r\n/g, '\n');
  return {
    headers,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    from: decodeEncodedWords(headers.get('from') ?? ''),
    to: decodeEncodedWords(headers.get('to') ?? ''),
    text: crlfToLf(parts.find((p) => p.type === 'text/plain')?.body ?? ''),
    html: crlfToLf(parts.find((p) => p.type === 'text/html')?.body ?? ''),
  };
}
