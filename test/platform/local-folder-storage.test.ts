import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { ObjectNotFoundError } from '../../src/platform/storage/storage';
import { localFolderStorage } from '../../src/platform/storage/local-folder';

const root = mkdtempSync(join(tmpdir(), 'sesame-local-storage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('local folder storage', () => {
  it('stores, reads back and removes bytes, leaving no temporary file', async () => {
    const storage = localFolderStorage(root);
    await storage.put('documents/ab/first', Buffer.from('premier'));
    await storage.put('documents/ab/second', Buffer.from('second'));
    expect(await text(await storage.get('documents/ab/first'))).toBe('premier');
    expect(readdirSync(join(root, 'documents/ab')).sort()).toEqual(['first', 'second']);
    await storage.delete('documents/ab/first');
    await expect(storage.get('documents/ab/first')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('makes a folder again when it was removed after a first upload into it', async () => {
    const storage = localFolderStorage(root);
    await storage.put('documents/cd/one', Buffer.from('un'));
    rmSync(join(root, 'documents/cd'), { recursive: true });
    await storage.put('documents/cd/two', Buffer.from('deux'));
    expect(await text(await storage.get('documents/cd/two'))).toBe('deux');
  });
});
