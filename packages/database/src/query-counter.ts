import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/**
 * Counts every SQL statement a data source sends. The performance tests read it to prove that
 * a page costs a constant number of queries whatever its size.
 */
export class QueryCounter {
  count = 0;
  readonly recent: string[] = [];
  private recording = false;

  record(sql: string): void {
    this.count += 1;
    if (this.recording) this.recent.push(sql);
  }

  reset(options: { record?: boolean } = {}): void {
    this.count = 0;
    this.recent.length = 0;
    this.recording = options.record ?? false;
  }
}

export interface LogSink {
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: QueryCounter,
    private readonly sink?: LogSink,
  ) {}

  logQuery(query: string, parameters?: unknown[], _runner?: QueryRunner): void {
    this.counter.record(query);
    this.sink?.debug({ sql: query, params: parameters?.length ?? 0 }, 'sql');
  }
  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    this.sink?.warn({ err: error instanceof Error ? error.message : error, sql: query }, 'sql error');
  }
  logQuerySlow(time: number, query: string): void {
    this.sink?.warn({ ms: time, sql: query }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.sink?.debug({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink?.warn({ message }, 'typeorm');
  }
}
