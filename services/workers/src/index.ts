import { createLogger } from '@metropotes/config';
import { workersConfigFrom } from './env';
import { scheduleProspectMinimisation } from './jobs/prospect-invitation.job';
import { createHandlers } from './jobs/registry';
import { installSchedules } from './jobs/schedules';
import { reconcilePendingEmails } from './mail/delivery-queue';
import { startReconcileLoop } from './mail/reconcile-loop';
import { openWorkersRuntime } from './runtime';
import { startWorkers } from './worker-host';

async function main() {
  const config = workersConfigFrom();
  const logger = createLogger('workers', config.logLevel);
  const started = await (async () => {
    const runtime = await openWorkersRuntime(config, logger);
    try {
      const running = await startWorkers(config, createHandlers(runtime), logger);
      // Pending e-mails whose job Redis lost go back in the queue (the row state prevents any double send).
      const reconciled = await reconcilePendingEmails(runtime.emails, runtime.jobs, runtime.delivery);
      logger.info(reconciled, 'pending e-mails reconciled');
      const reconcileLoop = startReconcileLoop(runtime, config.mail.reconcileIntervalMs, logger);
      await scheduleProspectMinimisation(runtime);
      await installSchedules(runtime);
      return { runtime, running, reconcileLoop };
    } catch (error) {
      await runtime.close().catch(() => undefined);
      throw error;
    }
  })().catch((error: unknown) => {
    logger.fatal({ err: error }, 'workers could not start');
    process.exit(1);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing active jobs');
    await started.reconcileLoop.stop();
    await started.running.stop();
    await started.runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
