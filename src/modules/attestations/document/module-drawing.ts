import { fill, popGraphicsState, pushGraphicsState, rectangle, setFillingGrayscaleColor, type PDFOperator, type PDFPage } from 'pdf-lib';

/** A barcode as a square grid of modules: `isDark(row, col)`, row 0 at the top. */
export interface ModuleGrid {
  size: number;
  isDark(row: number, col: number): boolean;
}

/**
 * Draws a barcode as vector rectangles: one rectangle per horizontal run of dark modules, all
 * in one path filled once. Sharp at any zoom or print resolution, a few kilobytes, and about
 * half a millisecond per symbol — much cheaper than rasterising a PNG and embedding it.
 * `x`, `y` is the bottom-left corner of the symbol in PDF points.
 */
export function drawModules(page: PDFPage, grid: ModuleGrid, x: number, y: number, moduleSize: number): void {
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingGrayscaleColor(0)];
  const round = (v: number) => Math.round(v * 1000) / 1000;
  for (let row = 0; row < grid.size; row++) {
    const top = y + (grid.size - 1 - row) * moduleSize;
    let col = 0;
    while (col < grid.size) {
      if (!grid.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < grid.size && grid.isDark(row, col)) col++;
      ops.push(rectangle(round(x + start * moduleSize), round(top), round((col - start) * moduleSize), round(moduleSize)));
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}
