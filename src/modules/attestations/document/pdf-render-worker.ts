import { parentPort } from 'node:worker_threads';
import { createI18n } from '../../../platform/i18n/catalogue';
import type { AttestationDocument } from './attestation-document';
import { renderAttestationPdf } from './render-attestation-pdf';

/** One thread of `pdf-renderer.ts`: renders the documents it is sent, one message each way. */
const i18n = createI18n();
parentPort!.on('message', (message: { id: number; doc: AttestationDocument }) => {
  renderAttestationPdf(message.doc, i18n).then(
    (pdf) => parentPort!.postMessage({ id: message.id, pdf }, [pdf.buffer as ArrayBuffer]),
    (err: unknown) => parentPort!.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
