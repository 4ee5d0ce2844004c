import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../support/harness';
import { buildAttestation } from '../support/attestation-builders';
import { loadAttestationDocument } from '../../src/modules/attestations/document/load-attestation-document';
import { createPdfRenderer } from '../../src/modules/attestations/document/pdf-renderer';
import { renderAttestationPdf } from '../../src/modules/attestations/document/render-attestation-pdf';
import type { AttestationDocument } from '../../src/modules/attestations/document/attestation-document';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('PDF rendering on worker threads', () => {
  it('gives, byte for byte, the PDF the request’s own thread would, for several at once across two threads', async () => {
    const docs: AttestationDocument[] = [];
    for (const kind of ['receipt', 'apri', 'adf'] as const) {
      const att = await buildAttestation(ctx.services, { kind, validFrom: '2026-03-02', validTo: kind === 'receipt' ? null : '2026-06-01', allowsWork: kind !== 'receipt' });
      docs.push((await loadAttestationDocument(ctx.services.db, ctx.services.config.publicUrl, att.publicId, att.holder.id))!);
    }
    const renderer = createPdfRenderer({ threads: 2, i18n: ctx.services.i18n, logger: ctx.services.logger });
    try {
      const onThreads = await Promise.all([...docs, ...docs].map((d) => renderer.render(d)));
      const inline = await Promise.all([...docs, ...docs].map((d) => renderAttestationPdf(d, ctx.services.i18n)));
      expect(onThreads.map((b) => Buffer.from(b).toString('base64'))).toEqual(inline.map((b) => Buffer.from(b).toString('base64')));
    } finally {
      await renderer.close();
    }
  });

  it('fails only the PDF that could not be rendered, and keeps rendering the next ones', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'apri', validFrom: '2026-03-02', validTo: '2026-06-01', allowsWork: true });
    const doc = (await loadAttestationDocument(ctx.services.db, ctx.services.config.publicUrl, att.publicId, att.holder.id))!;
    const renderer = createPdfRenderer({ threads: 1, i18n: ctx.services.i18n, logger: ctx.services.logger });
    try {
      const broken = { ...doc, holder: null } as unknown as AttestationDocument;
      await expect(renderer.render(broken)).rejects.toThrow(/attestation PDF not rendered/);
      const pdf = await renderer.render(doc);
      expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await renderer.close();
    }
    await expect(renderer.render(doc)).rejects.toThrow(/closed/);
  });
});
