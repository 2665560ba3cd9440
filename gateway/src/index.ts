import { createLogger } from '@metropotes/config';
import { gatewayConfigFrom } from './env';
import { startGateway } from './server';

async function main() {
  const config = gatewayConfigFrom();
  const logger = createLogger('gateway', config.logLevel);
  const running = await startGateway(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'gateway could not start');
    process.exit(1);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), 15_000).unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
