import { crc32 } from 'node:zlib';

/**
 * What an uploaded file really is, decided from its bytes alone: never from its name or the
 * content type the browser declared, which the sender controls. Pure: bytes in, verdict out.
 *
 * Only PDF, JPEG and PNG are kept: what a prefecture officer can open anywhere, and formats
 * whose structure can be checked here without decoding them.
 */

/** Largest file accepted. Phone photos and scanned PDFs stay well under it. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * Largest image, in pixels, read from the header without decoding. A 50-megapixel photo
 * decodes to 200 MB of memory in a viewer; a "decompression bomb" declares far more in a
 * file of a few kilobytes.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Longest side over shortest side: a real document photo is nowhere near 20:1. */
export const MAX_ASPECT_RATIO = 20;

export const acceptedTypes = {
  pdf: { mimeType: 'application/pdf', extension: 'pdf' },
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg' },
  png: { mimeType: 'image/png', extension: 'png' },
} as const;
export type AcceptedType = keyof typeof acceptedTypes;
export type AcceptedMimeType = (typeof acceptedTypes)[AcceptedType]['mimeType'];

/** Why a file is refused; each has its message `documents.errors.<refusal>`. */
export const uploadRefusals = [
  'no_file',
  'empty',
  'too_large',
  'unsupported_type',
  'heic_image',
  'active_content',
  'executable',
  'corrupted_pdf',
  'encrypted_pdf',
  'corrupted_jpeg',
  'corrupted_png',
  'image_too_many_pixels',
  'image_aspect_ratio',
] as const;
export type UploadRefusal = (typeof uploadRefusals)[number];

export type Inspection =
  | { ok: true; type: AcceptedType; mimeType: AcceptedMimeType; extension: string; width?: number; height?: number }
  | { ok: false; refusal: UploadRefusal };

const refuse = (refusal: UploadRefusal): Inspection => ({ ok: false, refusal });

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
const latin1 = (b: Uint8Array, from = 0, to = b.length) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1', from, to);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** The verdict on one uploaded file. */
export function inspectUpload(bytes: Uint8Array, limits: { maxBytes?: number } = {}): Inspection {
  if (bytes.length === 0) return refuse('empty');
  if (bytes.length > (limits.maxBytes ?? MAX_UPLOAD_BYTES)) return refuse('too_large');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return checkPdf(bytes);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return checkJpeg(bytes);
  if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(bytes);
  if (isExecutable(bytes)) return refuse('executable');
  if (isActiveContent(bytes)) return refuse('active_content');
  if (isHeic(bytes)) return refuse('heic_image');
  return refuse('unsupported_type');
}

/** Programs: Windows (MZ), Linux (ELF), macOS (Mach-O), WebAssembly, scripts with a `#!` line. */
function isExecutable(b: Uint8Array): boolean {
  return (
    startsWith(b, [0x4d, 0x5a]) ||
    startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) ||
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((sig) => startsWith(b, sig)) ||
    startsWith(b, [0x00, 0x61, 0x73, 0x6d]) ||
    startsWith(b, [0x23, 0x21])
  );
}

/**
 * HTML, SVG, XML or script: what a browser could run if it ever displayed the file. Looks at
 * the start of the file, after a byte-order mark and blank space.
 */
function isActiveContent(b: Uint8Array): boolean {
  let text: string;
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) {
    const le = b[0] === 0xff;
    const chars: number[] = [];
    for (let i = 2; i + 1 < Math.min(b.length, 2050); i += 2) chars.push(le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
    text = String.fromCharCode(...chars);
  } else {
    text = latin1(b, startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0, Math.min(b.length, 1024));
  }
  const head = text.trimStart().toLowerCase();
  return head.startsWith('<') || /<(script|html|body|svg|iframe|object|embed|\?php|!doctype)\b/.test(head) || /^\s*javascript:/.test(head);
}

/** Photos from recent phones in HEIC/HEIF: refused, with a hint on how to send them as JPEG. */
function isHeic(b: Uint8Array): boolean {
  return latin1(b, 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1|avif)$/.test(latin1(b, 8, 12));
}

/**
 * A PDF must end as PDFs end (a cross-reference section, `startxref`, `%%EOF`): a file cut
 * short by a failed transfer does not. Offsets are not checked to the byte: viewers rebuild
 * slightly wrong ones, and refusing a readable scan helps nobody.
 */
