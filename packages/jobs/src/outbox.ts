import { withTimeout } from '@metropotes/config';
import type { JobName, JobPayloads } from './contract';
import { jobIdOf, type DedupedJobName } from './job-ids';
import type { JobQueues } from './queues';

/**
 * The transactional outbox: a service that must ask for a job because of a change writes the job into
 * `<schema>.job_outbox` in the same transaction as the change: through its one `ServiceOutbox` and `withOutbox` (below),
 * which relays after the commit by itself (the lower-level `addToOutbox` / `addManyToOutbox` write rows only). After the commit, an `OutboxRelay` claims a batch of committed rows, hands them to BullMQ with their deterministic job ids (one
 * `addBulk` per job name: one round trip for the batch, whatever its size) and marks them enqueued (a request relays
 * one batch at most, `flushBatch`: a backlog goes out with the periodic relay).
 * If Redis refuses, the rows stay and a later relay (the periodic one of the service process) sends them:
 * the job can be late, never lost. A row relayed twice (a crash between the enqueue and the mark, two
 * processes) still gives one job, because BullMQ keeps one job per id. The row's part ends when Redis has the job
 * (`enqueued_at`): a job that then fails all its attempts (a service down longer than its retries) is kept dead by the
 * workers, with its payload, and run again until it succeeds (`DEAD_LETTER_QUEUES`, services/workers' dead letters),
 * so the purge of enqueued rows loses nothing. Rows keep their payload until they are
 * purged: a job whose payload carries a secret (a link's single-use token) must not go through the outbox, it is
 * enqueued directly before its change commits.
 */

/** Anything that runs SQL with positional parameters: a TypeORM EntityManager or QueryRunner, a pg client. */
export interface OutboxQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Runs a function in one database transaction (a TypeORM DataSource fits). */
export interface OutboxDatabase {
  transaction<T>(run: (q: OutboxQueryable) => Promise<T>): Promise<T>;
}

export interface OutboxLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function tableOf(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`outbox: invalid schema name ${JSON.stringify(schema)}`);
  return `${schema}.job_outbox`;
}

/**
 * The statement adding the optional `run_at` column to `<schema>.job_outbox` (for a migration): a service that writes
 * delayed jobs (`OutboxRow.runAt`) needs it; the relay reads it where it exists and hands BullMQ the delay left.
 */
export function outboxRunAtSql(schema: string): string {
  return `ALTER TABLE ${tableOf(schema)} ADD COLUMN run_at timestamptz`;
}

/** The statements creating `<schema>.job_outbox` (for a migration): every service has the same table. */
export function outboxTableSql(schema: string): string[] {
  const table = tableOf(schema);
  return [
    `CREATE TABLE ${table} (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      job_name text NOT NULL,
      payload jsonb NOT NULL,
      -- BullMQ keeps one job per id: relaying a row twice gives one job.
      job_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      enqueued_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`,
    `CREATE INDEX job_outbox_pending_idx ON ${table} (id) WHERE enqueued_at IS NULL`,
  ];
}

/** The statements dropping the table (a migration's `down`). */
export function dropOutboxTableSql(schema: string): string[] {
  return [`DROP TABLE ${tableOf(schema)}`];
}

/**
 * RGPD erasure: the rows of `<schema>.job_outbox` whose payload or job id names the member (`memberId`) go, relayed
 * or not (a job still to relay about an erased member has nothing left to do). Call it before writing the erasure's
 * own `member.erased` row.
 */
export async function forgetMemberInOutbox(q: Pick<OutboxQueryable, 'query'>, schema: string, memberId: string): Promise<void> {
  await q.query(`DELETE FROM ${tableOf(schema)} WHERE strpos(payload::text || ' ' || job_id, $1) > 0`, [memberId]);
}

/**
 * Why BullMQ would refuse this custom job id, or null: the rule of BullMQ's `Job` (`validateOptions`, "Custom Id
 * cannot …"): not an integer, and no ':' unless the id has exactly three ':'-separated parts.
 */
export function jobIdProblem(jobId: string): string | null {
  if (!jobId) return 'a job id is required';
  if (`${parseInt(jobId, 10)}` === jobId) return 'BullMQ refuses a job id that is an integer';
  if (jobId.includes(':') && jobId.split(':').length !== 3)
    return "BullMQ refuses a job id containing ':' unless it has exactly 3 ':'-separated parts";
  return null;
}

