import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditEvents } from '../../src/db/schema';
import { MAX_UPLOAD_BYTES } from '../../src/modules/documents/inspect-upload';
import { uploadsPerAccount } from '../../src/modules/documents/upload-document';
import { buildUser, logInAs } from '../support/builders';
import { createDocumentsContext, documentsOf, linksOf, signedInApplicant, storedBytes, storedFiles } from '../support/document-helpers';
import type { TestContext } from '../support/harness';
import { cookieHeader, multipartBody, postMultipart, type FilePart } from '../support/multipart';
import {
  pngWithBadHeaderCrc,
  sampleHeic,
  sampleHtml,
  sampleJpeg,
  sampleLinuxProgram,
  samplePdf,
  samplePng,
  sampleSvg,
  sampleWindowsProgram,
  truncated,
} from '../support/sample-files';

let ctx: TestContext & { dataDir: string };
beforeAll(async () => {
  ctx = await createDocumentsContext();
});
afterAll(async () => {
  await ctx.close();
  await rm(ctx.dataDir, { recursive: true, force: true });
});

const piecesUrl = (id: string) => `/demarches/${id}/pieces`;

describe('uploading a document for an application', () => {
  it.each([
    ['passport', { fileName: 'passeport.pdf', contentType: 'application/pdf', bytes: samplePdf() }, 'application/pdf'],
    ['proof_of_address', { fileName: 'Facture EDF été.jpeg', contentType: 'image/jpeg', bytes: sampleJpeg(1200, 1600) }, 'image/jpeg'],
    // The browser's declared type is ignored: the content decides.
    ['payslips', { fileName: 'fiches.png', contentType: 'application/pdf', bytes: samplePng(800, 1100) }, 'image/png'],
  ] as [string, FilePart, string][])('stores a good %s file, attaches it, and lets its owner only download it', async (kind, file, mimeType) => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    await client.get(piecesUrl(applicationId));
    const res = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/${kind}`, { mode: 'add' }, file);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${piecesUrl(applicationId)}#piece-${kind}`);

    const [doc] = await documentsOf(ctx.services, user.id);
    expect(doc).toMatchObject({ kind, mimeType, sizeBytes: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex') });
    expect(doc!.originalName).toBe(file.fileName.normalize('NFC'));
    expect(await storedBytes(ctx.dataDir, doc!.storageKey)).toEqual(Buffer.from(file.bytes));
    expect(doc!.storageKey).toMatch(/^documents\/[0-9a-f]{2}\/[0-9a-f]{32}$/);
    expect(await linksOf(ctx.services, applicationId)).toMatchObject([{ documentId: doc!.id, kind, replacedAt: null }]);
    const audit = await ctx.services.db.select().from(auditEvents).where(eq(auditEvents.subjectId, doc!.id)).orderBy(asc(auditEvents.seq));
    expect(audit.map((a) => a.action)).toEqual(['document.uploaded']);
    expect(JSON.stringify(audit[0]!.data)).not.toContain(file.fileName);

    const page = await client.get(piecesUrl(applicationId));
    expect(page.body).toContain('La pièce est ajoutée à votre démarche.');
    expect(page.body).toContain(`href="/documents/${doc!.id}"`);

    const download = await client.get(`/documents/${doc!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(Buffer.from(file.bytes));
    expect(download.headers['content-type']).toBe(mimeType);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
    expect(download.headers['cache-control']).toBe('private, no-store');

    const stranger = ctx.client();
    await logInAs(stranger, await buildUser(ctx.services));
    const refused = await stranger.get(`/documents/${doc!.id}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(doc!.originalName);
    const anonymous = await ctx.client().get(`/documents/${doc!.id}`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/connexion/);
  });

  /** A valid PDF of exactly `size` bytes (padded with blank space after its header). */
  const pdfOfSize = (size: number) => {
    const pdf = samplePdf();
    return Buffer.concat([pdf.subarray(0, 9), Buffer.alloc(size - pdf.length, 0x20), pdf.subarray(9)]);
  };

  it('accepts a file of exactly the size limit, and refuses one byte more', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    await client.get(piecesUrl(applicationId));
    const atLimit = pdfOfSize(MAX_UPLOAD_BYTES);
    expect(atLimit.length).toBe(MAX_UPLOAD_BYTES);
    const res = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, { fileName: 'scan.pdf', bytes: atLimit });
    expect(res.statusCode).toBe(303);
    const [doc] = await documentsOf(ctx.services, user.id);
    expect(doc?.sizeBytes).toBe(MAX_UPLOAD_BYTES);
    expect(pdfOfSize(MAX_UPLOAD_BYTES + 1)).toHaveLength(MAX_UPLOAD_BYTES + 1);
  });

  it.each([
    ['no file chosen', { fileName: '', bytes: Buffer.alloc(0) }, 400, 'Choisissez un fichier à envoyer.'],
    ['an empty file', { fileName: 'passeport.pdf', contentType: 'application/pdf', bytes: Buffer.alloc(0) }, 400, 'Ce fichier est vide.'],
    ['a file over 10 MB', { fileName: 'scan.pdf', contentType: 'application/pdf', bytes: pdfOfSize(MAX_UPLOAD_BYTES + 1) }, 413, 'Ce fichier dépasse 10 Mo.'],
    ['an HTML page named .pdf', { fileName: 'passeport.pdf', contentType: 'application/pdf', bytes: sampleHtml() }, 400, 'contient une page web ou du code'],
    ['an SVG image with a script', { fileName: 'photo.png', contentType: 'image/png', bytes: sampleSvg() }, 400, 'contient une page web ou du code'],
    ['a Windows program named .pdf', { fileName: 'passeport.pdf', contentType: 'application/pdf', bytes: sampleWindowsProgram() }, 400, 'Ce fichier est un programme'],
    ['a Linux program named .jpg', { fileName: 'photo.jpg', contentType: 'image/jpeg', bytes: sampleLinuxProgram() }, 400, 'Ce fichier est un programme'],
    ['a truncated PDF', { fileName: 'passeport.pdf', bytes: truncated(samplePdf()) }, 400, 'Ce PDF est endommagé ou incomplet'],
    ['a PDF without %%EOF', { fileName: 'passeport.pdf', bytes: Buffer.from(samplePdf().toString('latin1').replace('%%EOF', ''), 'latin1') }, 400, 'Ce PDF est endommagé ou incomplet'],
    ['a password-protected PDF', { fileName: 'passeport.pdf', bytes: samplePdf({ encrypted: true }) }, 400, 'Retirez le mot de passe'],
    ['a JPEG without its end marker', { fileName: 'photo.jpg', bytes: sampleJpeg(64, 64).subarray(0, -2) }, 400, 'Cette photo JPEG est endommagée'],
    ['a PNG with a bad header checksum', { fileName: 'scan.png', bytes: pngWithBadHeaderCrc() }, 400, 'Cette image PNG est endommagée'],
    ['a PNG decompression bomb', { fileName: 'scan.png', bytes: samplePng(10_000, 6_000, { bitDepth: 1 }) }, 400, 'plus de 50 mégapixels'],
    ['a JPEG declaring 54 megapixels', { fileName: 'photo.jpg', bytes: sampleJpeg(9_000, 6_000) }, 400, 'plus de 50 mégapixels'],
    ['an image of absurd proportions', { fileName: 'bande.png', bytes: samplePng(4_200, 200) }, 400, 'Les proportions de cette image sont anormales'],
    ['a HEIC photo', { fileName: 'IMG_0001.HEIC', contentType: 'image/heic', bytes: sampleHeic() }, 400, 'format HEIC'],
  ] as [string, FilePart, number, string][])('refuses %s with its message, storing nothing', async (_label, file, status, message) => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    const before = await storedFiles(ctx.dataDir);
    await client.get(piecesUrl(applicationId));
    const res = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, file);
    expect(res.statusCode).toBe(status);
    expect(res.body).toContain(message);
    // The form comes back with the message next to the file field, and in the summary.
    expect(res.body).toContain('id="fichier-passport-error"');
    expect(res.body).toContain('href="#fichier-passport"');
    expect(res.body).toContain('<title>Erreur : Pièces justificatives — Sésame</title>');
    expect(await documentsOf(ctx.services, user.id)).toEqual([]);
    expect(await linksOf(ctx.services, applicationId)).toEqual([]);
    expect(await storedFiles(ctx.dataDir)).toEqual(before);
  });

  it('refuses a multipart form without its anti-forgery token, before reading the file', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    const file = { fileName: 'passeport.pdf', bytes: samplePdf() };
    await client.get(piecesUrl(applicationId));
    const token = client.lastCsrf;
    const missing = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, file, { csrf: null });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Formulaire expiré');
    const forged = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, file, { csrf: 'forged-token' });
    expect(forged.statusCode).toBe(403);
    // A token placed after the file is not read: the check happens before the file is.
    const late = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, file, { csrf: token, fileFirst: true });
    expect(late.statusCode).toBe(403);
    const vault = await postMultipart(ctx.app, client, '/compte/documents', { kind: 'passport' }, file, { csrf: null });
    expect(vault.statusCode).toBe(403);
    expect(await documentsOf(ctx.services, user.id)).toEqual([]);
  });

  it('answers 404 for someone else’s application and 401 without a session, storing nothing', async () => {
    const owner = await signedInApplicant(ctx);
    const other = await signedInApplicant(ctx);
    const before = await storedFiles(ctx.dataDir);
    await other.client.get(piecesUrl(other.applicationId));
    expect((await other.client.get(piecesUrl(owner.applicationId))).statusCode).toBe(404);
    const res = await postMultipart(ctx.app, other.client, `${piecesUrl(owner.applicationId)}/passport`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(res.statusCode).toBe(404);
    expect(await documentsOf(ctx.services, other.user.id)).toEqual([]);
    const unknownKind = await postMultipart(ctx.app, other.client, `${piecesUrl(other.applicationId)}/diploma`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(unknownKind.statusCode).toBe(404);
    const anonymous = ctx.client();
    const { body, contentType } = multipartBody([['_csrf', 'x']], { fileName: 'p.pdf', bytes: samplePdf() });
    const noSession = await ctx.app.inject({ method: 'POST', url: `${piecesUrl(owner.applicationId)}/passport`, payload: body, headers: { 'content-type': contentType, cookie: cookieHeader(anonymous) } });
    expect(noSession.statusCode).toBe(401);
    expect(await storedFiles(ctx.dataDir)).toEqual(before);
    // The address a refused form leaves in the browser leads back to the page.
    const back = await other.client.get(`${piecesUrl(other.applicationId)}/passport`);
    expect(back.headers.location).toBe(`${piecesUrl(other.applicationId)}#piece-passport`);
    expect((await other.client.get(`${piecesUrl(other.applicationId)}/%0d%0aSet-Cookie:x=1`)).statusCode).toBe(404);
  });

  it('answers a malformed or cut-off multipart body with a 400, never a 500, storing nothing', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    await client.get(piecesUrl(applicationId));
    const url = `${piecesUrl(applicationId)}/passport`;
    const noBoundary = await ctx.app.inject({ method: 'POST', url, payload: 'garbage', headers: { 'content-type': 'multipart/form-data', cookie: cookieHeader(client) } });
    expect(noBoundary.statusCode).toBe(400);
    const { body, contentType } = multipartBody([['_csrf', client.lastCsrf!], ['mode', 'add']], { fileName: 'p.pdf', bytes: samplePdf() });
    const cut = await ctx.app.inject({ method: 'POST', url, payload: body.subarray(0, body.length - 300), headers: { 'content-type': contentType, cookie: cookieHeader(client) } });
    expect(cut.statusCode).toBe(400);
    const manyFields = multipartBody([['_csrf', client.lastCsrf!], ...Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x'] as [string, string])], { fileName: 'p.pdf', bytes: samplePdf() });
    const tooMany = await ctx.app.inject({ method: 'POST', url, payload: manyFields.body, headers: { 'content-type': manyFields.contentType, cookie: cookieHeader(client) } });
    expect(tooMany.statusCode).toBeGreaterThanOrEqual(400);
    expect(tooMany.statusCode).toBeLessThan(500);
    expect(await documentsOf(ctx.services, user.id)).toEqual([]);
  });

  it('stops reading a too-large upload early: the answer comes before the body is finished', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    await client.get(piecesUrl(applicationId));
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const { body, contentType } = multipartBody([['_csrf', client.lastCsrf!], ['mode', 'add']], { fileName: 'huge.pdf', bytes: Buffer.alloc(0) });
    // Everything up to the (empty) file content; then 11 MB of content and the request is never ended.
    const head = body.subarray(0, body.indexOf('\r\n--', body.indexOf('filename=')));
    const response = await new Promise<{ status: number; text: string; connection: string | undefined }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: `${piecesUrl(applicationId)}/passport`, headers: { 'content-type': contentType, cookie: cookieHeader(client) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, text, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.write(head);
      req.write(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]));
      // No req.end(): a server that waited for the whole body would never answer.
    });
    expect(response.status).toBe(413);
    expect(response.connection).toBe('close');
    expect(response.text).toContain('Ce fichier dépasse 10 Mo.');
    expect(await documentsOf(ctx.services, user.id)).toEqual([]);
  });
});

