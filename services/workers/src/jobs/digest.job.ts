import { jobIdOf, type JobQueues } from '@metropotes/jobs';
import { UnrecoverableError } from 'bullmq';
import { previewDigest, runDigestBatch } from '../digest/digest-run';
import { DigestRunRepository } from '../digest/digest-run.repository';
import { parsePeriod, periodsDueAt } from '../digest/period';
import type { WorkersRuntime } from '../runtime';
import { isUuid, payloadInstant, type JobHandler } from './job-handler';

/** Batches of one run share `now` and a job id per cursor (`jobIdOf`): a batch enqueued twice (a retry, the reconcile) runs once. */
const batchJobId = (period: string, now: string, after: string | null) => jobIdOf('digest.batch', { period, now, after });

/** Enqueues the batch of a run after `after` (nothing when that job is already in Redis). */
export async function enqueueDigestBatch(jobs: JobQueues, period: string, now: string, after: string | null): Promise<void> {
  await jobs.enqueue('digest.batch', { period, now, after }, { jobId: batchJobId(period, now, after) });
}

/**
 * The veille digests of the given period, or of the period(s) due at `now` (the Monday 08:00 run): records each run
 * (workers.digest_runs) and fans out its first batch; each batch enqueues the next one. Without `now`, the run's
 * instant is when the job was due on the workers' clock (the scheduler's 08:00), not when it runs: a run delayed past
 * the first Monday still writes that month's digests, and a retry keeps the same instant (the same run).
 */
export function digestRunJob(rt: WorkersRuntime): JobHandler<'digest.run'> {
  const runs = new DigestRunRepository(rt.dataSource);
  return async ({ period, now }, ctx) => {
    const at = payloadInstant(now, ctx.scheduledAt ?? rt.clock.now()).toISOString();
    const periods = period ? [parsePeriod(period)] : periodsDueAt(new Date(at));
    if (periods.some((p) => !p)) throw new UnrecoverableError(`digest.run: "${period}" is not a period (2026-W48 or 2026-11)`);
    for (const p of periods) {
      await runs.start(p!.key, new Date(at));
      await enqueueDigestBatch(rt.jobs, p!.key, at, null);
      ctx.log.info({ period: p!.key, now: at }, 'digest run started');
    }
  };
}

/** One batch of subscribers: their e-mail rows and deliveries; then the run's cursor moves on and the next batch is enqueued. */
export function digestBatchJob(rt: WorkersRuntime): JobHandler<'digest.batch'> {
  const runs = new DigestRunRepository(rt.dataSource);
  return async ({ period, now, after }, ctx) => {
    const p = parsePeriod(period);
    if (!p || Number.isNaN(Date.parse(now)) || (after !== null && !isUuid(after))) throw new UnrecoverableError(`digest.batch: bad payload`);
    const result = await runDigestBatch(rt, p, new Date(now), after);
    // Postgres first: if the next job is lost (Redis flushed), the reconcile loop enqueues it from the run's cursor.
    await runs.advance(period, new Date(now), after, result.next);
    if (result.next) await enqueueDigestBatch(rt.jobs, period, now, result.next);
    ctx.log.info({ period, after, ...result }, 'digest batch written');
  };
}

/** Staff's preview (members `previewDigest` waits for the reply): composes, writes nothing, answers under `replyTo`. */
export function digestPreviewJob(rt: WorkersRuntime): JobHandler<'digest.preview'> {
  return async ({ memberId, period, now, replyTo }, ctx) => {
    if (!isUuid(memberId) || !replyTo) throw new UnrecoverableError('digest.preview: bad payload');
    const p = period ? parsePeriod(period) : null;
    if (period && !p) {
      const none = { period, periodLabel: period, since: rt.clock.now().toISOString(), subject: null, html: null, text: null };
      await rt.jobs.reply('digest.preview', replyTo, { outcome: 'BAD_PERIOD', ...none });
      return;
    }
    try {
      await rt.jobs.reply('digest.preview', replyTo, await previewDigest(rt, memberId, p, payloadInstant(now, rt.clock.now())));
    } catch (error) {
      // Whoever waits gets an answer now rather than at their timeout.
      const none = { period: period ?? '', periodLabel: period ?? '', since: rt.clock.now().toISOString(), subject: null, html: null, text: null };
      await rt.jobs.reply('digest.preview', replyTo, { outcome: 'FAILED', ...none });
      ctx.log.warn({ err: (error as Error).message }, 'digest preview failed');
    }
  };
}

/** How long an unfinished run is taken up again: past a day, its digests would be stale news. */
const RESUME_WITHIN_MS = 24 * 3_600_000;

/**
 * For the reconcile loop: every run started in the last day and not finished gets the job of its next batch back
 * (a no-op while that job is in Redis; a failed one is retried). Returns how many runs were looked at.
 */
export async function resumeDigestRuns(rt: WorkersRuntime): Promise<number> {
  const unfinished = await new DigestRunRepository(rt.dataSource).unfinished(RESUME_WITHIN_MS);
  const queue = rt.jobs.queue('system');
  for (const run of unfinished) {
    const existing = await queue.getJob(batchJobId(run.period, run.now, run.nextAfter));
    if (existing && (await existing.isFailed())) await existing.retry();
    else if (!existing) await enqueueDigestBatch(rt.jobs, run.period, run.now, run.nextAfter);
  }
  return unfinished.length;
}
