import { getTableColumns } from 'drizzle-orm';
import { applications } from '../../db/schema';
import type { Application } from './policy';

const columns = Object.entries(getTableColumns(applications));

/**
 * An application row read as `to_jsonb(a)` by a raw (prepared) statement, as drizzle would
 * have returned it: each column through its own `mapFromDriverValue` (instants become `Date`s,
 * calendar days stay strings). For the statements that read the row with something else in
 * one round trip, and that drizzle cannot build (a `WITH` that writes, a named statement).
 */
export function applicationFromJson(json: Record<string, unknown>): Application {
  const row: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Application;
}
