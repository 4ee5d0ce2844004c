import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { createStorage } from '../../src/platform/storage/create-storage';
import { localFolderStorage } from '../../src/platform/storage/local-folder';
import { s3Storage } from '../../src/platform/storage/s3';
import { sha256Hex, signV4 } from '../../src/platform/storage/sigv4';
import { ObjectNotFoundError } from '../../src/platform/storage/storage';
import { startFakeS3, type FakeS3 } from '../support/fake-s3';

const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const rejection = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe('local folder storage', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'sesame-storage-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores, serves and deletes bytes under a key, leaving no temporary file', async () => {
    const storage = localFolderStorage(root);
    const bytes = Buffer.from('%PDF-1.4 bytes');
    await storage.put('documents/ab/ab12', bytes);
    expect(await read(await storage.get('documents/ab/ab12'))).toEqual(bytes);
    expect(await readdir(join(root, 'documents/ab'))).toEqual(['ab12']);
    await storage.put('documents/ab/ab12', Buffer.from('replaced'));
    expect((await read(await storage.get('documents/ab/ab12'))).toString()).toBe('replaced');
    await storage.delete('documents/ab/ab12');
    await storage.delete('documents/ab/ab12');
    expect(await rejection(storage.get('documents/ab/ab12'))).toBeInstanceOf(ObjectNotFoundError);
  });

  it('refuses keys that could leave the folder or be misread', async () => {
    const storage = localFolderStorage(root);
    for (const key of ['../escape', '/etc/passwd', 'a//b', 'UPPER', 'a/../b', 'name.pdf', '']) {
      expect(String(await rejection(storage.put(key, Buffer.from('x'))))).toContain('invalid storage key');
    }
  });
});

describe('AWS Signature Version 4', () => {
  it('gives the signature of AWS’s published example (GET Object with a Range header)', () => {
    const headers = signV4({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadHash: sha256Hex(''),
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      now: new Date('2013-05-24T00:00:00Z'),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
  });
});

describe('S3-compatible storage', () => {
  const credentials = { accessKeyId: 'SESAMETESTKEY', secretAccessKey: 'secret/with+special=chars', bucket: 'sesame-docs' };
  let s3: FakeS3;
  beforeAll(async () => {
    s3 = await startFakeS3(credentials);
  });
  afterAll(() => s3.close());

  it('puts, gets and deletes objects with signed requests', async () => {
    const storage = s3Storage({ endpoint: s3.url, bucket: credentials.bucket, region: 'fr-par', accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey });
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 255]);
    await storage.put('documents/cd/cd34', bytes);
    expect(s3.objects.get('documents/cd/cd34')).toEqual(bytes);
    expect(await read(await storage.get('documents/cd/cd34'))).toEqual(bytes);
    await storage.delete('documents/cd/cd34');
    expect(s3.objects.has('documents/cd/cd34')).toBe(false);
    expect(await rejection(storage.get('documents/cd/cd34'))).toBeInstanceOf(ObjectNotFoundError);
    expect(s3.authorizations.at(-1)).toMatch(/^AWS4-HMAC-SHA256 Credential=SESAMETESTKEY\/\d{8}\/fr-par\/s3\/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=[0-9a-f]{64}$/);
  });

  it('fails loudly when the store refuses the signature', async () => {
    const storage = s3Storage({ endpoint: s3.url, bucket: credentials.bucket, region: 'fr-par', accessKeyId: credentials.accessKeyId, secretAccessKey: 'wrong' });
    const err = await rejection(storage.put('documents/ef/ef56', Buffer.from('x')));
    expect(String(err)).toContain('HTTP 403');
    expect(String(err)).toContain('SignatureDoesNotMatch');
    expect(s3.objects.has('documents/ef/ef56')).toBe(false);
  });

  it('is chosen by STORAGE_URL, with the credentials percent-encoded in it', async () => {
    const url = `s3://${credentials.accessKeyId}:${encodeURIComponent(credentials.secretAccessKey)}@${credentials.bucket}?endpoint=${encodeURIComponent(s3.url)}&region=fr-par`;
    const config = loadConfig({ NODE_ENV: 'test', STORAGE_URL: url });
    const storage = createStorage(config);
    await storage.put('documents/01/0123', Buffer.from('via config'));
    expect(s3.objects.get('documents/01/0123')?.toString()).toBe('via config');
  });

  it('refuses at boot a STORAGE_URL it cannot use, naming the problem without echoing the secret', () => {
    for (const [value, problem] of [
      ['https://bucket', 'must start with s3://'],
      ['s3://AKEXAMPLE:hunter2-s3cr3t@bucket', 'needs ?endpoint='],
      ['s3://AKEXAMPLE:hunter2-s3cr3t@b?endpoint=https://s3.example.org', 'needs a bucket name'],
      ['s3://bucket?endpoint=https://s3.example.org', 'needs the access key and secret'],
    ]) {
      const err = (() => {
        try {
          loadConfig({ NODE_ENV: 'test', STORAGE_URL: value! });
        } catch (e) {
          return e as ConfigError;
        }
        return null;
      })();
      expect(err).toBeInstanceOf(ConfigError);
      expect(err!.problems.join('\n')).toContain(`STORAGE_URL: ${problem}`);
      expect(err!.message).not.toContain('hunter2');
    }
  });
});
