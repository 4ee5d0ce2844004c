import type { FastifyReply } from 'fastify';
import type { Storage } from '../../platform/storage/storage';
import { attachmentDisposition } from './file-name';

export interface StoredFile {
  storageKey: string;
  mimeType: string;
  sizeBytes: number;
  originalName: string;
}

/**
 * Sends a stored upload (a document, a file sent with a request for help): always as a
 * download, never interpreted by the browser, never cached.
 */
export async function sendStoredFile(reply: FastifyReply, storage: Storage, file: StoredFile) {
  const stream = await storage.get(file.storageKey);
  return reply
    .header('content-type', file.mimeType)
    .header('content-length', file.sizeBytes)
    .header('content-disposition', attachmentDisposition(file.originalName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(stream);
}
