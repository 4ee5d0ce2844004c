import { join } from 'node:path';
import { localFolderStorage } from './local-folder';
import { s3Storage, type S3Options } from './s3';
import type { Storage } from './storage';

/**
 * Reads `STORAGE_URL=s3://ACCESS_KEY:SECRET@bucket?endpoint=https://…&region=…`.
 * Credentials sit in the URL, as the database password sits in `DATABASE_URL` (percent-encode
 * `/`, `+` and `@` in them). Returns the problem as text for the config check at boot.
 */
export function parseStorageUrl(value: string): { ok: true; options: Omit<S3Options, 'now'> } | { ok: false; problem: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'is not a URL (expected s3://KEY:SECRET@bucket?endpoint=https://…&region=…)' };
  }
  if (url.protocol !== 's3:') return { ok: false, problem: 'must start with s3://' };
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) return { ok: false, problem: 'needs a bucket name: s3://KEY:SECRET@bucket?…' };
  if (!url.username || !url.password) return { ok: false, problem: 'needs the access key and secret: s3://KEY:SECRET@bucket?…' };
  const endpoint = url.searchParams.get('endpoint');
  if (!endpoint || !/^https?:\/\/[^/]+/.test(endpoint)) return { ok: false, problem: 'needs ?endpoint=https://… (the S3 service URL)' };
  return {
    ok: true,
    options: {
      endpoint,
      bucket,
      region: url.searchParams.get('region') || 'us-east-1',
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
    },
  };
}

/** The storage provider chosen by configuration: S3 when `STORAGE_URL` is set, else `<DATA_DIR>/files`. */
export function createStorage(config: { DATA_DIR: string; STORAGE_URL?: string | undefined }): Storage {
  if (!config.STORAGE_URL) return localFolderStorage(join(config.DATA_DIR, 'files'));
  const parsed = parseStorageUrl(config.STORAGE_URL);
  // The config schema already refused a bad URL at boot; this is for callers that skip it.
  if (!parsed.ok) throw new Error(`STORAGE_URL ${parsed.problem}`);
  return s3Storage(parsed.options);
}
