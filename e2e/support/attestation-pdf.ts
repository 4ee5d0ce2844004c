import { createPublicKey, verify } from 'node:crypto';
import jsQR from 'jsqr';
import { decodeCodewords, readDataMatrix } from '../../src/modules/attestations/document/datamatrix';
import { DATAMATRIX_BOX, QR_BOX } from '../../src/modules/attestations/document/render-attestation-pdf';
import { parse2dDoc } from '../../src/modules/attestations/two-d-doc';
import { modulesInBox, pageContent, shownText } from '../../test/verification/support/pdf-reading';

/** What a person (or a verifier's phone) reads on an attestation PDF. */
export interface ReadAttestation {
  /** Every line of text, in drawing order. */
  text: string;
  /** What the QR code says: the address of the verification page. */
  qrText: string;
  /** What the DataMatrix says: the signed 2D-Doc. */
  twoDDoc: string;
}

/**
 * Reads both barcodes back from what the PDF draws (vector rectangles, no rasterising of the
 * page): the QR code's modules are laid out as a bitmap with its quiet zone and given to jsQR,
 * a decoder that shares nothing with the encoder Sésame uses; the DataMatrix is read by the
 * test helpers that decode it from the same rectangles.
 */
export async function readAttestationPdf(bytes: Uint8Array): Promise<ReadAttestation> {
  const { content } = await pageContent(bytes);
  const qr = modulesInBox(content, QR_BOX);
  const qrText = decodeQr(qr.size, qr.dark);
  const twoDDoc = decodeCodewords(readDataMatrix(modulesInBox(content, DATAMATRIX_BOX)));
  return { text: shownText(content), qrText, twoDDoc };
}

function decodeQr(size: number, dark: Uint8Array): string {
  const scale = 4;
  const quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / scale) - quiet;
      const col = Math.floor(x / scale) - quiet;
      if (row < 0 || col < 0 || row >= size || col >= size || !dark[row * size + col]) continue;
      const i = (y * side + x) * 4;
      pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
    }
  }
  const found = jsQR(pixels, side, side);
  if (!found) throw new Error('no QR code could be read from the rectangles drawn in the PDF');
  return found.data;
}

interface Jwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
}

/**
 * Checks a 2D-Doc's ECDSA P-256 signature as any verifier would: with the public key the
 * JWKS publishes under the key id its header names, and node:crypto — nothing of Sésame's own.
 */
export function signatureChecks(twoDDoc: string, jwks: { keys: Jwk[] }): boolean {
  const parsed = parse2dDoc(twoDDoc);
  const jwk = jwks.keys.find((k) => k.kid === `${parsed.header.caId}-${parsed.header.certId}`);
  if (!jwk) return false;
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
  return verify('sha256', Buffer.from(parsed.signed, 'latin1'), { key, dsaEncoding: 'ieee-p1363' }, parsed.signature);
}
