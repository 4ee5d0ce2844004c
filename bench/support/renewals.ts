import { simulatedExamples } from '../../src/modules/applications/fee-and-photo-check';
import { findProcedure, requiredDocuments } from '../../src/modules/procedures/catalogue';
import type { Browser } from './browser';
import type { BenchDatabase } from './database';

export const RENEWAL = 'renewal_salarie';

/** `YYYY-MM-DD`, `days` after today (UTC: close enough to Paris for a date 90 days away). */
export const isoInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Salarié renewal drafts ready to file, written straight into the database: answers complete,
 * fee and photo codes the simulated check accepts, and every required document attached
 * (document rows only: filing checks that they are there, not their bytes). The card expires
 * `permitExpiresOn`; 90 days ahead makes an on-time filing.
 */
export async function prepareCompleteRenewals(db: BenchDatabase, userId: string, count: number, permitExpiresOn = isoInDays(90)): Promise<string[]> {
  const { timbre, ephoto } = simulatedExamples;
  const answers = {
    surname: 'BENCH',
    given_names: 'Awa',
    birth_date: '1990-04-12',
    nationality: 'SN',
    address_line: '12 rue des Lilas',
    postcode: '75019',
    town: 'Paris',
    permit_number: 'FR7654321',
    permit_expires_on: permitExpiresOn,
    same_employer: 'yes',
  };
  const kinds = requiredDocuments(findProcedure(RENEWAL)!, answers);
  const rows = await db.query<{ id: string }>(
    `insert into applications (applicant_id, procedure_id, status, answers, prefecture_code, timbre_reference, ephoto_code, created_at, updated_at)
     select $1, $2, 'draft', $3::jsonb, '75', $4, $5, now(), now() from generate_series(1, $6) returning id`,
    [userId, RENEWAL, JSON.stringify(answers), timbre, ephoto, count],
  );
  for (const kind of kinds) {
    const [doc] = await db.query<{ id: string }>(
      `insert into documents (owner_id, kind, original_name, mime_type, size_bytes, sha256, storage_key, created_at)
       values ($1, $2, $3, 'application/pdf', 1000, repeat('0', 64), $4, now()) returning id`,
      [userId, kind, `${kind}.pdf`, `documents/00/bench-${kind}`],
    );
    await db.query(`insert into application_documents (application_id, document_id, kind, added_at) select unnest($1::uuid[]), $2, $3, now()`, [rows.map((r) => r.id), doc!.id, kind]);
  }
  return rows.map((r) => r.id);
}

/** Files one draft through the real `/deposer` form; true when it answered the redirect to the file. */
export async function fileThroughForm(baseUrl: string, browser: Browser, csrf: string, applicationId: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/demarches/${applicationId}/deposer`, {
    method: 'POST',
    body: new URLSearchParams({ _csrf: csrf }),
    headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return res.status === 303 && res.headers.get('location') === `/demarches/${applicationId}`;
}

/** The anti-forgery token a signed-in browser's forms carry. */
export async function csrfOf(browser: Browser): Promise<string> {
  const page = await browser.get('/compte');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error('no CSRF token on /compte');
  return csrf;
}
