import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart, { type MultipartFile, type Multipart } from '@fastify/multipart';
import type { Readable } from 'node:stream';
import { AppError } from '../../platform/errors';
import { MAX_UPLOAD_BYTES } from './inspect-upload';
import { uploadRefused } from './stored-upload';

/*
 * Multipart forms without holding a file before the anti-forgery check. The form puts its
 * fields (`_csrf` first, as `PostForm` does) before the file; a `preValidation` hook reads
 * them into `req.body` and stops at the file, so the usual CSRF check (a root `preHandler`
 * reading `req.body._csrf`) runs before a byte of the file is read. Fields after the file are
 * ignored. The file is then read by the route, within the size limit, into memory (10 MB at
 * most), checked, and only then stored.
 */

export interface PendingUpload {
  fileName: string;
  stream: Readable;
  rest: AsyncIterator<Multipart>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The file part of a multipart form, not read yet; null when the form had none. */
    pendingUpload: PendingUpload | null;
  }
}

/**
 * Registers multipart parsing for the routes of the calling plugin only. A form with more or
 * longer text fields than a document upload (a message with a file) says how many and how long.
 */
export async function registerMultipart(app: FastifyInstance, options: { fields?: number; fieldSize?: number } = {}): Promise<void> {
  const fieldLimits = { fields: options.fields ?? 10, fieldSize: options.fieldSize ?? 4096 };
  await app.register(multipart, {
    limits: {
      // One byte over the limit is enough to know a file is too large: busboy stops there.
      fileSize: MAX_UPLOAD_BYTES + 1,
      files: 1,
      fields: fieldLimits.fields,
      fieldSize: fieldLimits.fieldSize,
      fieldNameSize: 100,
      parts: fieldLimits.fields + 2,
      headerPairs: 20,
    },
  });
  app.decorateRequest('pendingUpload', null);
  // A response sent before the whole upload was read (refused early, too large, bad token)
  // closes the connection: the rest of the body is not worth receiving.
  app.addHook('onSend', async (req, reply) => {
    if (req.isMultipart() && !req.raw.readableEnded) reply.header('connection', 'close');
  });
}

/** `preValidation` hook of an upload route: the fields before the file become `req.body`. */
export async function readFieldsBeforeFile(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const parts = req.parts();
  const fields: Record<string, string> = {};
  try {
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      const part = next.value;
      if (part.type === 'file') {
        req.pendingUpload = { fileName: (part as MultipartFile).filename ?? '', stream: part.file, rest: parts };
        break;
      }
      // A value cut at the size limit would be taken for what was typed: refused instead.
      if ((part as { valueTruncated?: boolean }).valueTruncated) throw Object.assign(new Error(`field ${part.fieldname} too large`), { statusCode: 413 });
      if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
    }
  } catch (err) {
    // A malformed body or a limit passed: the sender's fault, never a 500.
    const status = (err as { statusCode?: number }).statusCode;
    throw new AppError(status === 413 ? 'payload_too_large' : 'validation_failed', { logMessage: `multipart: ${(err as Error).message}`, cause: err });
  }
  req.body = fields;
}

/**
 * Reads the pending file into memory, refusing it (413) as soon as it passes the limit
 * rather than after receiving it all. Then lets the parser finish the request.
 */
export async function readPendingUpload(req: FastifyRequest, maxBytes = MAX_UPLOAD_BYTES): Promise<{ fileName: string; bytes: Buffer } | null> {
  const upload = req.pendingUpload;
  if (!upload) return null;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of upload.stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw uploadRefused('too_large');
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('validation_failed', { logMessage: `upload interrupted: ${(err as Error).message}`, cause: err });
  }
  // Whatever follows the file (fields, a second file) is ignored, but must be read for the
  // request to end.
  try {
    for (;;) if ((await upload.rest.next()).done) break;
  } catch {
    // A limit passed after the file changes nothing to the file itself.
  }
  req.pendingUpload = null;
  return { fileName: upload.fileName, bytes: Buffer.concat(chunks) };
}
