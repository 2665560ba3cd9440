import type { Logger } from '@metropotes/config';
import type { WorkersRuntime } from '../runtime';
import { reconcilePendingEmails } from './delivery-queue';

/**
 * Reconciles pending e-mails with the queue every `intervalMs` (0: never), so that an e-mail whose job was lost
 * while the workers ran (Redis restarted without persistence, a job failed on a database outage) still goes out.
 */
export function startReconcileLoop(rt: WorkersRuntime, intervalMs: number, logger: Logger): { stop(): Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = reconcilePendingEmails(rt.emails, rt.jobs, rt.delivery).then(
      (result) => {
        if (result.enqueued) logger.warn(result, 'pending e-mails without a job were re-enqueued');
      },
      (error: unknown) => logger.error({ err: (error as Error).message }, 'reconciling pending e-mails failed'),
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
