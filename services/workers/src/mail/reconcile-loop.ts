import type { Logger } from '@metropotes/config';
import { resumeDigestRuns } from '../jobs/digest.job';
import { scheduleProspectMinimisation } from '../jobs/prospect-invitation.job';
import { installSchedules } from '../jobs/schedules';
import type { WorkersRuntime } from '../runtime';
import { reconcilePendingEmails } from './delivery-queue';

/**
 * Puts back in Redis what Redis should hold, from PostgreSQL and the configuration: a delivery job for every
 * pending e-mail, the job schedulers (reminders, digests, feeds, series, minimisation), and the next batch of any
 * digest run left unfinished (workers.digest_runs). Every step is
 * idempotent, so it runs at start and then periodically: Redis flushed or restarted without persistence while the
 * workers run loses no e-mail and no scheduled scan.
 */
export async function reconcileRedis(rt: WorkersRuntime): Promise<{ pending: number; enqueued: number }> {
  const emails = await reconcilePendingEmails(rt.emails, rt.jobs, rt.delivery);
  await installSchedules(rt);
  await scheduleProspectMinimisation(rt);
  await resumeDigestRuns(rt);
  return emails;
}

/** Runs `reconcileRedis` every `intervalMs` (0: never). */
export function startReconcileLoop(rt: WorkersRuntime, intervalMs: number, logger: Logger): { stop(): Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = reconcileRedis(rt).then(
      (result) => {
        if (result.enqueued) logger.warn(result, 'pending e-mails without a job were re-enqueued');
      },
      (error: unknown) => logger.error({ err: (error as Error).message }, 'reconciling Redis with PostgreSQL failed'),
    );
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
