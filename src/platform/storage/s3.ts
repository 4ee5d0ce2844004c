import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { signV4, sha256Hex } from './sigv4';
import { assertStorageKey, ObjectNotFoundError, type Storage } from './storage';

export interface S3Options {
  /** Base URL of the service, e.g. `https://s3.fr-par.scw.cloud` or `http://127.0.0.1:9000`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /**
   * Wall-clock time for signatures. Not the application clock: the store compares the
   * signature's date with its own and refuses one more than 15 minutes off.
   */
  now?: () => Date;
  timeoutMs?: number;
}

const EMPTY_HASH = sha256Hex('');

/**
 * An S3-compatible object store over plain `fetch`, path-style (`<endpoint>/<bucket>/<key>`),
 * which every S3-compatible service accepts. A PUT is atomic on the store's side: a reader
 * sees the old object or the whole new one.
 */
export function s3Storage(options: S3Options): Storage {
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Uint8Array): Promise<Response> {
    assertStorageKey(key);
    const url = new URL(`${endpoint}/${encodeURIComponent(options.bucket)}/${key}`);
    const payloadHash = body ? sha256Hex(body) : EMPTY_HASH;
    const headers = signV4({
      method,
      url,
      headers: body ? { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength) } : {},
      payloadHash,
      region: options.region,
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      now: now(),
    });
    // Bytes from a request or a file never sit in a SharedArrayBuffer, which is all the cast hides.
    return fetch(url, { method, headers, body: body as Uint8Array<ArrayBuffer> | undefined, signal: AbortSignal.timeout(timeoutMs) });
  }

  /** The store's own error text goes to the operator's log, never to the person. */
  async function failure(res: Response, what: string): Promise<Error> {
    const detail = (await res.text().catch(() => '')).slice(0, 300);
    return new Error(`object store ${what} failed: HTTP ${res.status} ${detail}`);
  }

  return {
    async put(key, bytes) {
      const res = await send('PUT', key, bytes);
      if (!res.ok) throw await failure(res, `PUT ${key}`);
      await res.body?.cancel();
    },

    async get(key) {
      const res = await send('GET', key);
      if (res.status === 404) {
        await res.body?.cancel();
        throw new ObjectNotFoundError(key);
      }
      if (!res.ok || !res.body) throw await failure(res, `GET ${key}`);
      return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    },

    async delete(key) {
      const res = await send('DELETE', key);
      // S3 answers 204 whether or not the object existed; some compatible stores say 404.
      if (!res.ok && res.status !== 404) throw await failure(res, `DELETE ${key}`);
      await res.body?.cancel();
    },
  };
}
