import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll } from 'vitest';

/**
 * Small real one-page PDFs written to a temporary folder for the journey file: what a person's
 * scan would be. Returns the function that writes one and gives its path.
 */
export function useSamplePdfs(): (name: string, text: string) => Promise<string> {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'sesame-e2e-pdf-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));
  return async (name, text) => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([595, 842]);
    page.drawText(text, { x: 50, y: 780, size: 14, font: await pdf.embedFont(StandardFonts.Helvetica) });
    const path = join(scratch, name);
    await writeFile(path, await pdf.save());
    return path;
  };
}
