import type { DeadJobSummary, DeadLettersReply } from '@metropotes/jobs';
import { UnrecoverableError } from 'bullmq';
import type { WorkersRuntime } from '../runtime';
import { DeadJobRepository } from './dead-job.repository';
import { describeFailure } from './dead-letters';
import type { JobHandler } from './job-handler';

/** At most this many dead jobs in one answer. */
export const MAX_DEAD_JOBS_LISTED = 100;

/**
 * `jobs.dead-letters { action, first, replyTo }` (members' `deadJobs` / `retryDeadJobs`, staff): answers with the dead
 * jobs not recovered (workers.dead_jobs), the oldest `first`; RETRY first makes every DEAD one due now (the loop
 * re-drives it at its next scan). A failure to read answers `ok: false` at once rather than at the asker's timeout.
 */
export function deadLettersJob(rt: WorkersRuntime): JobHandler<'jobs.dead-letters'> {
  const repository = new DeadJobRepository(rt.dataSource);
  return async ({ action, first, replyTo }, ctx) => {
    if (!replyTo || (action !== 'LIST' && action !== 'RETRY')) throw new UnrecoverableError('jobs.dead-letters: bad payload');
    const limit = Math.min(Math.max(Number.isInteger(first) ? first : 20, 0), MAX_DEAD_JOBS_LISTED);
    let reply: DeadLettersReply;
    try {
      if (action === 'RETRY') ctx.log.info({ due: await repository.dueNow() }, 'staff asked to run the dead jobs again now');
      const open = await repository.open(limit);
      reply = {
        ok: true,
        count: open.count,
        jobs: open.jobs.map((row): DeadJobSummary => ({
          id: row.id,
          name: row.jobName,
          state: row.state,
          payload: row.payload,
          failures: row.failures,
          redrives: row.redrives,
          firstFailedAt: new Date(row.firstFailedAt).toISOString(),
          lastFailedAt: new Date(row.lastFailedAt).toISOString(),
          nextAttemptAt: row.nextAttemptAt ? new Date(row.nextAttemptAt).toISOString() : null,
          failure: describeFailure(row.lastError),
        })),
      };
    } catch (error) {
      ctx.log.warn({ err: (error as Error).message }, 'dead jobs could not be read');
      reply = { ok: false, count: 0, jobs: [] };
    }
    await rt.jobs.reply('jobs.dead-letters', replyTo, reply);
  };
}
