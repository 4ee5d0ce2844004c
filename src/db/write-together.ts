import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from './client';
import { namedStatement } from './named-statement';
import { TableWrite } from './table-write';

/**
 * Sends several writes of one transaction as one statement: each but the last becomes a
 * data-modifying `WITH` clause of the last. One round trip (one socket write, one parse) instead
 * of one per write — on the filing path each statement costs more CPU than its work.
 *
 * Only for writes that need nothing from each other and touch different rows: PostgreSQL runs
 * them on one snapshot, none sees the others' effects, and a row changed twice in one statement
 * has no defined outcome. Foreign keys still hold: they are checked at the end of the statement,
 * when every row of it is there. Results are not returned.
 *
 * When every write is a `TableWrite` (`db/table-write.ts`), the text is built once per shape of
 * the group and runs as a named statement; otherwise drizzle builds it, as any statement.
 */
export async function writeTogether(tx: Db, writes: readonly SQLWrapper[]): Promise<void> {
  const last = writes.at(-1);
  if (!last) return;
  if (writes.every((w) => w instanceof TableWrite)) {
    const group = groupStatement(writes as readonly TableWrite[]);
    if (group) {
      await namedStatement(tx, group.name, group.text, writes.flatMap((w) => w.params));
      return;
    }
  }
  const rest = writes.slice(0, -1);
  if (rest.length === 0) {
    await tx.execute(last.getSQL());
    return;
  }
  // `getSQL()`, not the builder itself: drizzle puts a builder in parentheses, and `AS ((INSERT …))` is not SQL.
  const clauses: SQL[] = rest.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`);
  await tx.execute(sql`with ${sql.join(clauses, sql`, `)} ${last.getSQL()}`);
}

/**
 * Each connection keeps the statements it prepared: the shapes named are bounded (a few per use
 * case; a multi-row insert of a new size is a new shape). Past the bound, drizzle builds as before.
 */
const MAX_NAMED_GROUPS = 200;
const groups = new Map<string, { name: string; text: string }>();

function groupStatement(writes: readonly TableWrite[]): { name: string; text: string } | null {
  const shape = writes.map((w) => w.shape).join('\n');
  const known = groups.get(shape);
  if (known) return known;
  if (groups.size >= MAX_NAMED_GROUPS) return null;
  let next = 1;
  const texts = writes.map((w) => {
    const text = w.text(next);
    next += w.params.length;
    return text;
  });
  const last = texts.pop()!;
  const text = texts.length === 0 ? last : `with ${texts.map((t, i) => `w${i} as (${t})`).join(', ')} ${last}`;
  const group = { name: `write_together_${groups.size + 1}`, text };
  groups.set(shape, group);
  return group;
}
