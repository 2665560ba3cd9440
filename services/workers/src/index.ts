import { createLogger } from '@metropotes/config';
import { workersConfigFrom } from './env';
import { createHandlers } from './jobs/registry';
import { startWorkers } from './worker-host';

async function main() {
  const config = workersConfigFrom();
  const logger = createLogger('workers', config.logLevel);
  const running = await startWorkers(config, createHandlers(), logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'workers could not start');
    process.exit(1);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing active jobs');
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
