import type { Logger } from '@metropotes/config';
import { checkJobPayload, type JobName, type JobPayloads } from '@metropotes/jobs';
import { UnrecoverableError } from 'bullmq';

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

/**
 * The instant a payload carries (ISO 8601), or `fallback` when it carries none or not a date. A handler's fallback
 * is the workers' clock (`rt.clock.now()`, or the job's `scheduledAt`), never `new Date()`.
 */
export function payloadInstant<T extends Date | undefined>(text: string | null | undefined, fallback: T): Date | T {
  return text && !Number.isNaN(Date.parse(text)) ? new Date(text) : fallback;
}

/** Whether a payload's id is a uuid (@metropotes/auth's pattern, the one the payload schemas check). */
export { isUuid } from '@metropotes/auth';

/**
 * A handler that runs only on a payload its job's schema takes (`JOB_PAYLOAD_SCHEMAS` of @metropotes/jobs): a bad
 * payload would fail the same way on every attempt, so it fails at once without retry (BullMQ `UnrecoverableError`,
 * naming the job and what is wrong) and is logged with its job name. The handler gets the checked payload.
 */
export function checkedHandler<N extends JobName>(name: N, handler: JobHandler<N>): JobHandler<N> {
  return async (payload, ctx) => {
    const checked = checkJobPayload(name, payload);
    if (!checked.ok) {
      ctx.log.error({ job: name, jobId: ctx.jobId, problem: checked.problem }, 'job payload refused');
      throw new UnrecoverableError(`${name}: bad payload: ${checked.problem}`);
    }
    return handler(checked.payload, ctx);
  };
}

/** Every handler behind its payload check (`checkedHandler`). */
export function checkedHandlers(handlers: JobHandlers): JobHandlers {
  const checked: Partial<Record<JobName, unknown>> = {};
  for (const name of Object.keys(handlers) as JobName[]) checked[name] = checkedHandler(name, handlers[name] as JobHandler<typeof name>);
  return checked as JobHandlers;
}
