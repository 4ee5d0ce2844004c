import { randomUUID } from 'node:crypto';
import { applicationDocuments, applications, documents, profiles, users } from '../../../src/db/schema';
import type { Services } from '../../../src/services';
import { findProcedure, requiredDocuments } from '../../../src/modules/procedures/catalogue';
import type { SimulatedRenewal } from './simulated-year';

export interface SeededFile {
  applicantId: string;
  applicationId: string;
  email: string;
}

/** A name for person n, in letters only (names refuse digits): 0 → A, 25 → Z, 26 → BA… */
const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26))) + String.fromCharCode(65 + (n % 26));

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * The setup, in batches: one applicant per renewal (account, profile), and a draft ready to
 * file — answers complete, fee and photo given, every required document attached. Filing
 * itself goes through the real use case, on its day.
 */
export async function seedRenewalDrafts(services: Services, renewals: readonly SimulatedRenewal[]): Promise<Map<number, SeededFile>> {
  const now = services.clock.now();
  const files = new Map<number, SeededFile>();
  const userRows: (typeof users.$inferInsert)[] = [];
  const profileRows: (typeof profiles.$inferInsert)[] = [];
  const appRows: (typeof applications.$inferInsert)[] = [];
  const docRows: (typeof documents.$inferInsert)[] = [];
  const linkRows: (typeof applicationDocuments.$inferInsert)[] = [];
  for (const r of renewals) {
    const applicantId = randomUUID();
    const applicationId = randomUUID();
    const email = `sim-${r.index}@example.org`;
    files.set(r.index, { applicantId, applicationId, email });
    // These accounts never log in: the hash is a placeholder, not a password.
    userRows.push({ id: applicantId, email, passwordHash: 'simulated-account', emailVerifiedAt: now, locale: r.index % 5 === 0 ? 'en' : 'fr', createdAt: now, updatedAt: now });
    profileRows.push({ userId: applicantId, surname: `Simulé ${letters(r.index)}`, givenNames: 'Awa Marie', sex: (['F', 'M', 'X'] as const)[r.index % 3], birthDate: '1990-04-12', nationality: 'SN', updatedAt: now });
    const procedure = findProcedure(r.procedureId)!;
    const answers: Record<string, string> = {
      surname: `Simulé ${letters(r.index)}`,
      given_names: 'Awa Marie',
      birth_date: '1990-04-12',
      nationality: 'SN',
      address_line: '12 rue des Lilas',
      postcode: '75019',
      town: 'Paris',
      permit_number: `FR${String(r.index).padStart(7, '0')}`,
      permit_expires_on: r.titleExpiresOn,
    };
    for (const q of procedure.questions) answers[q.id] = q.type === 'yes_no' ? 'yes' : q.options![0]!;
    appRows.push({ id: applicationId, applicantId, procedureId: r.procedureId, answers, prefectureCode: '75', timbreReference: '1234567890123456', ephotoCode: 'ABCDEFGHJK23456789MNPQ', createdAt: now, updatedAt: now });
    for (const kind of requiredDocuments(procedure, answers)) {
      const documentId = randomUUID();
      docRows.push({ id: documentId, ownerId: applicantId, kind, originalName: `${kind}.pdf`, mimeType: 'application/pdf', sizeBytes: 1000, sha256: 'x'.repeat(64), storageKey: `sim/${documentId}`, createdAt: now });
      linkRows.push({ applicationId, documentId, kind, addedAt: now });
    }
  }
  const { db } = services;
  await insertInChunks(userRows, (c) => db.insert(users).values(c));
  await insertInChunks(profileRows, (c) => db.insert(profiles).values(c));
  await insertInChunks(appRows, (c) => db.insert(applications).values(c));
  await insertInChunks(docRows, (c) => db.insert(documents).values(c));
  await insertInChunks(linkRows, (c) => db.insert(applicationDocuments).values(c));
  return files;
}

/**
 * Worker crashes, injected by the database itself so that no code path is stubbed: a share of
 * attestation inserts fail (the run dies between two inserts, or on its only one), and a share
 * of the issuance e-mails fail (the run dies after planning and inserting, before commit).
 * Either way the transaction rolls back as it would if the process were killed. Each crash
 * bumps a sequence, which no rollback undoes: the count is exact.
 */
export async function injectWorkerCrashes(services: Services, rates: { betweenInserts: number; beforeCommit: number }): Promise<void> {
  await services.database.raw.query(`
    create sequence sim_crashes;
    create function sim_crash_between_inserts() returns trigger language plpgsql as $$
    begin
      if random() < ${rates.betweenInserts} then
        perform nextval('sim_crashes');
        raise exception 'simulated worker crash between two inserts';
      end if;
      return new;
    end $$;
    create trigger sim_crash_attestations before insert on attestations for each row execute function sim_crash_between_inserts();
    create function sim_crash_before_commit() returns trigger language plpgsql as $$
    begin
      if new.template = 'attestations.mail_issued' and random() < ${rates.beforeCommit} then
        perform nextval('sim_crashes');
        raise exception 'simulated worker crash before commit';
      end if;
      return new;
    end $$;
    create trigger sim_crash_mails before insert on mail_messages for each row execute function sim_crash_before_commit();
  `);
}

export async function stopWorkerCrashes(services: Services): Promise<number> {
  await services.database.raw.query('drop trigger sim_crash_attestations on attestations; drop trigger sim_crash_mails on mail_messages;');
  const { rows } = await services.database.raw.query<{ last_value: string | number; is_called: boolean }>('select last_value, is_called from sim_crashes');
  const row = rows[0]!;
  return row.is_called ? Number(row.last_value) : 0;
}
