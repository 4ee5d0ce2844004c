import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { isWinAnsi } from '../../../platform/pdf/win-ansi';

/**
 * DejaVu Sans (Bitstream Vera licence, DejaVu changes in the public domain; the Debian package
 * `fonts-dejavu-core`; licence text beside the file): Latin, Greek, Cyrillic, Armenian,
 * Georgian and more in one free font. Used only to print a name in the passport's own script
 * under its Latin form; the Latin form (as in the machine-readable zone) stays the reference.
 *
 * Not covered, so not printed (the Latin form alone is shown): scripts DejaVu Sans lacks (CJK,
 * Indic…), and right-to-left scripts (Arabic, Hebrew), which pdf-lib cannot order or join.
 */
const FONT_URL = new URL('./fonts/DejaVuSans.ttf', import.meta.url);

let fontBytes: Uint8Array | undefined;
let coverage: { hasGlyphForCodePoint(cp: number): boolean } | undefined;

function load() {
  fontBytes ??= readFileSync(FONT_URL);
  coverage ??= fontkit.create(Buffer.from(fontBytes)) as unknown as { hasGlyphForCodePoint(cp: number): boolean };
  return { bytes: fontBytes, coverage };
}

const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

/** True when `text` needs more than WinAnsi and DejaVu Sans can print all of it, left to right. */
export function needsNativeScriptFont(text: string): boolean {
  if ([...text].every(isWinAnsi)) return false;
  if (RIGHT_TO_LEFT.test(text)) return false;
  const { coverage } = load();
  return [...text].every((ch) => /\s/u.test(ch) || coverage.hasGlyphForCodePoint(ch.codePointAt(0)!));
}

/** Embeds the glyphs of DejaVu Sans that the document uses (subset), for a native-script name. */
export async function embedNativeScriptFont(doc: PDFDocument): Promise<PDFFont> {
  doc.registerFontkit(fontkit);
  return doc.embedFont(load().bytes, { subset: true });
}
