import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { documents } from '../../db/schema';
import { AppError } from '../../platform/errors';

export type StoredDocument = typeof documents.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A person reaches only the documents of their own vault. Another person's document, a
 * malformed or unknown id: all answer "not found", revealing nothing.
 */
export async function ownDocument(db: Db, ownerId: string, documentId: string): Promise<StoredDocument> {
  if (!UUID.test(documentId)) throw new AppError('not_found');
  const [row] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.ownerId, ownerId)));
  if (!row) throw new AppError('not_found');
  return row;
}
