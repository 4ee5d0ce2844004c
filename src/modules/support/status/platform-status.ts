import { and, asc, count, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { incidents, incidentUpdates, mailMessages, outboxJobs, smsMessages } from '../../../db/schema';
import type { Services } from '../../../services';
import { probeDatabase } from '../../health/probe-database';
import { FAILURE_WINDOW_MS, JOB_STUCK_MS, PENDING_STUCK_MS, queueState, worst, type ComponentState, type QueueFigures } from './components';

export type Incident = typeof incidents.$inferSelect & { updates: (typeof incidentUpdates.$inferSelect)[] };

export interface ComponentLine {
  component: 'database' | 'mail' | 'sms' | 'jobs';
  state: ComponentState;
  /** What was measured, for the sentence under the line. */
  figures: Record<string, number>;
}

export interface PlatformStatus {
  measuredAt: Date;
  components: ComponentLine[];
  /** Unresolved incidents, then those resolved in the last week; null when they could not be read. */
  openIncidents: Incident[] | null;
  recentIncidents: Incident[] | null;
}

type Table = typeof mailMessages | typeof smsMessages;

async function deliveryFigures(services: Services, table: Table, now: Date): Promise<QueueFigures> {
  const [pending] = await services.db.select({ n: count() }).from(table).where(eq(table.status, 'queued'));
  const [stuck] = await services.db
    .select({ n: count() })
    .from(table)
    .where(and(eq(table.status, 'queued'), lt(table.createdAt, new Date(now.getTime() - PENDING_STUCK_MS))));
  const [failed] = await services.db
    .select({ n: count() })
    .from(table)
    .where(and(eq(table.status, 'failed'), gt(table.createdAt, new Date(now.getTime() - FAILURE_WINDOW_MS))));
  return { pending: pending?.n ?? 0, stuck: stuck?.n ?? 0, failed: failed?.n ?? 0 };
}

/** A probe that fails says "unknown": the page still answers, and says what it could not measure. */
async function measured(component: ComponentLine['component'], measure: () => Promise<Omit<ComponentLine, 'component'>>): Promise<ComponentLine> {
  try {
    return { component, ...(await measure()) };
  } catch {
    return { component, state: 'unknown', figures: {} };
  }
}

async function loadIncidents(services: Services, now: Date): Promise<{ open: Incident[]; recent: Incident[] }> {
  const rows = await services.db
    .select()
    .from(incidents)
    .where(or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, new Date(now.getTime() - 7 * 24 * 3_600_000))))
    .orderBy(asc(incidents.startedAt));
  const withUpdates: Incident[] = [];
  for (const row of rows) {
    withUpdates.push({ ...row, updates: await services.db.select().from(incidentUpdates).where(eq(incidentUpdates.incidentId, row.id)).orderBy(asc(incidentUpdates.at)) });
  }
  return { open: withUpdates.filter((i) => !i.resolvedAt), recent: withUpdates.filter((i) => i.resolvedAt).reverse() };
}

/**
 * What the public status page shows, measured now: the database answers (the `/healthz` probe),
 * the mail and SMS queues deliver, background jobs leave the outbox; and the incidents declared
 * by support. An open incident on a measured component makes it at least degraded (a major one:
 * down), whatever the measurement says: people reported it.
 */
export async function platformStatus(services: Services): Promise<PlatformStatus> {
  const now = services.clock.now();
  const db = await probeDatabase(services);
  const database: ComponentLine = db.ok ? { component: 'database', state: 'operational', figures: { latencyMs: db.latencyMs } } : { component: 'database', state: 'down', figures: {} };
  const reachable = db.ok;
  const lines = [database];
  if (reachable) {
    lines.push(
      await measured('mail', async () => {
        const f = await deliveryFigures(services, mailMessages, now);
        return { state: queueState(f), figures: { ...f } };
      }),
      await measured('sms', async () => {
        const f = await deliveryFigures(services, smsMessages, now);
        return { state: queueState(f), figures: { ...f } };
      }),
      await measured('jobs', async () => {
        const [late] = await services.db
          .select({ n: count() })
          .from(outboxJobs)
          .where(and(isNull(outboxJobs.dispatchedAt), lt(outboxJobs.createdAt, new Date(now.getTime() - JOB_STUCK_MS))));
        const n = late?.n ?? 0;
        return { state: n > 0 ? 'degraded' : 'operational', figures: { late: n } };
      }),
    );
  } else {
    lines.push(...(['mail', 'sms', 'jobs'] as const).map((component) => ({ component, state: 'unknown' as const, figures: {} })));
  }
  let incidentLists: { open: Incident[]; recent: Incident[] } | null = null;
  if (reachable) incidentLists = await loadIncidents(services, now).catch(() => null);
  for (const line of lines) {
    for (const i of incidentLists?.open ?? []) if (i.component === line.component) line.state = worst(line.state, i.impact === 'major' ? 'down' : 'degraded');
  }
  return { measuredAt: now, components: lines, openIncidents: incidentLists?.open ?? null, recentIncidents: incidentLists?.recent ?? null };
}
