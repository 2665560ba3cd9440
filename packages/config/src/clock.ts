import { ConfigError } from './env';

/**
 * The one place code reads "now" for the platform's rules: what is upcoming, which digest period is due, when a
 * reminder goes, how far a series is expanded, when outreach data is too old, what a row records as its time.
 *
 * Each process builds one clock at start (its composition root) and hands it to what needs it. Production runs the
 * system clock. Tests fix it (`startTestSystem({ now })`), and `CLOCK_START` starts a development or test process
 * at a chosen instant (refused in production). Elapsed-time measurements — timeouts, retry back-offs, rate-limit
 * windows, token lifetimes, the job queue's own timestamps — are not "now" for a rule and keep the real time.
 */
export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** A clock that reads `start` now and then moves on with real time (timers, TTLs and polling keep working). */
export function clockStartingAt(start: Date, realNow: number = Date.now()): Clock {
  if (Number.isNaN(start.getTime())) throw new RangeError('clockStartingAt: invalid start');
  const offset = start.getTime() - realNow;
  return Object.freeze({ now: () => new Date(Date.now() + offset) });
}

/** A clock that stands still until told: `set` and `advance` move it (unit tests of time rules). */
export class ManualClock implements Clock {
  private at: number;
  constructor(start: Date) {
    this.at = start.getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = at.getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** The clock a process runs on: the system clock, or one starting at `clockStart` (never in production). */
export function processClock(options: { production: boolean; clockStart?: string }): Clock {
  if (!options.clockStart) return systemClock;
  if (options.production) throw new ConfigError(['CLOCK_START: development and tests only; production runs on the real time']);
  return clockStartingAt(new Date(options.clockStart));
}
