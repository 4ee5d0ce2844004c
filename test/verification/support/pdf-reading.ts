import { PDFDocument, PDFRawStream, PDFArray, PDFName, decodePDFRawStream, type PDFRef } from 'pdf-lib';

/** The decoded content stream of a page, as text (operators and operands). */
export async function pageContent(bytes: Uint8Array, pageIndex = 0): Promise<{ doc: PDFDocument; content: string }> {
  const doc = await PDFDocument.load(bytes);
  const page = doc.getPage(pageIndex);
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  let content = '';
  for (const ref of refs) {
    const stream = doc.context.lookup(ref as PDFRef);
    if (stream instanceof PDFRawStream) content += Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') + '\n';
  }
  return { doc, content };
}

// WinAnsi is Latin-1 but for 0x80–0x9F (Node's TextDecoder drops those bytes).
const CP1252: Record<number, string> = { 0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ', 0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›', 0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ' };
const winAnsi = { decode: (bytes: Buffer) => [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('') };

/** Every string shown with `Tj` (pdf-lib writes them as WinAnsi hex), in drawing order. */
export function shownText(content: string): string {
  return [...content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((m) => winAnsi.decode(Buffer.from(m[1]!, 'hex'))).join(' ');
}

/**
 * Rebuilds a barcode's module grid from the vector rectangles drawn inside `box` (PDF points,
 * bottom-left origin): the picture as drawn, read back without any rasterising.
 */
export function modulesInBox(content: string, box: { x: number; y: number; size: number }): { size: number; dark: Uint8Array } {
  const eps = 0.01;
  const rects = [...content.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)]
    .map((m) => m.slice(1, 5).map(Number) as [number, number, number, number])
    .filter(([x, y, w, h]) => x >= box.x - eps && y >= box.y - eps && x + w <= box.x + box.size + eps && y + h <= box.y + box.size + eps);
  if (rects.length === 0) throw new Error('no rectangle in the box');
  const moduleSize = Math.min(...rects.map((r) => r[3]));
  const size = Math.round(box.size / moduleSize);
  const dark = new Uint8Array(size * size);
  for (const [x, y, w, h] of rects) {
    const row = Math.round((box.y + box.size - (y + h)) / moduleSize);
    const col = Math.round((x - box.x) / moduleSize);
    for (let c = col; c < col + Math.round(w / moduleSize); c++) dark[row * size + c] = 1;
  }
  return { size, dark };
}
