import autocannon from 'autocannon';

/** One server under load, and how to tell that an answer was the page we asked for. */
export interface LoadTarget {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Whether a response is the expected page; the others are counted in `wrongResponses`. */
  isExpected: (status: number, body: string) => boolean;
  /** Counters read before and after each measured round (CPU time…); their differences are summed. */
  counters?: () => Promise<Record<string, number | null>>;
  /** GET unless said; with a body (JSON, say) for a POST. */
  method?: 'GET' | 'POST';
  body?: string;
  /** Changes each request before it is sent: its path, a header (a client address per request…). */
  setupRequest?: (request: { method: string; path: string; headers: Record<string, string>; body?: string }) => { method: string; path: string; headers: Record<string, string>; body?: string };
}

export interface LoadSettings {
  connections: number;
  /** Measured seconds per target, split into rounds of about two seconds. */
  seconds: number;
  warmupSeconds: number;
}

/** What one target measured; the fields the README explains. */
export interface LoadResult {
  connections: number;
  durationSeconds: number;
  rounds: number;
  /** Completed requests during the measured rounds (warm-up excluded). */
  requests: number;
  /** Requests sent during warm-up and measurement together, to relate database counters to requests. */
  requestsIncludingWarmup: number;
  /** `mean` is requests / measured seconds; the others are over one-second samples. */
  requestsPerSecond: { mean: number; p50: number; min: number; max: number };
  latencyMs: { mean: number; p50: number; p95: number; p97_5: number; p99: number; max: number };
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses that were not the expected page (wrong status or wrong content). */
  wrongResponses: number;
  statusCodes: Record<string, number>;
  /** Sums over the measured rounds of the target's `counters` differences. */
  counters: Record<string, number | null>;
}

class Recorder {
  latencies: number[] = [];
  perSecond: number[] = [];
  statusCodes: Record<string, number> = {};
  requests = 0;
  sent = 0;
  durationSeconds = 0;
  rounds = 0;
  errors = 0;
  timeouts = 0;
  non2xx = 0;
  wrongResponses = 0;
  counters: Record<string, number | null> = {};
}

/**
 * Warms every target up (JIT, connection pools), then measures them in alternating rounds of
 * about two seconds — A, B, A, B… — so that whatever else the machine is doing weighs on each
 * alike. Bounded in time, loopback only.
 */
export async function measureAlternately(targets: LoadTarget[], settings: LoadSettings): Promise<Map<string, LoadResult>> {
  const recorders = new Map(targets.map((t) => [t.name, new Recorder()]));
  if (settings.warmupSeconds > 0) {
    for (const target of targets) await runRound(target, settings, settings.warmupSeconds, recorders.get(target.name)!, false);
  }
  const rounds = Math.max(1, Math.round(settings.seconds / 2));
  for (let i = 0; i < rounds; i++) {
    for (const target of targets) await runRound(target, settings, settings.seconds / rounds, recorders.get(target.name)!, true);
  }
  return new Map(targets.map((t) => [t.name, summarise(recorders.get(t.name)!, settings.connections)]));
}

async function runRound(target: LoadTarget, settings: LoadSettings, seconds: number, recorder: Recorder, measured: boolean): Promise<void> {
  const url = new URL(target.url);
  let wrong = 0;
  const before = measured ? await target.counters?.() : undefined;
  const start = performance.now();
  const instance = autocannon({
    url: url.origin,
    connections: settings.connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: target.method ?? 'GET',
        path: url.pathname + url.search,
        headers: target.headers,
        ...(target.body !== undefined ? { body: target.body } : {}),
        ...(target.setupRequest ? { setupRequest: target.setupRequest } : {}),
        onResponse: (status, body) => {
          if (!target.isExpected(status, body)) wrong++;
        },
      },
    ],
  });
  // Only whole seconds make samples: a round's last, partial second would read low.
  const perSecond = new Array<number>(Math.floor(seconds)).fill(0);
  if (measured) {
    instance.on('response', (_client, status, _bytes, latencyMs) => {
      recorder.latencies.push(latencyMs);
      const second = Math.floor((performance.now() - start) / 1000);
      if (second < perSecond.length) perSecond[second]!++;
      recorder.statusCodes[status] = (recorder.statusCodes[status] ?? 0) + 1;
    });
  }
  const r = await instance;
  recorder.sent += r.requests.sent;
  if (!measured) return;
  const after = await target.counters?.();
  for (const key of Object.keys(after ?? {})) {
    const delta = before?.[key] == null || after?.[key] == null ? null : after[key]! - before[key]!;
    const sum = recorder.counters[key];
    recorder.counters[key] = delta === null || sum === null ? null : (sum ?? 0) + delta;
  }
  recorder.perSecond.push(...perSecond);
  recorder.rounds++;
  recorder.requests += r.requests.total;
  recorder.durationSeconds += r.duration;
  recorder.errors += r.errors;
  recorder.timeouts += r.timeouts;
  recorder.non2xx += r.non2xx;
  recorder.wrongResponses += wrong;
}

/** The value below which `q` of the sorted values fall (nearest rank). */
function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function summarise(r: Recorder, connections: number): LoadResult {
  const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
  const latencies = Float64Array.from(r.latencies).sort();
  const perSecond = [...r.perSecond].sort((a, b) => a - b);
  const sum = r.latencies.reduce((a, b) => a + b, 0);
  return {
    connections,
    durationSeconds: round(r.durationSeconds),
    rounds: r.rounds,
    requests: r.requests,
    requestsIncludingWarmup: r.sent,
    requestsPerSecond: {
      mean: round(r.requests / Math.max(r.durationSeconds, 0.001), 1),
      p50: percentile(perSecond, 0.5),
      min: perSecond[0] ?? 0,
      max: perSecond.at(-1) ?? 0,
    },
    latencyMs: {
      mean: round(sum / Math.max(1, latencies.length)),
      p50: round(percentile(latencies, 0.5)),
      p95: round(percentile(latencies, 0.95)),
      p97_5: round(percentile(latencies, 0.975)),
      p99: round(percentile(latencies, 0.99)),
      max: round(latencies.at(-1) ?? 0),
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    wrongResponses: r.wrongResponses,
    statusCodes: r.statusCodes,
    counters: r.counters,
  };
}
