import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { applications, prefectures, profiles } from '../../db/schema';
import { departementOfPostcode } from '../../db/seed/prefectures';
import { categoryRules, type TicketCategory } from './categories';

export interface Routing {
  prefectureCode: string;
  routedBy: 'file' | 'postcode';
}

type FileRow = Pick<typeof applications.$inferSelect, 'id' | 'applicantId' | 'prefectureCode' | 'reference'>;

/**
 * The prefecture a request about a file goes to: the one examining the file; failing that (no
 * file named, or a draft without an address), the one competent for the person's postcode
 * (the prefecture of the place of residence). Other requests stay national.
 */
export async function competentPrefecture(db: Db, category: TicketCategory, facts: { file: FileRow | null; postcode: string | null }): Promise<Routing | null> {
  if (!categoryRules[category].aboutFile) return null;
  if (facts.file?.prefectureCode) return { prefectureCode: facts.file.prefectureCode, routedBy: 'file' };
  const departement = facts.postcode ? departementOfPostcode(facts.postcode) : null;
  if (!departement) return null;
  const [known] = await db.select({ code: prefectures.code }).from(prefectures).where(eq(prefectures.code, departement));
  return known ? { prefectureCode: known.code, routedBy: 'postcode' } : null;
}

/** The postcode on a person's profile, for routing when they named no file. */
export async function profilePostcode(db: Db, userId: string): Promise<string | null> {
  const [p] = await db.select({ postcode: profiles.postcode }).from(profiles).where(eq(profiles.userId, userId));
  return p?.postcode ?? null;
}

/** A file by the number a person typed (any case, spaces ignored); null when there is none. */
export async function fileByReference(db: Db, typed: string): Promise<FileRow | null> {
  const reference = typed.toUpperCase().replace(/\s+/g, '');
  if (!/^[0-9AB]{2,3}-\d{2}-[2-9A-HJKMNP-Z]{8}$/.test(reference)) return null;
  const [row] = await db
    .select({ id: applications.id, applicantId: applications.applicantId, prefectureCode: applications.prefectureCode, reference: applications.reference })
    .from(applications)
    .where(eq(applications.reference, reference));
  return row ?? null;
}
