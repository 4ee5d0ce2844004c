import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  /** Whether a response is the expected page; the others are counted in `wrongResponses`. */
  isExpected: (status: number, body: string) => boolean;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Called after warm-up, right before the measured run, and right after it. */
  onMeasureStart?: () => Promise<void>;
  onMeasureEnd?: () => Promise<void>;
}

/** What one load run measured; the fields the README explains. */
export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** Completed requests during the measured window (warm-up excluded). */
  requests: number;
  /** Requests sent during warm-up and measurement together, to relate database counters to requests. */
  requestsIncludingWarmup: number;
  requestsPerSecond: { mean: number; p50: number; min: number; max: number };
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses that were not the expected page (wrong status or wrong content). */
  wrongResponses: number;
  statusCodes: Record<string, number>;
}

/**
 * Warms the server up (JIT, connection pools, caches) with a run whose figures are thrown
 * away, then measures. Bounded in time, loopback only.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  let wrongResponses = 0;
  const url = new URL(options.url);
  const base = {
    url: url.origin,
    connections: options.connections,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        path: url.pathname + url.search,
        headers: options.headers,
        onResponse: (status: number, body: string) => {
          if (!options.isExpected(status, body)) wrongResponses++;
        },
      },
    ],
  };
  const warmup = options.warmupSeconds > 0 ? await autocannon({ ...base, duration: options.warmupSeconds }) : null;
  wrongResponses = 0;
  await options.onMeasureStart?.();
  const r = await autocannon({ ...base, duration: options.seconds });
  await options.onMeasureEnd?.();
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    connections: r.connections,
    durationSeconds: r.duration,
    requests: r.requests.total,
    requestsIncludingWarmup: r.requests.sent + (warmup?.requests.sent ?? 0),
    requestsPerSecond: { mean: round(r.requests.mean), p50: r.requests.p50, min: r.requests.min, max: r.requests.max },
    latencyMs: { mean: round(r.latency.mean), p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    wrongResponses,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}
