// The site's server in production (`npm start -w @metropotes/web`, `npm start` at the root): the bundled React Router
// build behind Express. Vite builds this file into dist/server/index.mjs (vite.config.ts).
import { ConfigError, createLogger } from '@metropotes/config';
import { createMetricsRegistry, registryMetrics, startOpsServer, withProcessMetrics } from '@metropotes/telemetry';
import { resolve } from 'node:path';
import type { ServerBuild } from 'react-router';
import { createWebApp } from './server/app';
import { webConfigFrom, type WebConfig } from './server/env';

function loadConfig(): WebConfig {
  try {
    return webConfigFrom(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const line of error.problems) process.stderr.write(`config error: ${line}\n`);
      process.exit(78);
    }
    throw error;
  }
}

const config = loadConfig();
const logger = createLogger('web', config.logLevel);
if (config.sessionSecretGenerated) logger.warn('WEB_SESSION_SECRET is not set: sessions last as long as this process');

const metrics = withProcessMetrics(createMetricsRegistry('web'));
const web = createWebApp({
  config,
  logger,
  metrics,
  build: () => import('virtual:react-router/server-build') as Promise<ServerBuild>,
  // dist/server/index.mjs → dist/client
  staticDirectory: resolve(import.meta.dirname, '../client'),
  contentDirectory: resolve(import.meta.dirname, '../../content'),
});

web.start();
const server = web.handler.listen(config.listen.port, config.listen.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.listen.port;
  logger.info({ url: `http://${config.listen.host}:${port}`, publicUrl: config.publicUrl }, 'web listening');
});
server.on('error', (error) => {
  logger.fatal({ err: error.message }, 'web could not listen');
  process.exit(1);
});

// The site's metrics, on their own port (loopback by default).
const ops = await startOpsServer({ ...config.metrics, metrics: registryMetrics(metrics) }).catch((error: unknown) => {
  logger.fatal({ err: (error as Error).message }, 'web could not serve its metrics');
  process.exit(1);
});
logger.info({ url: `${ops.url}/metrics` }, 'metrics listening');

function stop() {
  web.stop();
  void ops.close();
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
