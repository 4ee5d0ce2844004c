import { createSign, type KeyObject } from 'node:crypto';

/**
 * A self-signed X.509 v3 certificate (RFC 5280) for an EC P-256 key, signed ECDSA-SHA256,
 * written as DER by hand. node:crypto reads certificates but cannot make them; the
 * `@peculiar/x509` package installed for this needs a `reflect-metadata` polyfill at run time,
 * which is not installed — and the structure needed here is small and fixed.
 */
export function selfSignedCertificate(input: { privateKey: KeyObject; publicKey: KeyObject; serial: Buffer; commonName: string; organisation: string; notBefore: Date; notAfter: Date }): string {
  const name = seq(
    set(seq(oid('2.5.4.6'), tlv(0x13, Buffer.from('FR')))),
    set(seq(oid('2.5.4.10'), utf8(input.organisation))),
    set(seq(oid('2.5.4.3'), utf8(input.commonName))),
  );
  const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const extensions = tlv(
    0xa3,
    seq(
      // Not a certification authority: it signs documents, not other certificates.
      seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, seq())),
      // Key usage: digitalSignature only.
      seq(oid('2.5.29.15'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, tlv(0x03, Buffer.from([0x07, 0x80])))),
    ),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(input.serial),
    ecdsaWithSha256,
    name,
    seq(time(input.notBefore), time(input.notAfter)),
    name,
    input.publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = createSign('SHA256').update(tbs).sign({ key: input.privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g)!;
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));

/** A non-negative INTEGER: minimal, with a leading zero when the high bit is set. */
function integer(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
}
