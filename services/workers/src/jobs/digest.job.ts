import { UnrecoverableError } from 'bullmq';
import { previewDigest, runDigestBatch } from '../digest/digest-run';
import { parsePeriod, periodsDueAt } from '../digest/period';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';

const instant = (text: string | undefined): Date => (text && !Number.isNaN(Date.parse(text)) ? new Date(text) : new Date());

/** Batches of one run share `now` and a job id per cursor: a batch enqueued twice (a retry) runs once. */
const batchJobId = (period: string, now: string, after: string | null) => `digest-batch-${period}-${now.replace(/[^0-9A-Za-z]/g, '')}-${after ?? 'first'}`;

/**
 * The veille digests of the given period, or of the period(s) due at `now` (the Monday 08:00 run): fans out the
 * first batch of each period; each batch enqueues the next one.
 */
export function digestRunJob(rt: WorkersRuntime): JobHandler<'digest.run'> {
  return async ({ period, now }, ctx) => {
    const at = instant(now).toISOString();
    const periods = period ? [parsePeriod(period)] : periodsDueAt(new Date(at));
    if (periods.some((p) => !p)) throw new UnrecoverableError(`digest.run: "${period}" is not a period (2026-W48 or 2026-11)`);
    for (const p of periods) {
      await rt.jobs.enqueue('digest.batch', { period: p!.key, now: at, after: null }, { jobId: batchJobId(p!.key, at, null) });
      ctx.log.info({ period: p!.key, now: at }, 'digest run started');
    }
  };
}

/** One batch of subscribers: their e-mail rows and deliveries; then the next batch is enqueued. */
export function digestBatchJob(rt: WorkersRuntime): JobHandler<'digest.batch'> {
  return async ({ period, now, after }, ctx) => {
    const p = parsePeriod(period);
    if (!p || Number.isNaN(Date.parse(now)) || (after !== null && !isUuid(after))) throw new UnrecoverableError(`digest.batch: bad payload`);
    const result = await runDigestBatch(rt, p, new Date(now), after);
    if (result.next) await rt.jobs.enqueue('digest.batch', { period, now, after: result.next }, { jobId: batchJobId(period, now, result.next) });
    ctx.log.info({ period, after, ...result }, 'digest batch written');
  };
}

/** Staff's preview (members `previewDigest` waits for the reply): composes, writes nothing, answers under `replyTo`. */
export function digestPreviewJob(rt: WorkersRuntime): JobHandler<'digest.preview'> {
  return async ({ memberId, period, now, replyTo }) => {
    if (!isUuid(memberId) || !replyTo) throw new UnrecoverableError('digest.preview: bad payload');
    const p = period ? parsePeriod(period) : null;
    if (period && !p) {
      const none = { period, periodLabel: period, since: new Date().toISOString(), subject: null, html: null, text: null };
      await rt.jobs.reply('digest.preview', replyTo, { outcome: 'BAD_PERIOD', ...none });
      return;
    }
    await rt.jobs.reply('digest.preview', replyTo, await previewDigest(rt, memberId, p, instant(now)));
  };
}
