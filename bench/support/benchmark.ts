import type { LoadResult } from './load';

/** Settings every benchmark receives from `run.ts`. */
export interface BenchSettings {
  /** A PostgreSQL role allowed to create and drop databases. */
  adminUrl: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  /** The repository root: where `src/main.ts` is. */
  root: string;
  /** When set, the server under test writes a V8 CPU profile here. */
  profileDir: string | null;
  /**
   * Another checkout of Sésame (`BENCH_BASELINE`) whose server `home-page` loads in the same
   * alternating rounds: on a machine whose speed drifts, an A/B within one run is the only
   * comparison of two versions that holds.
   */
  baselineRoot: string | null;
}

/** One server measured under load. */
export interface RunResult extends Omit<LoadResult, 'counters'> {
  name: string;
  /**
   * Committed PostgreSQL transactions per request during warm-up and measurement (every
   * statement outside a transaction is one): approximately the database round trips a request
   * costs. Background work of the server (job sweeps) is included; it is small.
   */
  dbTransactionsPerRequest: number;
  /**
   * CPU time per request during the measured run: the server's processes, the PostgreSQL
   * backends serving them (null when it cannot be read: not Linux, remote database) and this
   * process, the load generator. Less sensitive than requests/s to what else the machine does.
   */
  cpuMsPerRequest: { server: number | null; postgres: number | null; loadGenerator: number | null };
}

export interface BenchmarkReport {
  name: string;
  description: string;
  runs: RunResult[];
  /** Named ratios between runs, e.g. `sesameOverFloor` for requests per second. */
  ratios: Record<string, number>;
  goal?: string;
}

export type Benchmark = (settings: BenchSettings) => Promise<BenchmarkReport>;
