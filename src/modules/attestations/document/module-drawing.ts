import { deflateSync } from 'node:zlib';
import { PDFArray, PDFContentStream, PDFRef, type PDFDocument, type PDFPage } from 'pdf-lib';

/** A barcode as a square grid of modules: `isDark(row, col)`, row 0 at the top. */
export interface ModuleGrid {
  size: number;
  isDark(row: number, col: number): boolean;
}

/**
 * A barcode as vector rectangles, in PDF content-stream syntax: one rectangle per horizontal run
 * of dark modules, all in one path filled once, wrapped in q … Q so that the text around keeps
 * its graphics state. Sharp at any zoom or print resolution, and a few kilobytes.
 * `x`, `y` is the bottom-left corner of the symbol in PDF points. Add it to the page with
 * `finishPage`.
 *
 * Written as text directly rather than through pdf-lib's operators: a barcode is a thousand or
 * so rectangles, and pdf-lib's number formatting and its JavaScript deflate were the largest
 * part of an attestation's rendering (≈40 % of 5 ms, profiled with `bench/attestation-pdf.ts`).
 */
export function moduleContent(grid: ModuleGrid, x: number, y: number, moduleSize: number): string {
  const parts: string[] = ['q 0 g'];
  // Three decimals of a point (a thousandth of 0.35 mm) is far below any printer's dot.
  const n = (v: number) => String(Math.round(v * 1000) / 1000);
  const height = n(moduleSize);
  for (let row = 0; row < grid.size; row++) {
    const top = n(y + (grid.size - 1 - row) * moduleSize);
    let col = 0;
    while (col < grid.size) {
      if (!grid.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < grid.size && grid.isDark(row, col)) col++;
      parts.push(`${n(x + start * moduleSize)} ${top} ${n((col - start) * moduleSize)} ${height} re`);
    }
  }
  parts.push('f Q');
  return parts.join('\n');
}

/**
 * Makes the page's content one stream: what pdf-lib drew (the text), then `extra` (the
 * barcodes), compressed once with Node's zlib — native, where pdf-lib would deflate each of its
 * streams at save in JavaScript (pako). Same page once decompressed, a fraction of the CPU.
 * Level 1: a tenth of a PDF's rendering time less than the default level, for 0.9 KB more in a
 * 8.7 KB file (measured on the benchmark's documents).
 */
export function finishPage(pdf: PDFDocument, page: PDFPage, extra: string[]): void {
  const parts: string[] = [];
  const contents = page.node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  for (const ref of refs) {
    const stream = pdf.context.lookup(ref);
    if (!(stream instanceof PDFContentStream)) throw new Error('unexpected content stream on an attestation page');
    parts.push(Buffer.from(stream.getUnencodedContents()).toString('latin1'));
    // Replaced below: out of the file too (pdf-lib would otherwise still write, and deflate, it).
    if (ref instanceof PDFRef) pdf.context.delete(ref);
  }
  parts.push(...extra);
  const stream = pdf.context.stream(deflateSync(Buffer.from(parts.join('\n'), 'latin1'), { level: 1 }), { Filter: 'FlateDecode' });
  page.node.set(pdf.context.obj('Contents'), pdf.context.register(stream));
}
