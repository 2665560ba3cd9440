import { createTokenVerifier } from '@metropotes/auth';
import { createLogger, type Clock, type Logger, type SubgraphConfig } from '@metropotes/config';
import { createServiceDataSource, ensureDatabase, runMigrations } from '@metropotes/database';
import type { BaseContext, ServiceDeps, SubgraphSpec } from '@metropotes/graphql-kit';
import { JobQueues } from '@metropotes/jobs';
import {
  createMetricsRegistry,
  flushTraces,
  poolMetrics,
  registryMetrics,
  startOpsServer,
  typeormPool,
  withProcessMetrics,
} from '@metropotes/telemetry';
import type { Registry } from 'prom-client';
import { startSubgraphServer, type RunningServer } from './subgraph-server';

export interface RunningSubgraph extends RunningServer {
  deps: ServiceDeps;
  /** The service's metrics (HTTP, GraphQL, database pool); its process serves them on its metrics port. */
  metrics: Registry;
  /** What the spec's compose() returned at boot (undefined without one). */
  root: unknown;
}

/** Opens the service's database (creating it and migrating when asked), then serves the subgraph. */
export async function bootSubgraph<C extends BaseContext, R = unknown>(
  spec: SubgraphSpec<C, R>,
  config: SubgraphConfig,
  overrides: { logger?: Logger; clock?: Clock; metrics?: Registry } = {},
): Promise<RunningSubgraph> {
  const logger = overrides.logger ?? createLogger(spec.name, config.logLevel);
  const metrics = overrides.metrics ?? createMetricsRegistry(spec.name);
  const { dataSource, queries } = createServiceDataSource({
    url: config.database.url,
    schema: spec.name,
    entities: spec.entities,
    migrations: spec.migrations,
    applicationName: `metropotes-${spec.name}`,
    poolMax: config.database.poolMax,
    statementTimeoutMs: config.database.statementTimeoutMs,
    log: logger,
  });
  poolMetrics(metrics, () => typeormPool(dataSource), config.database.poolMax);
  if (config.runMigrations) await ensureDatabase(config.database.url);
  await dataSource.initialize();
  if (config.runMigrations) {
    const applied = await runMigrations(dataSource, spec.name);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  const jobs = new JobQueues({ redisUrl: config.redis.url, prefix: config.redis.prefix, retry: config.jobs });
  const deps: ServiceDeps = { dataSource, queries, jobs, logger, clock: overrides.clock ?? config.clock };
  const verifier = await createTokenVerifier(config.keys);
  const root = (spec.compose ? await spec.compose(deps) : undefined) as R;

  const server = await startSubgraphServer<C>(
    {
      name: spec.name,
      typeDefs: spec.typeDefs,
      resolvers: spec.resolvers,
      logger,
      verifier,
      gatewaySecret: config.gatewaySecret,
      buildContext: (base) => spec.buildContext(base, deps, root),
      readiness: {
        database: async () => {
          await dataSource.query('SELECT 1');
        },
        redis: () => jobs.ping(),
      },
      routes: spec.routes ? (app) => spec.routes!(app, deps) : undefined,
      metrics,
    },
    config.listen,
  );
  const background = spec.background?.(deps);

  return {
    ...server,
    deps,
    root,
    metrics,
    async stop() {
      await server.stop();
      await background?.stop();
      await jobs.close();
      await dataSource.destroy();
    },
  };
}

/**
 * Entry-point glue: boot, serve the metrics on the service's metrics port (`<SERVICE>_METRICS_PORT`, `METRICS_HOST`),
 * and stop cleanly on SIGTERM / SIGINT (sending the last spans when tracing is on).
 */
export async function runSubgraphProcess<C extends BaseContext, R = unknown>(spec: SubgraphSpec<C, R>, config: SubgraphConfig): Promise<void> {
  const logger = createLogger(spec.name, config.logLevel);
  const metrics = withProcessMetrics(createMetricsRegistry(spec.name));
  let running: RunningSubgraph;
  let ops: Awaited<ReturnType<typeof startOpsServer>>;
  try {
    running = await bootSubgraph(spec, config, { logger, metrics });
    ops = await startOpsServer({ ...config.metrics, metrics: registryMetrics(metrics) });
    logger.info({ url: `${ops.url}/metrics` }, 'metrics listening');
  } catch (error) {
    logger.fatal({ err: error }, `${spec.name} could not start`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await running.stop().catch((error: unknown) => logger.error({ err: error }, 'error while stopping'));
    await ops.close();
    await flushTraces();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
