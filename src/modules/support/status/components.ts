/**
 * The parts of the service the public status page reports on, each from a measurement (never
 * a hard-coded "operational"), and the ones an incident may name. Labels:
 * `support.status.components.<component>`.
 */
export const measuredComponents = ['database', 'mail', 'sms', 'jobs'] as const;
export const incidentComponents = ['website', 'accounts', 'applications', 'attestations', 'verification', ...measuredComponents] as const;
export type IncidentComponent = (typeof incidentComponents)[number];

export type ComponentState = 'operational' | 'degraded' | 'down' | 'unknown';

const order: ComponentState[] = ['operational', 'unknown', 'degraded', 'down'];
export const worst = (a: ComponentState, b: ComponentState): ComponentState => (order.indexOf(a) >= order.indexOf(b) ? a : b);

/** A message still waiting after this long means deliveries are stuck, not merely queued. */
export const PENDING_STUCK_MS = 15 * 60_000;
/** Failures counted over the last day. */
export const FAILURE_WINDOW_MS = 24 * 3_600_000;
/** An outbox job not handed to the queue after this long: the worker is not running. */
export const JOB_STUCK_MS = 5 * 60_000;

export interface QueueFigures {
  /** Waiting to be sent right now. */
  pending: number;
  /** Of those, waiting longer than `PENDING_STUCK_MS`. */
  stuck: number;
  /** Given up on in the last `FAILURE_WINDOW_MS`. */
  failed: number;
}

/** A delivery queue's state from its figures: stuck or failing deliveries are a degradation, not an outage. */
export function queueState(f: QueueFigures): ComponentState {
  return f.stuck > 0 || f.failed > 0 ? 'degraded' : 'operational';
}
