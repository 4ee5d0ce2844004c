import { generateKeyPairSync } from 'node:crypto';
import bwipjs from 'bwip-js/node';
import { createI18n } from '../src/platform/i18n/catalogue';
import type { AttestationDocument } from '../src/modules/attestations/document/attestation-document';
import { moduleContent } from '../src/modules/attestations/document/module-drawing';
import { renderAttestationPdf, type DataMatrixPainter } from '../src/modules/attestations/document/render-attestation-pdf';
import { sign2dDoc, type Fields } from '../src/modules/attestations/two-d-doc';
import type { BenchmarkReport, BenchSettings } from './support/benchmark';

/**
 * Attestation PDFs rendered per second, in this process (one core), from documents already
 * loaded: the cost of the PDF itself, which `GET /attestations/<code>.pdf` adds to one database
 * read. Three ways of drawing the 2D-Doc DataMatrix are compared, the first being Sésame's:
 *
 * - `vector`: our C40 encoder, vector rectangles (one per run of dark modules);
 * - `bwip-vector`: bwip-js's encoder, the same rectangles;
 * - `bwip-png`: bwip-js's PNG (scale 2), embedded as an image.
 *
 * `npm run bench` runs it with the others (BENCH_ONLY=attestation-pdf for this one alone), or
 * `npx tsx bench/attestation-pdf.ts` prints its JSON directly. BENCH_SECONDS applies (per way).
 */
export async function attestationPdf(settings: Pick<BenchSettings, 'seconds' | 'warmupSeconds'>): Promise<BenchmarkReport & { pdf: Record<string, PdfFigures> }> {
  const i18n = createI18n();
  const documents = sampleDocuments(50);
  const ways: Record<string, DataMatrixPainter | undefined> = {
    vector: undefined,
    'bwip-vector': (_pdf, _page, text, box) => {
      const [sym] = bwipjs.raw({ bcid: 'datamatrix', text } as Parameters<typeof bwipjs.raw>[0]) as unknown as { pixs: number[]; pixx: number }[];
      return moduleContent({ size: sym!.pixx, isDark: (r, c) => sym!.pixs[r * sym!.pixx + c] === 1 }, box.x, box.y, box.size / sym!.pixx);
    },
    'bwip-png': async (pdf, page, text, box) => {
      const png = await bwipjs.toBuffer({ bcid: 'datamatrix', text, scale: 2 } as Parameters<typeof bwipjs.toBuffer>[0]);
      page.drawImage(await pdf.embedPng(png), { x: box.x, y: box.y, width: box.size, height: box.size });
    },
  };
  const pdf: Record<string, PdfFigures> = {};
  for (const [name, painter] of Object.entries(ways)) {
    const run = async (until: number) => {
      const latencies: number[] = [];
      let bytes = 0;
      for (let i = 0; performance.now() < until; i++) {
        const started = performance.now();
        const out = await renderAttestationPdf(documents[i % documents.length]!, i18n, painter);
        latencies.push(performance.now() - started);
        bytes += out.length;
      }
      return { latencies, bytes };
    };
    await run(performance.now() + settings.warmupSeconds * 1000);
    const started = performance.now();
    const { latencies, bytes } = await run(started + settings.seconds * 1000);
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
    pdf[name] = { pdfs: latencies.length, pdfsPerSecond: round(latencies.length / elapsed), latencyMs: { p50: at(0.5), p99: at(0.99), max: at(1) }, meanBytes: Math.round(bytes / latencies.length) };
  }
  return {
    name: 'attestation-pdf',
    description: 'Attestation PDFs (A4, 2D-Doc DataMatrix and QR code) rendered in one process, one core, by three ways of drawing the DataMatrix; no HTTP, no database',
    runs: [],
    ratios: { vectorOverBwipPng: round(pdf.vector!.pdfsPerSecond / pdf['bwip-png']!.pdfsPerSecond) },
    goal: 'pdf.vector.pdfsPerSecond >= 100',
    pdf,
  };
}

interface PdfFigures {
  pdfs: number;
  pdfsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  meanBytes: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Realistic documents: APRIs for varied names, each with a genuinely signed 2D-Doc. */
function sampleDocuments(count: number): AttestationDocument[] {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const names = [
    ['DIALLO', 'Awa'],
    ['NGUYEN', 'Thi Minh Khai'],
    ['BEN ALI', 'Fatma'],
    ['IVANOVA', 'Mariia'],
    ['FERREIRA DA SILVA', 'João Pedro'],
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const [surname, givenNames] = names[i % names.length]!;
    const fields: Fields = [
      ['6J', '2'],
      ['6K', `7526K7Q2M4XP${String(i).padStart(7, '0')}`],
      ['6L', '02032026'],
      ['6P', 'AUTORISE A TRAVAILLER'],
      ['6Q', '7503120521'],
      ['62', surname],
      ['60', givenNames.replace(/ /g, '/')],
      ['69', '12041990'],
      ['67', 'SN'],
      ['6N', '02032026'],
      ['6O', '01062026'],
      ['6Y', 'FR'],
    ];
    const twoDDoc = sign2dDoc({ caId: 'SE00', certId: '0001', documentDate: '2026-03-02', signatureDate: '2026-03-02', documentType: '13', perimeter: '01', country: 'FR' }, fields, privateKey);
    const publicId = `K7Q2M4XP${String(i).padStart(4, '0')}`;
    return {
      kind: 'apri',
      publicId,
      holder: { surname, givenNames, nativeName: null, birthDate: '1990-04-12', nationality: 'SN', foreignerNumber: '7503120521' },
      fileNumber: `75-26-K7Q2M${String(i).padStart(3, '0')}`,
      allowsWork: true,
      validFrom: '2026-03-02',
      validTo: '2026-06-01',
      prefectureName: 'Préfecture de police de Paris',
      issuedAt: new Date('2026-03-02T09:00:00Z'),
      twoDDoc,
      verifyUrl: `https://sesame.example/verify/${publicId}`,
      secondLocale: i % 2 === 0 ? 'en' : null,
    };
  });
}

// Run directly: `npx tsx bench/attestation-pdf.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.env.BENCH_SECONDS) || 10;
  attestationPdf({ seconds, warmupSeconds: 2 }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
