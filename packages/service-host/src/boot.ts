import { createTokenVerifier } from '@metropotes/auth';
import { createLogger, type Clock, type Logger, type SubgraphConfig } from '@metropotes/config';
import { createServiceDataSource, ensureDatabase, runMigrations, type QueryCounter } from '@metropotes/database';
import { JobQueues } from '@metropotes/jobs';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { Express } from 'express';
import type { DocumentNode } from 'graphql';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { BaseContext } from './context';
import { startSubgraphServer, type RunningServer } from './subgraph-server';

export interface ServiceDeps {
  dataSource: DataSource;
  queries: QueryCounter;
  jobs: JobQueues;
  logger: Logger;
  /** "Now" for the service's rules: built once per process (config.clock), fixed by tests. */
  clock: Clock;
}

export interface SubgraphSpec<C extends BaseContext> {
  /** Service name, also its PostgreSQL schema. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  buildContext(base: BaseContext, deps: ServiceDeps): Promise<C> | C;
  routes?: (app: Express, deps: ServiceDeps) => void;
  /**
   * Background work of the service process (a periodic relay...): started once the server listens,
   * stopped before the database and Redis connections close.
   */
  background?: (deps: ServiceDeps) => { stop(): Promise<void> };
}

export interface RunningSubgraph extends RunningServer {
  deps: ServiceDeps;
}

/** Opens the service's database (creating it and migrating when asked), then serves the subgraph. */
export async function bootSubgraph<C extends BaseContext>(
  spec: SubgraphSpec<C>,
  config: SubgraphConfig,
  overrides: { logger?: Logger; clock?: Clock } = {},
): Promise<RunningSubgraph> {
  const logger = overrides.logger ?? createLogger(spec.name, config.logLevel);
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
  if (config.runMigrations) await ensureDatabase(config.database.url);
  await dataSource.initialize();
  if (config.runMigrations) {
    const applied = await runMigrations(dataSource, spec.name);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  const jobs = new JobQueues({ redisUrl: config.redis.url, prefix: config.redis.prefix, retry: config.jobs });
  const deps: ServiceDeps = { dataSource, queries, jobs, logger, clock: overrides.clock ?? config.clock };
  const verifier = await createTokenVerifier(config.keys);

  const server = await startSubgraphServer<C>(
    {
      name: spec.name,
      typeDefs: spec.typeDefs,
      resolvers: spec.resolvers,
      logger,
      verifier,
      gatewaySecret: config.gatewaySecret,
      buildContext: (base) => spec.buildContext(base, deps),
      readiness: {
        database: async () => {
          await dataSource.query('SELECT 1');
        },
        redis: () => jobs.ping(),
      },
      routes: spec.routes ? (app) => spec.routes!(app, deps) : undefined,
    },
    config.listen,
  );
  const background = spec.background?.(deps);

  return {
    ...server,
    deps,
    async stop() {
      await server.stop();
      await background?.stop();
      await jobs.close();
      await dataSource.destroy();
    },
  };
}

/** Entry-point glue: boot, and stop cleanly on SIGTERM / SIGINT. */
export async function runSubgraphProcess<C extends BaseContext>(spec: SubgraphSpec<C>, config: SubgraphConfig): Promise<void> {
  const logger = createLogger(spec.name, config.logLevel);
  let running: RunningSubgraph;
  try {
    running = await bootSubgraph(spec, config, { logger });
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
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
