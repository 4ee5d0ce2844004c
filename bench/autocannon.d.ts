/**
 * The part of autocannon's API the benchmarks use. autocannon ships no types and
 * @types/autocannon is not installed; this keeps `tsc` strict without a new dependency.
 */
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    /** Requests sent in turn on each connection; `onResponse` sees every response whole. */
    requests?: {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Called before each request is sent: may change it (a header per request, say). */
      setupRequest?: (request: { method: string; path: string; headers: Record<string, string>; body?: string }) => { method: string; path: string; headers: Record<string, string>; body?: string };
      onResponse?: (status: number, body: string) => void;
    }[];
    /** Seconds a request may take before it counts as a timeout (an error). */
    timeout?: number;
  }

  /** A histogram summary as autocannon gives it; `p97_5` is the 97.5th percentile. */
  interface Histogram {
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p97_5: number;
    p99: number;
    total: number;
  }

  interface Result {
    connections: number;
    /** Seconds. */
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    /** Per-second samples of completed requests. */
    requests: Histogram & { sent: number };
    /** Milliseconds, of 2xx responses only. */
    latency: Histogram & { totalCount: number };
    statusCodeStats: Record<string, { count: number }>;
  }

  /** A running load: a promise of its result that also reports each response as it comes. */
  interface Instance extends PromiseLike<Result> {
    on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, latencyMs: number) => void): this;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
