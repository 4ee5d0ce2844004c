import { createI18n } from '/work/main/src/platform/i18n/catalogue';
import { renderAttestationPdf } from '/work/main/src/modules/attestations/document/render-attestation-pdf';
// @ts-ignore
import { sampleDocs } from './docs';
const i18n = createI18n();
const docs = sampleDocs(50);
(async () => {
  for (let i = 0; i < 200; i++) await renderAttestationPdf(docs[i % 50], i18n);
  const t = performance.now();
  let bytes = 0;
  for (let i = 0; i < 1000; i++) bytes += (await renderAttestationPdf(docs[i % 50], i18n)).length;
  console.log('ms/pdf', (performance.now() - t) / 1000, 'bytes', bytes / 1000);
})();
