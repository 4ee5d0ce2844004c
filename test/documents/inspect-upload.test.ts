import { describe, expect, it } from 'vitest';
import { cleanFileName, attachmentDisposition } from '../../src/modules/documents/file-name';
import { inspectUpload, MAX_UPLOAD_BYTES } from '../../src/modules/documents/inspect-upload';
import {
  pngWithBadHeaderCrc,
  sampleHeic,
  sampleHtml,
  sampleJpeg,
  sampleLinuxProgram,
  samplePdf,
  samplePng,
  sampleShellScript,
  sampleSvg,
  sampleWindowsProgram,
  truncated,
} from '../support/sample-files';

const refusalOf = (bytes: Uint8Array) => {
  const r = inspectUpload(bytes);
  return r.ok ? 'accepted' : r.refusal;
};

describe('what an upload really is', () => {
  it('accepts a real PDF, JPEG and PNG, from their bytes alone', () => {
    expect(inspectUpload(samplePdf())).toEqual({ ok: true, type: 'pdf', mimeType: 'application/pdf', extension: 'pdf' });
    expect(inspectUpload(sampleJpeg(640, 480))).toEqual({ ok: true, type: 'jpeg', mimeType: 'image/jpeg', extension: 'jpg', width: 640, height: 480 });
    expect(inspectUpload(samplePng(30, 20))).toEqual({ ok: true, type: 'png', mimeType: 'image/png', extension: 'png', width: 30, height: 20 });
  });

  it('refuses an empty file and one over the limit', () => {
    expect(refusalOf(new Uint8Array(0))).toBe('empty');
    const big = Buffer.concat([samplePdf(), Buffer.alloc(MAX_UPLOAD_BYTES)]);
    expect(refusalOf(big)).toBe('too_large');
  });

  it('refuses web pages, SVG and scripts whatever their name', () => {
    expect(refusalOf(sampleHtml())).toBe('active_content');
    expect(refusalOf(sampleSvg())).toBe('active_content');
    expect(refusalOf(Buffer.from('Bonjour\n<script>alert(1)</script>'))).toBe('active_content');
    expect(refusalOf(Buffer.from('\ufeff<?xml version="1.0"?><x/>', 'utf16le'))).toBe('active_content');
    expect(refusalOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><script>x</script>', 'utf16le')]))).toBe('active_content');
  });

  it('refuses programs', () => {
    expect(refusalOf(sampleWindowsProgram())).toBe('executable');
    expect(refusalOf(sampleLinuxProgram())).toBe('executable');
    expect(refusalOf(sampleShellScript())).toBe('executable');
  });

  it('names HEIC photos and refuses anything else it does not know', () => {
    expect(refusalOf(sampleHeic())).toBe('heic_image');
    expect(refusalOf(Buffer.from('PK\x03\x04 a word document'))).toBe('unsupported_type');
    expect(refusalOf(Buffer.from('GIF89a....'))).toBe('unsupported_type');
  });

  it('refuses a PDF without its end (%%EOF, startxref) or without any cross-reference', () => {
    const pdf = samplePdf();
    expect(refusalOf(truncated(pdf))).toBe('corrupted_pdf');
    expect(refusalOf(Buffer.from(pdf.toString('latin1').replace('%%EOF', ''), 'latin1'))).toBe('corrupted_pdf');
    expect(refusalOf(Buffer.from(pdf.toString('latin1').replace(/xref\n0 5[\s\S]*?trailer/, 'trailer'), 'latin1'))).toBe('corrupted_pdf');
    expect(refusalOf(Buffer.from('%PDF-1.7\n% nothing else'))).toBe('corrupted_pdf');
  });

  it('refuses a password-protected PDF, but not one that only mentions the word', () => {
    expect(refusalOf(samplePdf({ encrypted: true }))).toBe('encrypted_pdf');
    expect(refusalOf(samplePdf({ text: 'about /Encrypt dictionaries' }))).toBe('accepted');
  });

  it('refuses a truncated JPEG (no end-of-image marker) and one without a frame header', () => {
    expect(refusalOf(sampleJpeg(64, 64).subarray(0, -2))).toBe('corrupted_jpeg');
    expect(refusalOf(truncated(sampleJpeg(64, 64), 0.3))).toBe('corrupted_jpeg');
    expect(refusalOf(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBe('corrupted_jpeg');
  });

  it('refuses a PNG with a bad header checksum, or cut short', () => {
    expect(refusalOf(pngWithBadHeaderCrc())).toBe('corrupted_png');
    expect(refusalOf(samplePng(8, 8).subarray(0, -12))).toBe('corrupted_png');
    expect(refusalOf(truncated(samplePng(100, 100)))).toBe('corrupted_png');
  });

  it('refuses decompression bombs from the declared size, without decoding', () => {
    // 10,000 × 6,000 one-bit pixels: a few kilobytes on disk, 240 MB once decoded to RGBA.
    const bomb = samplePng(10_000, 6_000, { bitDepth: 1 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusalOf(bomb)).toBe('image_too_many_pixels');
    expect(refusalOf(sampleJpeg(9_000, 6_000))).toBe('image_too_many_pixels');
    expect(refusalOf(sampleJpeg(8_000, 6_000))).toBe('accepted');
  });

  it('refuses absurd proportions', () => {
    expect(refusalOf(samplePng(4_200, 200))).toBe('image_aspect_ratio');
    expect(refusalOf(sampleJpeg(16, 2_000))).toBe('image_aspect_ratio');
    expect(refusalOf(samplePng(4_000, 200))).toBe('accepted');
  });
});

describe('file names', () => {
  it('keeps the person’s name, without folders, control or direction characters, with the real extension', () => {
    expect(cleanFileName('C:\\Users\\awa\\Passeport Awa.PDF', 'pdf')).toBe('Passeport Awa.pdf');
    expect(cleanFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(cleanFileName('photo.heic', 'jpeg')).toBe('photo.heic.jpg');
    expect(cleanFileName('scan\u202Efdp.exe', 'pdf')).toBe('scanfdp.exe.pdf');
    expect(cleanFileName('', 'png')).toBe('document.png');
    expect(cleanFileName('.pdf', 'pdf')).toBe('document.pdf');
    expect(cleanFileName(`${'a'.repeat(300)}.jpg`, 'jpeg')).toHaveLength(124);
  });

  it('downloads under an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Pièce "jointe".pdf')).toBe(`attachment; filename="Piece _jointe_.pdf"; filename*=UTF-8''Pi%C3%A8ce%20%22jointe%22.pdf`);
  });
});
