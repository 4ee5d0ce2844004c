import { and, asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { letters, prefectures, users } from '../../../db/schema';
import { appendAudit, type Actor } from '../../../platform/audit';
import { AppError } from '../../../platform/errors';
import type { Services } from '../../../services';

export type Letter = typeof letters.$inferSelect;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** How many printed letters the page still shows, most recent first. */
export const PRINTED_SHOWN = 50;

/** A prefecture's letters: those to print, oldest first (they have waited longest), then the last printed. */
export async function officeLetters(db: Db, prefectureCode: string): Promise<{ toPrint: Letter[]; printed: Letter[] }> {
  const [toPrint, printed] = await Promise.all([
    db
      .select()
      .from(letters)
      .where(and(eq(letters.prefectureCode, prefectureCode), isNull(letters.printedAt)))
      .orderBy(asc(letters.seq))
      .limit(500),
    db
      .select()
      .from(letters)
      .where(and(eq(letters.prefectureCode, prefectureCode), isNotNull(letters.printedAt)))
      .orderBy(desc(letters.printedAt))
      .limit(PRINTED_SHOWN),
  ]);
  return { toPrint, printed };
}

/** The agent's prefecture, read from the database (not from the session, which may be older). */
export async function agentPrefecture(db: Db, agent: Actor): Promise<string> {
  if (!agent.id) throw new AppError('not_found');
  const [row] = await db.select({ prefectureCode: users.prefectureCode }).from(users).where(eq(users.id, agent.id));
  if (!row?.prefectureCode) throw new AppError('not_found');
  return row.prefectureCode;
}

/** One letter of the agent's prefecture, with the sender's name for the heading; any other is "not found". */
export async function letterForAgent(db: Db, agent: Actor, letterId: string): Promise<{ letter: Letter; prefecture: { name: string; town: string } | null }> {
  if (!UUID.test(letterId)) throw new AppError('not_found');
  const prefectureCode = await agentPrefecture(db, agent);
  const [row] = await db
    .select({ letter: letters, name: prefectures.name, town: prefectures.town })
    .from(letters)
    .leftJoin(prefectures, eq(prefectures.code, letters.prefectureCode))
    .where(and(eq(letters.id, letterId), eq(letters.prefectureCode, prefectureCode)));
  if (!row) throw new AppError('not_found', { logMessage: `letter ${letterId} is not of prefecture ${prefectureCode}` });
  return { letter: row.letter, prefecture: row.name && row.town ? { name: row.name, town: row.town } : null };
}

/** The office printed and posted a letter: dated, with who did it. Twice changes nothing. */
export async function markLetterPrinted(services: Services, agent: Actor, letterId: string): Promise<void> {
  await services.transact(async (tx) => {
    const { letter } = await letterForAgent(tx, agent, letterId);
    if (letter.printedAt) return;
    const now = services.clock.now();
    await tx.update(letters).set({ printedAt: now, printedById: agent.id }).where(and(eq(letters.id, letter.id), isNull(letters.printedAt)));
    await appendAudit(tx, agent, now, { action: 'letter.printed', subjectType: 'user', subjectId: letter.userId, data: { letterId: letter.id } });
  });
}
