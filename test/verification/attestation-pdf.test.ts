import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import { createTestContext, type TestContext } from '../support/harness';
import { buildUser, logInAs } from '../support/builders';
import { buildAttestation, setIdentity, setLocale } from '../support/attestation-builders';
import { parse2dDoc, verify2dDocSignature } from '../../src/modules/attestations/two-d-doc';
import { decodeCodewords, readDataMatrix } from '../../src/modules/attestations/document/datamatrix';
import { DATAMATRIX_BOX, QR_BOX } from '../../src/modules/attestations/document/render-attestation-pdf';
import { modulesInBox, pageContent, shownText } from './support/pdf-reading';
import { readAttestationPdf } from '../../e2e/support/attestation-pdf';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function download(publicId: string, user: { email: string; password: string }) {
  const c = ctx.client();
  await logInAs(c, user);
  return c.get(`/attestations/${publicId}.pdf`);
}

describe('attestation PDF', () => {
  it('gives the holder a one-page A4 PDF in French with the rights in plain words', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'apri', validFrom: '2026-03-02', validTo: '2026-06-01', allowsWork: true });
    const res = await download(att.publicId, att.holder);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { doc, content } = await pageContent(res.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe(`Attestation de prolongation d’instruction — ${att.publicId}`);
    const text = shownText(content);
    expect(text).toContain('RÉPUBLIQUE FRANÇAISE');
    expect(text).toContain('DIALLO Awa');
    expect(text).toContain(att.reference);
    expect(text).toContain('du 2 mars 2026 au 1 juin 2026 inclus');
    expect(text).toContain('Il ou elle est autorisé(e) à travailler en France pendant cette période.');
    expect(text).toContain('Préfecture de police');
    expect(text).toContain(att.publicId);
    expect(text).toContain(`http://sesame.test/verify/${att.publicId}`);
    // French only: the holder's language is French.
    expect(text).not.toContain('What this certificate allows');
  });

  it('says on a filing receipt that it proves filing and gives no right of stay', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'receipt', validFrom: '2026-03-02', validTo: null, allowsWork: false });
    const text = shownText((await pageContent((await download(att.publicId, att.holder)).rawPayload)).content);
    expect(text).toContain('Attestation de dépôt');
    expect(text).toContain('Elle ne vaut pas autorisation de séjour');
    expect(text).toContain('ne donne à elle seule ni droit au séjour ni droit au travail');
    expect(text).not.toContain('autorisé(e) à travailler');
  });

  it('says plainly when the attestation does not allow work', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'apri', allowsWork: false });
    const text = shownText((await pageContent((await download(att.publicId, att.holder)).rawPayload)).content);
    expect(text).toContain('Cette attestation n’autorise pas à travailler en France.');
  });

  it('prints the holder’s language under the French text', async () => {
    const att = await buildAttestation(ctx.services, { kind: 'adf', validFrom: '2026-03-02', validTo: '2026-06-01' });
    await setLocale(ctx.services, att.holder.id, 'en');
    const text = shownText((await pageContent((await download(att.publicId, att.holder)).rawPayload)).content);
    expect(text).toContain('Attestation de décision favorable');
    expect(text).toContain('Certificate of favourable decision');
    expect(text).toContain('They may work in France during this period.');
    expect(text).toContain('from March 2, 2026 to June 1, 2026 inclusive');
  });

  it('carries the signed 2D-Doc as a DataMatrix that reads back, from the drawn rectangles, to a text that verifies', async () => {
    const att = await buildAttestation(ctx.services);
    const { content } = await pageContent((await download(att.publicId, att.holder)).rawPayload);
    // Read from the vector drawing itself (no rasterising): module grid → codewords → text.
    const text = decodeCodewords(readDataMatrix(modulesInBox(content, DATAMATRIX_BOX)));
    expect(text).toBe(att.twoDDoc);
    const parsed = parse2dDoc(text);
    expect(parsed.header.certId).toBe(ctx.services.signer.certId);
    expect(verify2dDocSignature(parsed, createPublicKey(ctx.services.signer.publicKeyPem))).toBe(true);
    // The QR code is drawn as rectangles too, as a square grid of a QR size (21 + 4k modules).
    const qr = modulesInBox(content, QR_BOX);
    expect((qr.size - 21) % 4).toBe(0);
    // …which an independent decoder (jsQR) reads as the verification page's address.
    const read = await readAttestationPdf((await download(att.publicId, att.holder)).rawPayload);
    expect(read.qrText).toBe(`${ctx.services.config.publicUrl}/verify/${att.publicId}`);
  });

  it('never fails on names in other scripts: Latin form printed, own script too where the font has it', async () => {
    const cases = [
      { surname: 'Иванова', givenNames: 'Мария', surnameLatin: 'IVANOVA', givenNamesLatin: 'Mariia' },
      { surname: '王', givenNames: '秀英', surnameLatin: 'WANG', givenNamesLatin: 'Xiuying' },
      { surname: 'بن علي', givenNames: 'فاطمة', surnameLatin: 'BEN ALI', givenNamesLatin: 'Fatma' },
      { surname: 'Nguyễn', givenNames: 'Thị Minh Khai', surnameLatin: null, givenNamesLatin: null },
      { surname: 'Łukasz-Ørsted', givenNames: 'Şükrü 😀', surnameLatin: null, givenNamesLatin: null },
    ];
    const texts: string[] = [];
    for (const identity of cases) {
      const holder = await buildUser(ctx.services);
      await setIdentity(ctx.services, holder.id, { ...identity, birthDate: '1990-04-12' });
      const att = await buildAttestation(ctx.services, { holder });
      const res = await download(att.publicId, holder);
      expect(res.statusCode).toBe(200);
      texts.push(shownText((await pageContent(res.rawPayload)).content));
    }
    expect(texts[0]).toContain('IVANOVA Mariia');
    expect(texts[1]).toContain('WANG Xiuying');
    expect(texts[2]).toContain('BEN ALI Fatma');
    expect(texts[3]).toContain('NGUYEN Thi Minh Khai');
    expect(texts[4]).toContain('LUKASZ-ØRSTED Sükrü ?');
  });

  it('embeds DejaVu Sans only when a name needs it and the font can print it', async () => {
    const holder = await buildUser(ctx.services);
    await setIdentity(ctx.services, holder.id, { surname: 'Иванова', givenNames: 'Мария', surnameLatin: 'IVANOVA', givenNamesLatin: 'Mariia' });
    const cyrillic = await buildAttestation(ctx.services, { holder });
    const withFont = (await download(cyrillic.publicId, holder)).rawPayload;
    expect(Buffer.from(withFont).toString('latin1')).toMatch(/DejaVuSans/);
    const latin = await buildAttestation(ctx.services);
    expect(Buffer.from((await download(latin.publicId, latin.holder)).rawPayload).toString('latin1')).not.toMatch(/DejaVuSans/);
  });

  it('is "not found" for anyone but the holder, and asks a visitor to log in', async () => {
    const att = await buildAttestation(ctx.services);
    const stranger = await buildUser(ctx.services);
    expect((await download(att.publicId, stranger)).statusCode).toBe(404);
    const anonymous = await ctx.client().get(`/attestations/${att.publicId}.pdf`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/connexion?retour=${encodeURIComponent(`/attestations/${att.publicId}.pdf`)}`);
    expect((await download('NOPE', att.holder)).statusCode).toBe(404);
    expect((await download('%3Cscript%3E', att.holder)).statusCode).toBe(404);
  });
});
