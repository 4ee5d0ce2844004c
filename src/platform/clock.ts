/** Time is injected so that tests can live through months in seconds. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-03-02T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * A clock ahead of (or behind) another by a set amount, moved through `/dev/horloge` when
 * `ADJUSTABLE_CLOCK=true`: to try what Sésame does on a card's expiry day, and for the browser
 * journeys that live through months. The configuration refuses it in production. The offset is
 * held in this process only: it is meant for `npm start` (one process, every role), where the
 * web pages and the jobs read the same clock.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }
  /** How far ahead (negative: behind) of the base clock, in milliseconds. */
  get offsetMs(): number {
    return this.offset;
  }
  /** Moves the clock so that it reads `at` now, then runs on from there. */
  moveTo(at: Date): void {
    this.offset = at.getTime() - this.base.now().getTime();
  }
  reset(): void {
    this.offset = 0;
  }
}
