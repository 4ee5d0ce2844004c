import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible server in the test process: path-style `/<bucket>/<key>`, PUT stores
 * the body, GET serves it, DELETE removes it. Every request must carry a SigV4
 * `Authorization` header for the known access key, whose signature this server recomputes
 * with its own code, and whose `x-amz-content-sha256` matches the body. It proves the
 * adapter speaks the protocol as written; not that a given vendor accepts every detail.
 */
export interface FakeS3 {
  url: string;
  objects: Map<string, Buffer>;
  /** Authorization headers seen, for assertions. */
  authorizations: string[];
  close(): Promise<void>;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

function expectedSignature(req: IncomingMessage, signedHeaders: string[], day: string, region: string, secret: string): string {
  const [path = '/', query = ''] = (req.url ?? '/').split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const payloadHash = String(req.headers['x-amz-content-sha256']);
  const canonical = [req.method, path, canonicalQuery, canonicalHeaders, signedHeaders.join(';'), payloadHash].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', String(req.headers['x-amz-date']), scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

export async function startFakeS3(credentials: { accessKeyId: string; secretAccessKey: string; bucket: string }): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const authorizations: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const deny = (status: number, code: string) => {
      res.writeHead(status, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
    };
    const auth = String(req.headers.authorization ?? '');
    authorizations.push(auth);
    const m = AUTH.exec(auth);
    if (!m) return deny(400, 'AuthorizationHeaderMalformed');
    const [, accessKeyId, day, region, signed, signature] = m;
    const signedHeaders = signed!.split(';');
    const date = String(req.headers['x-amz-date'] ?? '');
    if (accessKeyId !== credentials.accessKeyId) return deny(403, 'InvalidAccessKeyId');
    if (!/^\d{8}T\d{6}Z$/.test(date) || !date.startsWith(day!)) return deny(400, 'AuthorizationHeaderMalformed');
    if (Math.abs(Date.parse(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`) - Date.now()) > 15 * 60_000) {
      return deny(403, 'RequestTimeTooSkewed');
    }
    for (const h of ['host', 'x-amz-date', 'x-amz-content-sha256']) if (!signedHeaders.includes(h)) return deny(400, 'AuthorizationHeaderMalformed');
    if (createHash('sha256').update(body).digest('hex') !== req.headers['x-amz-content-sha256']) return deny(400, 'XAmzContentSHA256Mismatch');
    if (expectedSignature(req, signedHeaders, day!, region!, credentials.secretAccessKey) !== signature) return deny(403, 'SignatureDoesNotMatch');

    const prefix = `/${credentials.bucket}/`;
    if (!req.url?.startsWith(prefix)) return deny(404, 'NoSuchBucket');
    const key = decodeURIComponent(req.url.slice(prefix.length));
    if (req.method === 'PUT') {
      objects.set(key, body);
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      return res.end();
    }
    if (req.method === 'GET') {
      const object = objects.get(key);
      if (!object) return deny(404, 'NoSuchKey');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.length });
      return res.end(object);
    }
    if (req.method === 'DELETE') {
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    return deny(405, 'MethodNotAllowed');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
