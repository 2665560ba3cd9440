import './instrument';
import { createLogger } from '@metropotes/config';
import { flushTraces } from '@metropotes/telemetry';
import { workersConfigFrom } from './env';
import { DeadLetterLoop } from './jobs/dead-letters';
import { createHandlers } from './jobs/registry';
import { scrubLegacyLinkTokens } from './mail/legacy-secrets';
import { reconcileRedis, startReconcileLoop } from './mail/reconcile-loop';
import { startWorkersOpsServer } from './operations';
import { openWorkersRuntime } from './runtime';
import { startWorkers } from './worker-host';

async function main() {
  const config = workersConfigFrom();
  const logger = createLogger('workers', config.logLevel);
  const started = await (async () => {
    const runtime = await openWorkersRuntime(config, logger);
    try {
      // Jobs born of a change that fail all their attempts are kept dead in PostgreSQL and run again later.
      const deadLetters = new DeadLetterLoop(runtime, config.deadJobs);
      const running = await startWorkers(config, createHandlers(runtime), logger, { onDead: () => void deadLetters.nudge() });
      deadLetters.start();
      // Pending e-mails whose job Redis lost go back in the queue (the row state prevents any double send), and the
      // job schedulers are installed; then again periodically.
      const reconciled = await reconcileRedis(runtime);
      logger.info(reconciled, 'pending e-mails reconciled, job schedulers installed');
      // Jobs kept from before link tokens were derived at delivery lose the token they carried.
      const scrubbed = await scrubLegacyLinkTokens(runtime);
      if (scrubbed) logger.info({ scrubbed }, 'link tokens removed from jobs written before this version');
      const reconcileLoop = startReconcileLoop(runtime, config.mail.reconcileIntervalMs, logger);
      const ops = await startWorkersOpsServer(config, runtime, running.workers, logger);
      return { runtime, running, reconcileLoop, deadLetters, ops };
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
    const graceMs = config.shutdownTimeoutMs;
    logger.info({ signal, graceMs, activeJobs: started.running.activeJobs() }, 'stopping: no new jobs, finishing the active ones');
    // Last resort, whatever hangs (a pool that does not close): the process ends a little after the bound.
    setTimeout(() => {
      logger.error({ graceMs }, 'shutdown did not complete in time: exiting');
      process.exit(1);
    }, graceMs + 5_000).unref();
    await started.reconcileLoop.stop();
    await started.deadLetters.stop();
    const { finished, unfinished } = await started.running.stop(graceMs);
    if (!finished) {
      // Exiting drops this process's connections: its database transactions roll back (rows stay pending), the
      // SMTP transactions it leaves unanswered are not delivered, and its jobs' locks expire, so another worker's
      // stalled check takes each job again (they are idempotent: the e-mail row decides what is sent).
      logger.warn({ jobs: unfinished }, 'stopped with unfinished jobs: they go back to the queue once their locks expire');
      await flushTraces();
      process.exit(0);
    }
    await started.ops.close();
    await started.runtime.close();
    logger.info('stopped');
    await flushTraces();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  logger.info({ pid: process.pid }, 'workers ready');
}

void main();
