import './instrument';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { createLogger } from '@metropotes/config';
import { createMetricsRegistry, flushTraces, registryMetrics, startOpsServer, withProcessMetrics } from '@metropotes/telemetry';
import { AggregatorRegistry } from 'prom-client';
import { gatewayConfigFrom } from './env';
import { startGateway } from './server';

/**
 * GATEWAY_WORKERS processes share the port (node:cluster): the gateway's query planning and JSON work use
 * every core. 1 runs a single process with no cluster primary.
 */
async function main() {
  const config = gatewayConfigFrom();
  // Every line names its process: the cluster's processes write to the same output.
  const logger = createLogger('gateway', config.logLevel).child({ pid: process.pid });
  const workers = Number(process.env.GATEWAY_WORKERS || availableParallelism());

  if (workers > 1 && cluster.isPrimary) {
    logger.info({ workers }, 'gateway cluster starting');
    // The primary serves the metrics of every gateway process, summed (each answers it over the cluster's IPC).
    const aggregator = new AggregatorRegistry();
    const ops = await startOpsServer({
      ...config.metrics,
      metrics: async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
    });
    logger.info({ url: `${ops.url}/metrics` }, 'metrics listening');
    let stopping = false;
    for (let i = 0; i < workers; i += 1) cluster.fork();
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) return;
      logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
      cluster.fork();
    });
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping the gateway cluster');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
      setTimeout(() => process.exit(1), 16_000).unref();
      const check = setInterval(() => {
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          clearInterval(check);
          process.exit(0);
        }
      }, 100);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    return;
  }

  const metrics = withProcessMetrics(createMetricsRegistry('gateway'));
  const running = await startGateway(config, logger, metrics).catch((error: unknown) => {
    logger.fatal({ err: error }, 'gateway could not start');
    process.exit(1);
  });
  // In a cluster, this process's metrics go to the primary when it asks; alone, it serves them itself.
  if (cluster.isWorker) {
    AggregatorRegistry.setRegistries([metrics]);
    // prom-client answers the primary's requests only in a process where an AggregatorRegistry was constructed (its
    // constructor adds the IPC listener): without it the primary's /metrics timed out (500).
    new AggregatorRegistry();
  }
  const ops = cluster.isWorker
    ? undefined
    : await startOpsServer({ ...config.metrics, metrics: registryMetrics(metrics) }).catch((error: unknown) => {
        logger.fatal({ err: error }, 'gateway could not serve its metrics');
        process.exit(1);
      });
  if (ops) logger.info({ url: `${ops.url}/metrics` }, 'metrics listening');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), 15_000).unref();
    await running.stop();
    await ops?.close();
    await flushTraces();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // In a cluster, Ctrl-C reaches every process; the primary coordinates.
  process.on('SIGINT', () => (cluster.isWorker ? undefined : void stop('SIGINT')));
}

void main();