/** One job to write into the outbox: its name, its payload, and its deterministic job id. */
export type OutboxRow = { [N in JobName]: { name: N; payload: JobPayloads[N]; jobId: string; runAt?: Date } }[JobName];

/**
 * Writes one job into the outbox, in the caller's transaction: it is enqueued only if the transaction commits.
 * `jobId` must be deterministic (derived from what the job is about), so that a job is never doubled, and one BullMQ
 * accepts (`jobIdProblem`): checked here, so that a bad id fails the change when it is written (and in tests) instead
 * of leaving a row Redis always refuses, which would hold back every row behind it.
 */
export function addToOutbox<N extends JobName>(q: OutboxQueryable, schema: string, name: N, payload: JobPayloads[N], jobId: string): Promise<void> {
  return addManyToOutbox(q, schema, [{ name, payload, jobId } as OutboxRow]);
}

/**
 * Writes several jobs into the outbox with one statement, in the caller's transaction (in this order: the relay sends
 * them oldest first). Every job id is checked first (`jobIdProblem`): one bad id refuses the whole batch, nothing is
 * written. No rows, no statement.
 */
export async function addManyToOutbox(q: OutboxQueryable, schema: string, rows: readonly OutboxRow[]): Promise<void> {
  const table = tableOf(schema);
  for (const { jobId } of rows) {
    const problem = jobIdProblem(jobId);
    if (problem) throw new Error(`outbox: invalid job id ${JSON.stringify(jobId)}: ${problem}`);
  }
  if (!rows.length) return;
  if (rows.some((row) => row.runAt)) {
    // A delayed job (`runAt`): the table needs the optional `run_at` column (`outboxRunAtSql`).
    await q.query(
      `INSERT INTO ${table} (job_name, payload, job_id, run_at)
       SELECT r.job_name, r.payload, r.job_id, r.run_at FROM unnest($1::text[], $2::jsonb[], $3::text[], $4::timestamptz[]) WITH ORDINALITY AS r(job_name, payload, job_id, run_at, n)
       ORDER BY r.n`,
      [
        rows.map((row) => row.name),
        rows.map((row) => JSON.stringify(row.payload)),
        rows.map((row) => row.jobId),
        rows.map((row) => row.runAt ?? null),
      ],
    );
    return;
  }
  await q.query(
    `INSERT INTO ${table} (job_name, payload, job_id)
     SELECT r.job_name, r.payload, r.job_id FROM unnest($1::text[], $2::jsonb[], $3::text[]) WITH ORDINALITY AS r(job_name, payload, job_id, n)
     ORDER BY r.n`,
    [rows.map((row) => row.name), rows.map((row) => JSON.stringify(row.payload)), rows.map((row) => row.jobId)],
  );
}

export interface OutboxRelayOptions {
  /** The service's PostgreSQL schema, which holds `job_outbox`. */
  schema: string;
  database: OutboxDatabase;
  jobs: Pick<JobQueues, 'enqueueBulk'>;
  logger: OutboxLogger;
  /** Rows per transaction, relayed together (default 100). */
  batchSize?: number;
  /**
   * How long one `addBulk` (the rows of one job name in a batch) may take before its rows are left for later
   * (default 1 s): a Redis that does not answer must not hold a request. One that completes after its timeout is
   * harmless (same job ids).
   */
  enqueueTimeoutMs?: number;
  /** Enqueued rows are deleted after this many days (default 7; deleted by the sweeps of the periodic relay, at most hourly). */
  retentionDays?: number;
}

export interface OutboxFlushResult {
  /** Rows handed to the queue by this flush. */
  enqueued: number;
  /** Whether a row could not be enqueued (it stays for the next flush). */
  failed: boolean;
}

