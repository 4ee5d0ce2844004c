import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { I18n } from '../../../platform/i18n/catalogue';
import type { Logger } from '../../../platform/logger';
import type { AttestationDocument } from './attestation-document';
import { renderAttestationPdf } from './render-attestation-pdf';

export interface PdfRenderer {
  render(doc: AttestationDocument): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Renders attestation PDFs off the event loop. A PDF is 3–4 ms of pure CPU (text layout,
 * barcodes, compression): on the request's thread it delays every other request of the
 * process meanwhile — on the day hundreds of APRIs fall due, their issuing and every page
 * waited behind the downloads. With `threads` > 0 they render on worker threads (started at
 * the first PDF), on another core; with 0, in the calling thread.
 *
 * A thread that dies fails only the PDFs it had in hand (the holder reloads) and is replaced
 * at the next PDF.
 */
/**
 * The thread's code is TypeScript like the rest, and a worker thread does not inherit the
 * parent's module loader (tsx): it starts by loading tsx's API, which then imports the module.
 * tsx's API is found through its package's export map (not `import.meta.resolve`, which test
 * runners' module loaders do not all offer). Worked out at the first PDF, not at import.
 */
function workerBootstrap(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
  const worker = new URL('./pdf-render-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(worker)}, ${JSON.stringify(import.meta.url)}))`;
}

export function createPdfRenderer(options: { threads: number; i18n: I18n; logger: Logger }): PdfRenderer {
  if (options.threads === 0) return { render: (doc) => renderAttestationPdf(doc, options.i18n), close: async () => undefined };
  interface Thread {
    worker: Worker;
    pending: Map<number, { resolve: (pdf: Uint8Array) => void; reject: (err: Error) => void }>;
  }
  const threads: (Thread | null)[] = Array.from({ length: options.threads }, () => null);
  let nextId = 1;
  let bootstrap: string | undefined;
  let closed = false;

  const start = (slot: number): Thread => {
    bootstrap ??= workerBootstrap();
    const worker = new Worker(bootstrap, { eval: true });
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const p = thread.pending.get(m.id);
      thread.pending.delete(m.id);
      if (m.pdf) p?.resolve(m.pdf);
      else p?.reject(new Error(`attestation PDF not rendered: ${m.error}`));
    });
    const fail = (err: Error) => {
      if (threads[slot] === thread) threads[slot] = null;
      for (const p of thread.pending.values()) p.reject(err);
      thread.pending.clear();
    };
    worker.on('error', (err) => {
      options.logger.error({ err }, 'PDF render thread failed');
      fail(err);
    });
    worker.on('exit', (code) => fail(new Error(`PDF render thread exited (${code})`)));
    // An idle pool must not keep the process alive.
    worker.unref();
    threads[slot] = thread;
    return thread;
  };

  return {
    render(doc) {
      if (closed) return Promise.reject(new Error('PDF renderer closed'));
      // The thread with the least in hand (a new one if a slot is empty).
      let slot = 0;
      for (let i = 0; i < threads.length; i++) {
        const t = threads[i];
        if (!t) {
          slot = i;
          break;
        }
        if (t.pending.size < (threads[slot]?.pending.size ?? Infinity)) slot = i;
      }
      const thread = threads[slot] ?? start(slot);
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        thread.pending.set(id, { resolve, reject });
        thread.worker.ref();
        thread.worker.postMessage({ id, doc });
      }).finally(() => {
        if (thread.pending.size === 0) thread.worker.unref();
      });
    },
    async close() {
      closed = true;
      await Promise.all(threads.map((t) => t?.worker.terminate()));
    },
  };
}
