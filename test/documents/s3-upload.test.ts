import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestContext, type TestContext } from '../support/harness';
import { documentsOf, signedInApplicant } from '../support/document-helpers';
import { startFakeS3, type FakeS3 } from '../support/fake-s3';
import { postMultipart } from '../support/multipart';
import { sampleJpeg, samplePdf } from '../support/sample-files';

const credentials = { accessKeyId: 'SESAMEKEY', secretAccessKey: 'an/S3+secret', bucket: 'sesame-documents' };
let s3: FakeS3;
let ctx: TestContext;
beforeAll(async () => {
  s3 = await startFakeS3(credentials);
  const storageUrl = `s3://${credentials.accessKeyId}:${encodeURIComponent(credentials.secretAccessKey)}@${credentials.bucket}?endpoint=${encodeURIComponent(s3.url)}&region=eu-west-3`;
  ctx = await createTestContext({ env: { STORAGE_URL: storageUrl } });
});
afterAll(async () => {
  await ctx.close();
  await s3.close();
});

describe('documents in an S3-compatible store (STORAGE_URL)', () => {
  it('stores an accepted upload in the bucket and serves it back to its owner', async () => {
    const { user, client, applicationId } = await signedInApplicant(ctx);
    const bytes = sampleJpeg(900, 1200);
    await client.get(`/demarches/${applicationId}/pieces`);
    const res = await postMultipart(ctx.app, client, `/demarches/${applicationId}/pieces/passport`, { mode: 'add' }, { fileName: 'passeport.jpg', bytes });
    expect(res.statusCode).toBe(303);
    const [doc] = await documentsOf(ctx.services, user.id);
    expect(s3.objects.get(doc!.storageKey)).toEqual(bytes);
    expect(createHash('sha256').update(s3.objects.get(doc!.storageKey)!).digest('hex')).toBe(doc!.sha256);
    const download = await client.get(`/documents/${doc!.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload).toEqual(bytes);
  });

  it('puts nothing in the bucket for a refused upload', async () => {
    const { client, applicationId } = await signedInApplicant(ctx);
    const before = s3.objects.size;
    await client.get(`/demarches/${applicationId}/pieces`);
    const res = await postMultipart(ctx.app, client, `/demarches/${applicationId}/pieces/passport`, { mode: 'add' }, { fileName: 'p.pdf', bytes: samplePdf({ encrypted: true }) });
    expect(res.statusCode).toBe(400);
    expect(s3.objects.size).toBe(before);
  });
});