interface PendingRow {
  id: string;
  job_name: JobName;
  payload: unknown;
  job_id: string;
  run_at: string | null;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/**
 * Hands committed outbox rows to the job queue, oldest first. `flushBatch()` after a request's commit keeps jobs
 * prompt (one batch at most); `flush()` relays everything pending; `start()` relays periodically what a request
 * left (Redis down, a backlog, a crash right after a commit).
 * Rows are locked with `FOR UPDATE SKIP LOCKED`, so two processes never relay the same row at the same time.
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly batchSize: number;
  private active: Promise<OutboxFlushResult> | null = null;
  private queued: Promise<OutboxFlushResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPurge = 0;
  /** The last flush left rows behind: the periodic relay retries them. */
  private retryNeeded = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.table = tableOf(options.schema);
    this.batchSize = options.batchSize ?? 100;
  }

  /**
   * Relays every committed pending row. Never throws: a failure is logged and its row stays for later.
   * Calls made while a flush runs share one follow-up flush, which starts after the running one, so a row
   * committed before the call is always looked at.
   */
  flush(): Promise<OutboxFlushResult> {
    if (this.queued) return this.queued;
    const running = this.active;
    if (!running) {
      const run = this.flushNow().finally(() => {
        if (this.active === run) this.active = null;
      });
      this.active = run;
      return run;
    }
    const next: Promise<OutboxFlushResult> = running.then(() => {
      this.queued = null;
      this.active = next;
      return this.flushNow().finally(() => {
        if (this.active === next) this.active = null;
      });
    });
    this.queued = next;
    return next;
  }

  /**
   * The flush of a request, after its commit: relays at most one batch (the oldest pending rows, `batchSize`), so
   * that a request never relays a whole backlog (after an outage, the first request would otherwise send everything).
   * What it leaves (a full batch, a refusal) is left to the periodic relay, told to retry at its next tick.
   * Never throws, like `flush()`.
   */
  async flushBatch(): Promise<OutboxFlushResult> {
    try {
      const batch = await this.options.database.transaction((q) => this.relayBatch(q));
      if (batch.failed || batch.seen >= this.batchSize) this.retryNeeded = true;
      return { enqueued: batch.enqueued, failed: batch.failed };
    } catch (error) {
      this.options.logger.warn({ err: error, outbox: this.table }, 'outbox: relay failed (database), rows stay for the next relay');
      this.retryNeeded = true;
      return { enqueued: 0, failed: true };
    }
  }

  private async flushNow(): Promise<OutboxFlushResult> {
    const result = await this.flushAll();
    this.retryNeeded = result.failed;
    return result;
  }

  private async flushAll(): Promise<OutboxFlushResult> {
    let enqueued = 0;
    try {
      for (;;) {
        const batch = await this.options.database.transaction((q) => this.relayBatch(q));
        enqueued += batch.enqueued;
        if (batch.failed) return { enqueued, failed: true };
        if (batch.seen < this.batchSize) return { enqueued, failed: false };
      }
    } catch (error) {
      this.options.logger.warn({ err: error, outbox: this.table }, 'outbox: relay failed (database), rows stay for the next relay');
      return { enqueued, failed: true };
    }
  }

  /**
   * One transaction: claims up to `batchSize` pending rows (oldest first, `SKIP LOCKED`), sends them with one
   * `addBulk` per job name (names in the order of their oldest row, rows in order within a name), and marks each
   * name's rows once Redis has accepted them. When Redis refuses a name's rows, they get the error and the rows of
   * the names after it are not tried: all stay pending for the next relay.
   */
  private async relayBatch(q: OutboxQueryable): Promise<{ seen: number; enqueued: number; failed: boolean }> {
    const rows = (await q.query(
      // `o.id`, the bigint: a bare `id` would sort by the text alias ('10' before '9').
      // run_at: optional column (delayed jobs), read through to_jsonb so that a table without it still works.
      `SELECT o.id::text AS id, o.job_name, o.payload, o.job_id, to_jsonb(o) ->> 'run_at' AS run_at FROM ${this.table} o
       WHERE o.enqueued_at IS NULL ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.batchSize],
    )) as PendingRow[];
    const byName = new Map<JobName, PendingRow[]>();
    for (const row of rows) {
      const same = byName.get(row.job_name);
      if (same) same.push(row);
      else byName.set(row.job_name, [row]);
    }
    const enqueueTimeoutMs = this.options.enqueueTimeoutMs ?? 1000;
    let enqueued = 0;
    for (const [name, group] of byName) {
      const ids = group.map((row) => row.id);
      try {
        await withTimeout(
          this.options.jobs.enqueueBulk(
            name,
            group.map((row) => {
              const delay = row.run_at ? Date.parse(row.run_at) - Date.now() : 0;
              return { payload: row.payload as JobPayloads[JobName], options: { jobId: row.job_id, ...(delay > 0 ? { delay } : {}) } };
            }),
          ),
          enqueueTimeoutMs,
          `no answer from the job queue within ${enqueueTimeoutMs} ms`,
        );
      } catch (error) {
        // Redis refusing these jobs refuses the next ones too: the rest of the batch waits with them.
        await q.query(`UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [ids, errorText(error)]);
        this.options.logger.warn(
          { err: error, outbox: this.table, job: name, rows: group.length, jobIds: group.slice(0, 10).map((row) => row.job_id) },
          'outbox: enqueue refused, the row stays for the next relay',
        );
        return { seen: rows.length, enqueued, failed: true };
      }
      await q.query(
        `UPDATE ${this.table} SET enqueued_at = clock_timestamp(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      enqueued += group.length;
    }
    return { seen: rows.length, enqueued, failed: false };
  }

  /**
   * Deletes rows enqueued longer ago than the retention; returns how many. Counted by a SELECT: a TypeORM manager
   * answers a bare DELETE with `[rows, rowCount]`, a pg client with the rows.
   */
  async purge(): Promise<number> {
    const days = this.options.retentionDays ?? 7;
    const rows = (await this.options.database.transaction((q) =>
      q.query(
        `WITH purged AS (DELETE FROM ${this.table} WHERE enqueued_at < now() - make_interval(days => $1) RETURNING 1)
         SELECT count(*)::int AS n FROM purged`,
        [days],
      ),
    )) as { n: number }[];
    return rows[0]!.n;
  }

  /**
   * Relays in the background (in the service process) until `stop()`: at once (rows a previous process left),
   * then every `intervalMs` while a flush has failed (Redis or PostgreSQL down), and every `sweepMs` anyway
   * (rows of a process that died between its commit and its flush). When everything went out, the relay
   * sends no query between sweeps.
   */
  start(intervalMs: number, options: { sweepMs?: number } = {}): void {
    if (this.timer) return;
    const sweepMs = options.sweepMs ?? 5 * 60_000;
    let lastSweep = 0;
    const tick = async () => {
      const sweep = Date.now() - lastSweep >= sweepMs;
      if (!sweep && !this.retryNeeded) return;
      if (sweep) lastSweep = Date.now();
      await this.flush();
      if (!sweep || Date.now() - this.lastPurge < 3_600_000) return;
      this.lastPurge = Date.now();
      await this.purge().catch((error: unknown) => this.options.logger.warn({ err: error, outbox: this.table }, 'outbox: purge failed'));
    };
    this.timer = setInterval(() => void tick(), intervalMs);
    this.timer.unref();
    void tick();
  }

  /** Stops the periodic relay and waits for a flush under way. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await (this.queued ?? this.active);
  }
}

/** What a service's outbox needs of the service's dependencies (a `ServiceDeps` of @metropotes/graphql-kit fits). */
export interface ServiceOutboxDeps<Tx extends OutboxQueryable> {
  /** The service's data source: runs a function in one transaction (a TypeORM DataSource: `Tx` is its EntityManager). */
  dataSource: TransactionSource<Tx>;
  jobs: Pick<JobQueues, 'enqueueBulk'>;
  logger: OutboxLogger;
}

/** Runs a function in one database transaction, handing it the transaction (a TypeORM DataSource fits). */
export interface TransactionSource<Tx> {
  transaction<T>(run: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Writes jobs into a service's outbox, in the transaction of `withOutbox` (`add`: one job, its id from `jobIdOf`
 * unless given; `addMany`: several with one statement). The jobs go out once the transaction has committed.
 */
export class OutboxWriter {
  /** Whether this transaction wrote a job (then `withOutbox` relays after the commit). */
  written = false;

  constructor(
    private readonly tx: OutboxQueryable,
    private readonly schema: string,
  ) {}

  /** One job; `jobId` defaults to `jobIdOf(name, payload)` (pass it for the kinds whose id takes a discriminator). */
  add<N extends DedupedJobName>(name: N, payload: JobPayloads[N], options: { jobId?: string; runAt?: Date } = {}): Promise<void> {
    const jobId = options.jobId ?? (jobIdOf as (name: N, payload: JobPayloads[N]) => string)(name, payload);
    return this.addMany([{ name, payload, jobId, runAt: options.runAt } as OutboxRow]);
  }

  /** Several jobs with one statement, in this order (`addManyToOutbox`). No rows, no statement. */
  async addMany(rows: readonly OutboxRow[]): Promise<void> {
    if (!rows.length) return;
    await addManyToOutbox(this.tx, this.schema, rows);
    this.written = true;
  }
}

/**
 * A service's outbox: its schema's `job_outbox`, its data source and its one relay. Built once, in the service's
 * composition root (where its long-lived objects are made), and handed to whoever writes jobs: they write through
 * `withOutbox(outbox, async (tx, jobs) => …)`, which relays after the commit by itself. The same relay runs in the
 * background of the service process (`background()`, a `SubgraphSpec.background`), for what a request could not send.
 */
export class ServiceOutbox<Tx extends OutboxQueryable = OutboxQueryable> {
  readonly relay: OutboxRelay;
  readonly dataSource: TransactionSource<Tx>;
  /** The writers of the transactions under way (`withOutbox`), by transaction: `writerIn` finds them. */
  private readonly writers = new WeakMap<object, OutboxWriter>();

  constructor(
    readonly schema: string,
    deps: ServiceOutboxDeps<Tx>,
    relayOptions: Pick<OutboxRelayOptions, 'batchSize' | 'enqueueTimeoutMs' | 'retentionDays'> = {},
  ) {
    tableOf(schema);
    this.dataSource = deps.dataSource;
    this.relay = new OutboxRelay({ ...relayOptions, schema, database: deps.dataSource, jobs: deps.jobs, logger: deps.logger });
  }

  /**
   * The writer of a transaction opened by `withOutbox` (for code that was handed the transaction only, deeper in the
   * call). Throws for any other transaction: a job written there would not be relayed after its commit.
   */
  writerIn(tx: OutboxQueryable): OutboxWriter {
    const writer = this.writers.get(tx);
    if (!writer) throw new Error(`outbox: jobs of ${this.schema} are written in a transaction of withOutbox`);
    return writer;
  }

  /** @internal `withOutbox`'s step: runs `fn` in a transaction with its writer, then relays one batch if it wrote. */
  async run<T>(fn: (tx: Tx, jobs: OutboxWriter) => Promise<T>): Promise<T> {
    let writer: OutboxWriter | undefined;
    const result = await this.dataSource.transaction(async (tx) => {
      writer = new OutboxWriter(tx, this.schema);
      this.writers.set(tx, writer);
      try {
        return await fn(tx, writer);
      } finally {
        this.writers.delete(tx);
      }
    });
    // After the commit only (a rolled-back transaction threw above: nothing to relay). One batch at most; never throws.
    if (writer?.written) await this.relay.flushBatch();
    return result;
  }

  /**
   * The service's periodic relay, as its `SubgraphSpec.background` (@metropotes/graphql-kit): starts this outbox's relay
   * with the service, retrying every `intervalMs` after a refusal and sweeping every 5 minutes anyway (rows Redis
   * refused at the commit, a crash right after it), and stops it before the connections close.
   */
  background(intervalMs = 2000): { stop(): Promise<void> } {
    this.relay.start(intervalMs);
    return { stop: () => this.relay.stop() };
  }
}

/**
 * Runs `fn` in one transaction of the service's data source, with a writer of the service's outbox (`jobs.add(...)`):
 * the jobs it writes are committed with its changes, and relayed to the queue after the commit, by this call (one
 * batch at most: a backlog goes out with the periodic relay; Redis refusing loses nothing). A transaction that rolls
 * back (`fn` throws) writes and enqueues nothing.
 */
export function withOutbox<Tx extends OutboxQueryable, T>(outbox: ServiceOutbox<Tx>, fn: (tx: Tx, jobs: OutboxWriter) => Promise<T>): Promise<T> {
  return outbox.run(fn);
}

/**
 * For a service's composition root whose dependencies are made at boot (a `SubgraphSpec`: its `buildContext` and
 * `background` receive them): the service's one `ServiceOutbox`, built at the first call with those dependencies and
 * the same instance after (a spec booted again with other dependencies gets a new one). Call it once per spec, in the
 * function building the spec, never at module level.
 */
export function serviceOutboxOnce<Tx extends OutboxQueryable>(schema: string): (deps: ServiceOutboxDeps<Tx>) => ServiceOutbox<Tx> {
  let built: { dataSource: TransactionSource<Tx>; outbox: ServiceOutbox<Tx> } | undefined;
  return (deps) => {
    if (built?.dataSource !== deps.dataSource) built = { dataSource: deps.dataSource, outbox: new ServiceOutbox(schema, deps) };
    return built.outbox;
  };
}