function checkPdf(b: Uint8Array): Inspection {
  const tail = latin1(b, Math.max(0, b.length - 2048));
  const end = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? /startxref\s+(\d+)\s+%%EOF/.exec(tail);
  if (!end || Number(end[1]) >= b.length) return refuse('corrupted_pdf');
  const text = latin1(b);
  if (!/(^|[\r\n\s])xref\s/.test(text) && !/\/Type\s*\/XRef\b/.test(text)) return refuse('corrupted_pdf');
  if (hasEncryptionDictionary(text)) return refuse('encrypted_pdf');
  return { ok: true, type: 'pdf', ...acceptedTypes.pdf };
}

/**
 * A password-protected PDF names its encryption dictionary in the trailer (`/Encrypt`), or in
 * the cross-reference stream's dictionary, which plays the trailer's part. Only those places
 * are searched, so a document that merely mentions the word is not refused. An office could
 * not open such a file without the password.
 */
function hasEncryptionDictionary(text: string): boolean {
  const encrypt = /\/Encrypt(?![A-Za-z0-9])/;
  for (const m of text.matchAll(/trailer/g)) if (encrypt.test(text.slice(m.index, m.index + 2048))) return true;
  for (const m of text.matchAll(/\/Type\s*\/XRef\b/g)) if (encrypt.test(text.slice(Math.max(0, m.index - 2048), m.index + 2048))) return true;
  return false;
}

/**
 * Walks the JPEG header segments to the first scan, reading the size from the frame header
 * (SOF), then requires the end-of-image marker after the scan: a truncated photo has none.
 * Data after the end marker (phones append motion clips there) is tolerated.
 */
function checkJpeg(b: Uint8Array): Inspection {
  let pos = 2;
  let size: { width: number; height: number } | null = null;
  let scanStart = -1;
  while (pos + 4 <= b.length) {
    if (b[pos] !== 0xff) return refuse('corrupted_jpeg');
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      pos += 2;
      continue;
    }
    if (marker === 0xd9) return refuse('corrupted_jpeg');
    const length = u16(b, pos + 2);
    if (length < 2 || pos + 2 + length > b.length) return refuse('corrupted_jpeg');
    // Frame headers: every SOFn except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return refuse('corrupted_jpeg');
      size = { height: u16(b, pos + 5), width: u16(b, pos + 7) };
    }
    if (marker === 0xda) {
      scanStart = pos + 2 + length;
      break;
    }
    pos += 2 + length;
  }
  if (scanStart < 0 || !size || size.width === 0 || size.height === 0) return refuse('corrupted_jpeg');
  if (Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(Buffer.from([0xff, 0xd9]), scanStart) < 0) return refuse('corrupted_jpeg');
  return checkDimensions('jpeg', size.width, size.height);
}

/**
 * Walks every PNG chunk, checking each length and CRC, from the IHDR header (first, 13 bytes)
 * to IEND: a damaged or truncated file fails here, before anyone tries to display it.
 */
function checkPng(b: Uint8Array): Inspection {
  let pos = PNG_SIGNATURE.length;
  let size: { width: number; height: number } | null = null;
  let sawData = false;
  for (;;) {
    if (pos + 12 > b.length) return refuse('corrupted_png');
    const length = u32(b, pos);
    const type = latin1(b, pos + 4, pos + 8);
    if (length > 0x7fffffff || pos + 12 + length > b.length || !/^[A-Za-z]{4}$/.test(type)) return refuse('corrupted_png');
    if ((size === null) !== (type === 'IHDR')) return refuse('corrupted_png');
    if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== u32(b, pos + 8 + length)) return refuse('corrupted_png');
    if (type === 'IHDR') {
      if (length !== 13) return refuse('corrupted_png');
      size = { width: u32(b, pos + 8), height: u32(b, pos + 12) };
      if (size.width === 0 || size.height === 0 || size.width > 0x7fffffff || size.height > 0x7fffffff) return refuse('corrupted_png');
    }
    if (type === 'IDAT') sawData = true;
    if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (!sawData || !size) return refuse('corrupted_png');
  return checkDimensions('png', size.width, size.height);
}

function checkDimensions(type: 'jpeg' | 'png', width: number, height: number): Inspection {
  if (width * height > MAX_IMAGE_PIXELS) return refuse('image_too_many_pixels');
  if (Math.max(width, height) / Math.min(width, height) > MAX_ASPECT_RATIO) return refuse('image_aspect_ratio');
  return { ok: true, type, ...acceptedTypes[type], width, height };
}
