import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { TestClient } from './test-client';

export interface FilePart {
  fileName: string;
  /** What the browser declares; the server must not believe it. */
  contentType?: string;
  bytes: Uint8Array;
  /** The form field name; `file` as on Sésame's forms. */
  field?: string;
}

/** A `multipart/form-data` body as a browser builds it: fields in order, then the file. */
export function multipartBody(fields: [string, string][], file?: FilePart, options: { fileFirst?: boolean } = {}): { body: Buffer; contentType: string } {
  const boundary = `----sesame${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  const fieldParts = fields.map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const fileParts = file
    ? [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.fileName}"\r\nContent-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        Buffer.from(file.bytes),
        Buffer.from('\r\n'),
      ]
    : [];
  if (options.fileFirst) parts.push(...fileParts, ...fieldParts);
  else parts.push(...fieldParts, ...fileParts);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The cookie header of a test client's jar. */
export const cookieHeader = (client: TestClient) => [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * Posts a multipart form from a test client (its cookies, and the anti-forgery token of the
 * last page it loaded, first in the form unless `csrf` says otherwise), and keeps the
 * cookies the answer sets, as a browser would.
 */
export async function postMultipart(
  app: FastifyInstance,
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  file?: FilePart,
  options: { csrf?: string | null; fileFirst?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const csrf = options.csrf === undefined ? client.lastCsrf : options.csrf;
  const ordered: [string, string][] = [...(csrf ? [['_csrf', csrf] as [string, string]] : []), ...Object.entries(fields)];
  const { body, contentType } = multipartBody(ordered, file, { fileFirst: options.fileFirst });
  const res = await app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { 'content-type': contentType, cookie: cookieHeader(client) },
    remoteAddress: client.ip,
  });
  for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
    if (c.maxAge === 0 || c.value === '') client.cookies.delete(c.name);
    else client.cookies.set(c.name, c.value);
  }
  const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
  if (token) client.lastCsrf = token[1]!;
  return res;
}
