import { sql } from 'drizzle-orm';
import type { Services } from '../../services';

export type DatabaseProbe = { ok: true; latencyMs: number } | { ok: false; error: unknown };

/** One round trip to the database: what `/healthz` answers, and the status page's database line. */
export async function probeDatabase(services: Services): Promise<DatabaseProbe> {
  const started = performance.now();
  try {
    await services.db.execute(sql`select 1`);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error };
  }
}
