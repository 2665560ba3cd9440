import type { Logger } from '@metropotes/config';
import type { JobName, JobPayloads } from '@metropotes/jobs';

export interface JobContext {
  jobId: string;
  /** 1 for the first run. */
  attempt: number;
  /** Runs the job gets in all (its `attempts` option); the last run is `attempt === maxAttempts`. */
  maxAttempts: number;
  /**
   * When the job was due, on the workers' clock (`WorkersConfig.clock`; the real time in production): a scheduler's
   * iteration time (BullMQ `prevMillis`), or when it was added plus its delay. The same on every retry, and whatever
   * time the job actually runs.
   */
  scheduledAt?: Date;
  log: Logger;
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], ctx: JobContext) => Promise<void>;

/** One handler per job name of the contract: the type makes a missing one a compile error. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The instant a payload carries (ISO 8601), or `fallback` when it carries none or not a date. A handler's fallback
 * is the workers' clock (`rt.clock.now()`, or the job's `scheduledAt`), never `new Date()`.
 */
export function payloadInstant<T extends Date | undefined>(text: string | null | undefined, fallback: T): Date | T {
  return text && !Number.isNaN(Date.parse(text)) ? new Date(text) : fallback;
}

/** Whether a payload's id is a uuid (a job carrying anything else is refused without retry). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_RE.test(value);
