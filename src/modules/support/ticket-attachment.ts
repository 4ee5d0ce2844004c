import type { Db } from '../../db/client';
import { supportAttachments } from '../../db/schema';
import type { Services } from '../../services';
import { checkAndStore, type CheckedFile } from '../documents/stored-upload';

export interface IncomingFile {
  fileName: string;
  bytes: Buffer;
}

/** A file checked and its bytes stored, waiting for the transaction that records it. */
export type StagedAttachment = CheckedFile;

/**
 * Checks a file sent with a request exactly as a document of a file is checked (what it is, read
 * from its bytes) and stores its bytes. Refusals carry the documents' own messages. Call
 * `discard` if the transaction that should record it fails, so nothing is left behind.
 */
export function stageAttachment(services: Services, file: IncomingFile): Promise<StagedAttachment> {
  return checkAndStore(services, file, 'support');
}

export async function discardAttachment(services: Services, staged: StagedAttachment | null): Promise<void> {
  if (!staged) return;
  await services.storage.delete(staged.storageKey).catch((err: unknown) => services.logger.error({ err, storageKey: staged.storageKey }, 'could not remove the bytes of a failed attachment'));
}

export async function recordAttachment(tx: Db, now: Date, ticketId: string, messageId: string | null, staged: StagedAttachment) {
  const [row] = await tx.insert(supportAttachments).values({ ticketId, messageId, ...staged, createdAt: now }).returning();
  return row!;
}

/**
 * Runs `record` (a transaction recording the attachment) after staging the file, and removes the
 * stored bytes if it fails: a refused or failed request leaves no orphan file.
 */
export async function withStagedAttachment<T>(services: Services, file: IncomingFile | null, record: (staged: StagedAttachment | null) => Promise<T>): Promise<T> {
  const staged = file ? await stageAttachment(services, file) : null;
  try {
    return await record(staged);
  } catch (err) {
    await discardAttachment(services, staged);
    throw err;
  }
}
