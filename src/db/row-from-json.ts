import { getTableColumns, type InferSelectModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * A row read as `to_jsonb(t)` by a raw statement (`namedStatement`), as drizzle would have
 * returned it from `select()`: each column through its own `mapFromDriverValue` (instants
 * become `Date`s, calendar days stay strings, `jsonb` stays parsed). For statements drizzle
 * cannot build (a `WITH` that writes, a named statement in a transaction).
 */
export function rowFromJson<T extends PgTable>(table: T): (json: Record<string, unknown>) => InferSelectModel<T> {
  const columns = Object.entries(getTableColumns(table));
  return (json) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = json[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as InferSelectModel<T>;
  };
}
