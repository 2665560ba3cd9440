import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { CountingTypeOrmLogger, QueryCounter, type LogSink } from './query-counter';

export interface ServiceDataSourceOptions {
  url: string;
  /** The PostgreSQL schema the service owns (members, events, guide, moderation, workers). */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  applicationName: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  log?: LogSink;
}

export interface ServiceDataSource {
  dataSource: DataSource;
  queries: QueryCounter;
}

/**
 * One TypeORM data source per service, bound to its own schema and its own migrations table.
 * `synchronize` is always off: the schema is what the migrations say.
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): ServiceDataSource {
  const queries = new QueryCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['query', 'error', 'warn', 'migration'],
    maxQueryExecutionTime: 1000,
    logger: new CountingTypeOrmLogger(queries, options.log),
    applicationName: options.applicationName,
    extra: {
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: options.statementTimeoutMs ?? 10_000,
      idle_in_transaction_session_timeout: 30_000,
    },
  });
  return { dataSource, queries };
}

/** Creates the service's schema (the migrations table lives in it) and applies pending migrations. */
export async function runMigrations(dataSource: DataSource, schema: string): Promise<string[]> {
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
