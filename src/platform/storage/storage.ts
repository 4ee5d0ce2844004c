import type { Readable } from 'node:stream';

/**
 * Where the bytes of uploaded documents live. The database says what a document is and whose
 * it is; the storage only keeps bytes under a key the application chose (never user input).
 *
 * | provider | chosen by |
 * | --- | --- |
 * | local folder `<DATA_DIR>/files` (default) | `STORAGE_URL` unset |
 * | S3-compatible object store (AWS, Scaleway, OVH, MinIO, Garage…) | `STORAGE_URL=s3://KEY:SECRET@bucket?endpoint=https://…&region=…` |
 */
export interface Storage {
  /** Stores the bytes under `key`; a reader never sees a half-written object. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The object's bytes as a stream; throws `ObjectNotFoundError` when there is none. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export class ObjectNotFoundError extends Error {
  constructor(key: string) {
    super(`no stored object under ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}

// Lowercase letters, digits and single separators: nothing a path or a URL could misread
// (no `..`, no leading slash, no percent sign).
const KEY = /^[a-z0-9]+(?:[/_-][a-z0-9]+)*$/;

/** Refuses a key that is not one the application would make: a bug, never a user's input. */
export function assertStorageKey(key: string): void {
  if (key.length > 200 || !KEY.test(key)) throw new Error(`invalid storage key: ${JSON.stringify(key.slice(0, 60))}`);
}