describe('upload allowance', () => {
  it('refuses uploads past the hourly allowance with a clear message, then accepts them again', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    for (let i = 0; i < uploadsPerAccount.limit; i++) await ctx.services.rateLimiter.consume(uploadsPerAccount, user.id);
    await client.get(piecesUrl(applicationId));
    const refused = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Vous avez envoyé beaucoup de fichiers en peu de temps.');
    expect(await documentsOf(ctx.services, user.id)).toEqual([]);
    ctx.clock.advance(uploadsPerAccount.windowMs + 1000);
    const later = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(later.statusCode).toBe(303);
  });

  it('counts an upload attempt before its file is read, refused or not, with the application read in the same statement', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    for (let i = 0; i < uploadsPerAccount.limit - 1; i++) await ctx.services.rateLimiter.consume(uploadsPerAccount, user.id);
    await client.get(piecesUrl(applicationId));
    // The last upload of the hour, sent without a file: refused, and counted.
    const empty = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, { fileName: '', bytes: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    const refused = await postMultipart(ctx.app, client, `${piecesUrl(applicationId)}/passport`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(refused.statusCode).toBe(429);
    expect(await documentsOf(ctx.services, user.id)).toEqual([]);
    // Another person's file (or none) is "not found", whatever the allowance says.
    const elsewhere = await postMultipart(ctx.app, client, `/demarches/00000000-0000-4000-8000-000000000000/pieces/passport`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('the vault', () => {
  it('takes a document with its kind, lists it, and refuses a bad one with the form kept', async () => {
    const { user, client } = await signedInApplicant(ctx);
    await client.get('/compte/documents');
    const good = await postMultipart(ctx.app, client, '/compte/documents', { kind: 'passport' }, { fileName: 'passeport.pdf', bytes: samplePdf() });
    expect(good.statusCode).toBe(303);
    const page = await client.follow(good);
    expect(page.body).toContain('Le document est enregistré dans votre espace.');
    expect(page.body).toContain('passeport.pdf');
    expect(page.body).toContain('Joint à aucune démarche');
    expect(page.body).toContain('<script src="/assets/upload-progress.js" defer></script>');

    const bad = await postMultipart(ctx.app, client, '/compte/documents', { kind: 'payslips' }, { fileName: 'virus.pdf', bytes: sampleWindowsProgram() });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ce fichier est un programme');
    expect(bad.body).toMatch(/<option value="payslips" selected/);
    const noKind = await postMultipart(ctx.app, client, '/compte/documents', { kind: '<script>' }, { fileName: 'p.pdf', bytes: samplePdf() });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.body).toContain('Choisissez le type de document dans la liste.');
    expect(noKind.body).not.toContain('<script>"');
    expect(await documentsOf(ctx.services, user.id)).toHaveLength(1);
  });

  it('serves the upload progress script as a static asset', async () => {
    const res = await ctx.client().get('/assets/upload-progress.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.body).toContain('XMLHttpRequest');
  });
});
