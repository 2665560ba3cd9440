import { dropDatabase, ensureDatabase } from '@metropotes/database';
import {
  addManyToOutbox,
  addToOutbox,
  dropOutboxTableSql,
  jobIdProblem,
  OutboxRelay,
  outboxTableSql,
  JobQueues,
  ServiceOutbox,
  withOutbox,
  type OutboxDatabase,
  type OutboxQueryable,
} from '@metropotes/jobs';
import { deleteRedisPrefix, TcpProxy, testDatabaseServerUrl, testRedisUrl, viaProxy } from '@metropotes/test-kit';
import { randomBytes } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';

/** The shared transactional outbox, against a real PostgreSQL and a real Redis (BullMQ). */
describe('transactional outbox (packages/jobs)', () => {
  const runId = randomBytes(5).toString('hex');
  const base = new URL(testDatabaseServerUrl());
  base.pathname = `/metropotes_outbox_${runId}`;
  const databaseUrl = base.toString();
  const redisUrl = testRedisUrl();
  const prefix = `test-outbox-${runId}`;
  const schema = 'svc';
  const table = `${schema}.job_outbox`;
  let pool: Pool;
  let jobs: JobQueues;
  const warnings: string[] = [];
  const logger = { warn: (_: object, msg: string) => void warnings.push(msg), error: (_: object, msg: string) => void warnings.push(msg) };

  /** A pg pool as the relay's database: one client per transaction. */
  const database = (p: Pool): OutboxDatabase => ({
    async transaction<T>(run: (q: OutboxQueryable) => Promise<T>): Promise<T> {
      const client = await p.connect();
      try {
        await client.query('BEGIN');
        const result = await run({ query: async (sql, params) => (await client.query(sql, params as unknown[])).rows });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  });

  type Bulk = JobQueues['enqueueBulk'];
  interface Call {
    name: string;
    jobIds: string[];
  }

  /** Enqueues through the real queues and records each call (one per `addBulk`) and the job ids it was given, in order. */
  const recording = (queues: Pick<JobQueues, 'enqueueBulk'>, seen: string[], calls: Call[] = []) => ({
    enqueueBulk: ((name, list) => {
      const jobIds = list.map((job) => String(job.options?.jobId));
      calls.push({ name, jobIds });
      seen.push(...jobIds);
      return queues.enqueueBulk(name, list);
    }) as Bulk,
  });

  const pending = async () =>
    (
      await pool.query<{ job_id: string; attempts: number; last_error: string | null }>(
        `SELECT job_id, attempts, last_error FROM ${table} WHERE enqueued_at IS NULL ORDER BY id`,
      )
    ).rows;

  const fanoutJob = (id: string) => jobs.queue('fanout').getJob(id);

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    pool = new Pool({ connectionString: databaseUrl, max: 6 });
    // pg-pool's end() resolves before its sockets are closed, and afterAll then drops the database WITH (FORCE): the
    // server's "terminating connection" would reach a closing client as an unhandled 'error' and fail the file.
    pool.on('error', () => undefined);
    await pool.query(`CREATE SCHEMA ${schema}`);
    for (const sql of outboxTableSql(schema)) await pool.query(sql);
    jobs = new JobQueues({ redisUrl, prefix });
  });

  afterAll(async () => {
    await jobs?.close();
    await pool?.end();
    await dropDatabase(databaseUrl);
    await deleteRedisPrefix(redisUrl, prefix);
  });

  beforeEach(async () => {
    await pool.query(`DELETE FROM ${table}`);
    warnings.length = 0;
  });

  async function inTransaction(work: (client: PoolClient) => Promise<void>, commit = true): Promise<void> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } finally {
      client.release();
    }
  }

  it('creates the same table for any schema, and refuses a schema name that is not an identifier', () => {
    expect(outboxTableSql('events')[0]).toContain('CREATE TABLE events.job_outbox');
    expect(dropOutboxTableSql('events')).toEqual(['DROP TABLE events.job_outbox']);
    expect(() => outboxTableSql('events; DROP TABLE x')).toThrow(/invalid schema name/);
  });

  it('refuses at write time a job id BullMQ would always refuse (an integer, a colon unless in 3 parts), which would block the rows behind it', async () => {
    const refused = ['', '42', '-7', 'a:b', 'a:b:c:d'];
    for (const jobId of refused) {
      expect(jobIdProblem(jobId)).not.toBeNull();
      await expect(inTransaction((c) => addToOutbox(c, schema, 'event.cancelled', { eventId: 'x' }, jobId))).rejects.toThrow(
        /outbox: invalid job id/,
      );
    }
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);
    // The same rule as BullMQ's: what it refuses is refused here, what it takes is taken here.
    for (const jobId of refused.slice(1))
      await expect(jobs.enqueue('event.cancelled', { eventId: 'x' }, { jobId })).rejects.toThrow(/Custom Id cannot/);
    const accepted = [`a:b:${runId}`, `42-${runId}`, `${runId}x`];
    await inTransaction(async (c) => {
      for (const jobId of accepted) await addToOutbox(c, schema, 'event.cancelled', { eventId: jobId }, jobId);
    });
    expect(await new OutboxRelay({ schema, database: database(pool), jobs, logger }).flush()).toEqual({ enqueued: 3, failed: false });
    for (const jobId of accepted) expect((await fanoutJob(jobId))?.data).toEqual({ eventId: jobId });
  });

  it('relays committed rows oldest first with their job id, marks them, and never relays a rolled-back row', async () => {
    await inTransaction(async (c) => {
      await addToOutbox(c, schema, 'event.cancelled', { eventId: `e1-${runId}` }, `order-1-${runId}`);
      await addToOutbox(c, schema, 'registration.promoted', { registrationId: 'r', eventId: 'e', memberId: 'm' }, `order-2-${runId}`);
    });
    await inTransaction(async (c) => addToOutbox(c, schema, 'event.cancelled', { eventId: 'never' }, `rolled-back-${runId}`), false);
    await inTransaction(async (c) => addToOutbox(c, schema, 'event.cancelled', { eventId: `e3-${runId}` }, `order-3-${runId}`));

    const seen: string[] = [];
    const relay = new OutboxRelay({ schema, database: database(pool), jobs: recording(jobs, seen), logger, batchSize: 2 });
    expect(await relay.flush()).toEqual({ enqueued: 3, failed: false });
    expect(seen).toEqual([`order-1-${runId}`, `order-2-${runId}`, `order-3-${runId}`]);
    expect(await pending()).toEqual([]);
    const job = await fanoutJob(`order-1-${runId}`);
    expect(job?.name).toBe('event.cancelled');
    expect(job?.data).toEqual({ eventId: `e1-${runId}` });
    expect(await fanoutJob(`rolled-back-${runId}`)).toBeUndefined();
    // Nothing left: a second flush enqueues nothing.
    expect(await relay.flush()).toEqual({ enqueued: 0, failed: false });
    expect(seen).toHaveLength(3);
  });

  it('does not see a row whose transaction has not committed yet', async () => {
    const relay = new OutboxRelay({ schema, database: database(pool), jobs, logger });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await addToOutbox(client, schema, 'event.cancelled', { eventId: 'late' }, `uncommitted-${runId}`);
      expect(await relay.flush()).toEqual({ enqueued: 0, failed: false });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await relay.flush()).toEqual({ enqueued: 1, failed: false });
  });

  it('addManyToOutbox writes several rows with one statement, in order; one bad job id refuses the whole batch', async () => {
    const statements: string[] = [];
    /** Runs through `q` and records each statement sent. */
    const counting = (q: OutboxQueryable): OutboxQueryable => ({
      query: (sql, params) => {
        statements.push(sql);
        return q.query(sql, params);
      },
    });
    const rows = [
      { name: 'event.cancelled', payload: { eventId: 'm1' }, jobId: `many-1-${runId}` },
      { name: 'registration.promoted', payload: { registrationId: 'r', eventId: 'e', memberId: 'm' }, jobId: `many-2-${runId}` },
      { name: 'event.cancelled', payload: { eventId: 'm3' }, jobId: `many-3-${runId}` },
    ] as const;
    await inTransaction(async (c) => {
      const q = counting({ query: async (sql, params) => (await c.query(sql, params as unknown[])).rows });
      await addManyToOutbox(q, schema, rows);
      await addManyToOutbox(q, schema, []);
    });
    expect(statements).toHaveLength(1);
    const written = (await pool.query(`SELECT job_name, payload, job_id FROM ${table} ORDER BY id`)).rows;
    expect(written).toEqual(rows.map((row) => ({ job_name: row.name, payload: row.payload, job_id: row.jobId })));

    // Outside a transaction (each statement commits by itself): a row written before the bad one would stay.
    statements.length = 0;
    const autocommit = counting({ query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows });
    await expect(
      addManyToOutbox(autocommit, schema, [
        { name: 'event.cancelled', payload: { eventId: 'good' }, jobId: `good-${runId}` },
        { name: 'event.cancelled', payload: { eventId: 'bad' }, jobId: 'a:b' },
      ]),
    ).rejects.toThrow('outbox: invalid job id "a:b"');
    expect(statements).toEqual([]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(3);

    expect(await new OutboxRelay({ schema, database: database(pool), jobs, logger }).flush()).toEqual({ enqueued: 3, failed: false });
    expect((await fanoutJob(`many-2-${runId}`))?.data).toEqual({ registrationId: 'r', eventId: 'e', memberId: 'm' });
  });

  it('a row relayed twice (Redis accepted but the answer was lost before the mark, or added twice) gives one job', async () => {
    const jobId = `twice-${runId}`;
    await inTransaction(async (c) => {
      await addToOutbox(c, schema, 'event.cancelled', { eventId: 'twice' }, jobId);
      await addToOutbox(c, schema, 'event.cancelled', { eventId: 'twice' }, jobId);
    });
    const seen: string[] = [];
    const inner = recording(jobs, seen);
    // Redis takes the jobs, but the relay never hears it (a timeout, a crash): the rows are not marked.
    const lostAnswer = {
      enqueueBulk: (async (...args: Parameters<Bulk>) => {
        await inner.enqueueBulk(...args);
        throw new Error('answer lost');
      }) as Bulk,
    };
    expect(await new OutboxRelay({ schema, database: database(pool), jobs: lostAnswer, logger }).flush()).toEqual({ enqueued: 0, failed: true });
    expect((await pending()).map((r) => [r.job_id, r.attempts, r.last_error])).toEqual([
      [jobId, 1, 'answer lost'],
      [jobId, 1, 'answer lost'],
    ]);
    const queue = jobs.queue('fanout');
    const first = await queue.getJob(jobId);
    expect(first?.data).toEqual({ eventId: 'twice' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await new OutboxRelay({ schema, database: database(pool), jobs: inner, logger }).flush()).toEqual({ enqueued: 2, failed: false });
    expect(seen).toEqual([jobId, jobId, jobId, jobId]);
    expect(await pending()).toEqual([]);
    // BullMQ keeps one hash per id, so counting jobs by id cannot see a second add: the job was not re-added if it
    // still carries the time of its first add, and its id is once in the queue's waiting list.
    const again = await queue.getJob(jobId);
    expect(again?.timestamp).toBe(first!.timestamp);
    const client = await queue.client;
    const waiting = await client.lrange(queue.toKey('wait'), 0, -1);
    expect(waiting.filter((id) => id === jobId)).toHaveLength(1);
  });

  it('relays a batch of many rows in one transaction, with one addBulk per job name; payloads are kept', async () => {
    await inTransaction(async (c) => {
      for (let i = 0; i < 250; i += 1) {
        if (i % 5 === 4) {
          await addToOutbox(c, schema, 'registration.promoted', { registrationId: `r${i}`, eventId: 'e', memberId: 'm' }, `bulk-p-${i}-${runId}`);
        } else {
          await addToOutbox(c, schema, 'event.cancelled', { eventId: `bulk-${i}` }, `bulk-c-${i}-${runId}`);
        }
      }
    });
    let transactions = 0;
    const db = database(pool);
    const counting: OutboxDatabase = { transaction: (run) => ((transactions += 1), db.transaction(run)) };
    const seen: string[] = [];
    const calls: Call[] = [];
    const relay = new OutboxRelay({ schema, database: counting, jobs: recording(jobs, seen, calls), logger, batchSize: 200 });
    expect(await relay.flush()).toEqual({ enqueued: 250, failed: false });
    // Two batches (200, then 50): one transaction and one addBulk per job name each.
    expect(transactions).toBe(2);
    expect(calls.map((c) => [c.name, c.jobIds.length])).toEqual([
      ['event.cancelled', 160],
      ['registration.promoted', 40],
      ['event.cancelled', 40],
      ['registration.promoted', 10],
    ]);
    // Oldest first within a name.
    expect(calls[0]!.jobIds.slice(0, 3)).toEqual([`bulk-c-0-${runId}`, `bulk-c-1-${runId}`, `bulk-c-2-${runId}`]);
    expect(new Set(seen).size).toBe(250);
    expect(await pending()).toEqual([]);
    expect((await fanoutJob(`bulk-c-198-${runId}`))?.data).toEqual({ eventId: 'bulk-198' });
    expect((await fanoutJob(`bulk-p-249-${runId}`))?.data).toEqual({ registrationId: 'r249', eventId: 'e', memberId: 'm' });
    const { rows } = await pool.query<{ n: number; scrubbed: boolean; attempts: number }>(
      `SELECT count(*)::int AS n, bool_or(payload = '{}'::jsonb) AS scrubbed, max(attempts) AS attempts FROM ${table} WHERE enqueued_at IS NOT NULL`,
    );
    expect(rows[0]).toEqual({ n: 250, scrubbed: false, attempts: 1 });
  });

  it('two relays flushing at once (two service processes) enqueue each row once', async () => {
    await inTransaction(async (c) => {
      for (let i = 0; i < 30; i += 1) await addToOutbox(c, schema, 'event.cancelled', { eventId: `c${i}` }, `concurrent-${i}-${runId}`);
    });
    const seen: string[] = [];
    const otherPool = new Pool({ connectionString: databaseUrl, max: 2 });
    otherPool.on('error', () => undefined);
    try {
      const a = new OutboxRelay({ schema, database: database(pool), jobs: recording(jobs, seen), logger, batchSize: 5 });
      const b = new OutboxRelay({ schema, database: database(otherPool), jobs: recording(jobs, seen), logger, batchSize: 5 });
      const [ra, rb] = await Promise.all([a.flush(), b.flush()]);
      expect(ra.enqueued + rb.enqueued).toBe(30);
    } finally {
      await otherPool.end();
    }
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
    expect(await pending()).toEqual([]);
  });

  it('calls made during a flush share one follow-up flush that sees rows committed before the call', async () => {
    const seen: string[] = [];
    // The first flush is held inside its enqueue until the second row is committed and both calls are made.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const holding = new Promise<void>((resolve) => (entered = resolve));
    const inner = recording(jobs, seen);
    const gated = {
      enqueueBulk: (async (...args: Parameters<Bulk>) => {
        entered();
        await held;
        return inner.enqueueBulk(...args);
      }) as Bulk,
    };
    const relay = new OutboxRelay({ schema, database: database(pool), jobs: gated, logger });
    await inTransaction(async (c) => addToOutbox(c, schema, 'event.cancelled', { eventId: 'x' }, `first-${runId}`));
    const first = relay.flush();
    await holding;
    await inTransaction(async (c) => addToOutbox(c, schema, 'event.cancelled', { eventId: 'y' }, `second-${runId}`));
    const second = relay.flush();
    const third = relay.flush();
    expect(third).toBe(second);
    release();
    await Promise.all([first, second]);
    expect(seen.sort()).toEqual([`first-${runId}`, `second-${runId}`].sort());
    expect(await pending()).toEqual([]);
  });

  it("a request's flushBatch relays one batch at most (oldest first) and leaves the backlog to the periodic relay, told to retry", async () => {
    const relay = new OutboxRelay({ schema, database: database(pool), jobs, logger, batchSize: 10 });
    // The periodic relay has swept (nothing pending) and has no reason to run before its next sweep.
    relay.start(20, { sweepMs: 600_000 });
    await new Promise((r) => setTimeout(r, 100));
    await inTransaction(async (c) => {
      for (let i = 0; i < 25; i += 1) await addToOutbox(c, schema, 'event.cancelled', { eventId: `b${i}` }, `backlog-${i}-${runId}`);
    });
    try {
      expect(await relay.flushBatch()).toEqual({ enqueued: 10, failed: false });
      const left = (await pending()).map((row) => row.job_id);
      expect(left).toEqual(Array.from({ length: 15 }, (_, i) => `backlog-${i + 10}-${runId}`));
      // The periodic relay sends the rest at its next ticks, long before its next sweep.
      for (let i = 0; i < 50 && (await pending()).length; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(await pending()).toEqual([]);
    } finally {
      await relay.stop();
    }
    // A batch that is not full leaves nothing: the periodic relay has no reason to run.
    await inTransaction((c) => addToOutbox(c, schema, 'event.cancelled', { eventId: 'one' }, `one-${runId}`));
    expect(await new OutboxRelay({ schema, database: database(pool), jobs, logger, batchSize: 10 }).flushBatch()).toEqual({
      enqueued: 1,
      failed: false,
    });
    expect(await pending()).toEqual([]);
  });

  it('purge deletes the rows enqueued longer ago than the retention, and counts them, through a TypeORM-shaped query too', async () => {
    await inTransaction(async (c) => {
      for (const id of ['old-1', 'old-2', 'old-3', 'recent', 'pending'])
        await addToOutbox(c, schema, 'event.cancelled', { eventId: id }, `${id}-${runId}`);
    });
    await pool.query(`UPDATE ${table} SET enqueued_at = now() - interval '8 days' WHERE job_id LIKE 'old-%'`);
    await pool.query(`UPDATE ${table} SET enqueued_at = now() - interval '6 days' WHERE job_id LIKE 'recent-%'`);
    // TypeORM's EntityManager.query answers [rows, rowCount] for an UPDATE or a DELETE, the rows for anything else.
    const typeormLike: OutboxDatabase = {
      transaction: (run) =>
        run({
          async query(sql, params) {
            const result = await pool.query(sql, params as unknown[]);
            return result.command === 'DELETE' || result.command === 'UPDATE' ? [result.rows, result.rowCount] : result.rows;
          },
        }),
    };
    expect(await new OutboxRelay({ schema, database: typeormLike, jobs, logger }).purge()).toBe(3);
    const left = await pool.query<{ job_id: string }>(`SELECT job_id FROM ${table} ORDER BY id`);
    expect(left.rows.map((row) => row.job_id)).toEqual([`recent-${runId}`, `pending-${runId}`]);
    expect(await new OutboxRelay({ schema, database: database(pool), jobs, logger, retentionDays: 5 }).purge()).toBe(1);
  });

  it('withOutbox commits the rows with the change, and the job is in the queue once the call returns (after the commit)', async () => {
    const outbox = new ServiceOutbox(schema, { dataSource: database(pool), jobs, logger });
    const eventId = '00000000-0000-4000-8000-00000000c0de';
    const jobId = `event-cancelled-${eventId}`;
    await jobs.queue('fanout').remove(jobId);
    const seenInside = await withOutbox(outbox, async (tx, out) => {
      await out.add('event.cancelled', { eventId });
      await out.add('event.change-notice', { eventId, noticeId: `00000000-0000-4000-8000-${runId}00` }, { jobId: `notice-${runId}` });
      // Inside the transaction: written there, not committed (another connection sees nothing), not enqueued.
      expect((await tx.query(`SELECT job_id FROM ${table} ORDER BY id`)) as { job_id: string }[]).toEqual([
        { job_id: jobId },
        { job_id: `notice-${runId}` },
      ]);
      expect(await pending()).toEqual([]);
      expect(await fanoutJob(jobId)).toBeUndefined();
      return 'done';
    });
    expect(seenInside).toBe('done');
    // The call relayed after its commit: both jobs are in the queue, their rows marked.
    expect((await fanoutJob(jobId))?.data).toEqual({ eventId });
    expect((await fanoutJob(`notice-${runId}`))?.name).toBe('event.change-notice');
    expect(await pending()).toEqual([]);
    const { rows } = await pool.query<{ job_id: string; enqueued: boolean }>(
      `SELECT job_id, enqueued_at IS NOT NULL AS enqueued FROM ${table} ORDER BY id`,
    );
    expect(rows).toEqual([
      { job_id: jobId, enqueued: true },
      { job_id: `notice-${runId}`, enqueued: true },
    ]);
  });

  it('a transaction of withOutbox that rolls back writes and enqueues nothing; one that writes no job relays nothing', async () => {
    let transactions = 0;
    const db = database(pool);
    const counting: OutboxDatabase = { transaction: (run) => ((transactions += 1), db.transaction(run)) };
    const outbox = new ServiceOutbox(schema, { dataSource: counting, jobs, logger });
    const eventId = `00000000-0000-4000-8000-${runId}01`;
    await expect(
      withOutbox(outbox, async (_tx, out) => {
        await out.add('event.cancelled', { eventId });
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(0);
    expect(await fanoutJob(`event-cancelled-${eventId}`)).toBeUndefined();
    // Only the rolled-back transaction ran: no relay after it.
    expect(transactions).toBe(1);
    await withOutbox(outbox, async (tx) => tx.query('SELECT 1'));
    expect(transactions).toBe(2);
  });

  it('writerIn finds the writer of a withOutbox transaction, and refuses any other transaction', async () => {
    const outbox = new ServiceOutbox(schema, { dataSource: database(pool), jobs, logger });
    const eventId = `00000000-0000-4000-8000-${runId}02`;
    await withOutbox(outbox, async (tx) => {
      await outbox.writerIn(tx).add('event.cancelled', { eventId });
    });
    expect((await fanoutJob(`event-cancelled-${eventId}`))?.data).toEqual({ eventId });
    await expect(
      inTransaction(async (client) => void outbox.writerIn({ query: (sql, params) => client.query(sql, params as unknown[]) })),
    ).rejects.toThrow(/written in a transaction of withOutbox/);
  });

  it("a service outbox's background relay sends what requests left, and stops with the service", async () => {
    await inTransaction((c) => addToOutbox(c, schema, 'event.cancelled', { eventId: 'bg' }, `background-${runId}`));
    const outbox = new ServiceOutbox(schema, { dataSource: database(pool), jobs, logger });
    const start = jest.spyOn(outbox.relay, 'start');
    const stop = jest.spyOn(outbox.relay, 'stop');
    const background = outbox.background(20);
    expect(start).toHaveBeenCalledWith(20);
    for (let i = 0; i < 50 && (await pending()).length; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(await pending()).toEqual([]);
    expect((await fanoutJob(`background-${runId}`))?.data).toEqual({ eventId: 'bg' });
    await background.stop();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('the periodic relay queries at start, then only while a flush has failed or when a sweep is due', async () => {
    let transactions = 0;
    const db = database(pool);
    const counting: OutboxDatabase = { transaction: (run) => ((transactions += 1), db.transaction(run)) };
    const relay = new OutboxRelay({ schema, database: counting, jobs, logger });
    relay.start(20, { sweepMs: 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    await relay.stop();
    // The first sweep: one flush, one purge of old rows; then nothing.
    expect(transactions).toBe(2);

    const sweeping = new OutboxRelay({ schema, database: counting, jobs, logger });
    transactions = 0;
    sweeping.start(20, { sweepMs: 50 });
    await new Promise((r) => setTimeout(r, 300));
    await sweeping.stop();
    expect(transactions).toBeGreaterThanOrEqual(3);
  });

  describe('with Redis refusing', () => {
    const proxy = TcpProxy.to(redisUrl);
    let cutJobs: JobQueues;
    beforeAll(async () => {
      await proxy.start();
      cutJobs = new JobQueues({ redisUrl: viaProxy(redisUrl, proxy), prefix });
      // Connected before Redis "goes down".
      for (let i = 0; ; i += 1) {
        try {
          await cutJobs.ping();
          break;
        } catch (error) {
          if (i > 50) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    });
    afterAll(async () => {
      await cutJobs?.close();
      await proxy.stop();
    });

    it('a refused batch leaves its rows (and the ones after them), logs a warning, never throws; the periodic relay sends them once Redis is back', async () => {
      await proxy.cut();
      await inTransaction(async (c) => {
        await addToOutbox(c, schema, 'event.cancelled', { eventId: 'a' }, `down-1-${runId}`);
        await addToOutbox(c, schema, 'event.cancelled', { eventId: 'b' }, `down-2-${runId}`);
        await addToOutbox(c, schema, 'registration.promoted', { registrationId: 'r', eventId: 'e', memberId: 'm' }, `down-3-${runId}`);
      });
      const relay = new OutboxRelay({ schema, database: database(pool), jobs: cutJobs, logger });
      expect(await relay.flush()).toEqual({ enqueued: 0, failed: true });
      const left = await pending();
      // The first name's rows were tried together; the next name's were not tried.
      expect(left.map((r) => [r.job_id, r.attempts])).toEqual([
        [`down-1-${runId}`, 1],
        [`down-2-${runId}`, 1],
        [`down-3-${runId}`, 0],
      ]);
      expect(left[0]!.last_error).toBeTruthy();
      expect(warnings).toContain('outbox: enqueue refused, the row stays for the next relay');
      expect(await fanoutJob(`down-1-${runId}`)).toBeUndefined();

      await proxy.restore();
      relay.start(100);
      try {
        const deadline = Date.now() + 15_000;
        while ((await pending()).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      } finally {
        await relay.stop();
      }
      expect(await pending()).toEqual([]);
      expect((await fanoutJob(`down-1-${runId}`))?.data).toEqual({ eventId: 'a' });
      expect((await fanoutJob(`down-2-${runId}`))?.data).toEqual({ eventId: 'b' });
      expect((await fanoutJob(`down-3-${runId}`))?.data).toEqual({ registrationId: 'r', eventId: 'e', memberId: 'm' });
    });

    it('Redis going down in the middle of a batch: what it accepted is marked, the rest stays, and nothing is lost or doubled', async () => {
      await inTransaction(async (c) => {
        for (let i = 0; i < 60; i += 1) {
          if (i % 3 === 2) {
            await addToOutbox(c, schema, 'registration.promoted', { registrationId: `mid-${i}`, eventId: 'e', memberId: 'm' }, `mid-p-${i}-${runId}`);
          } else {
            await addToOutbox(c, schema, 'event.cancelled', { eventId: `mid-${i}` }, `mid-c-${i}-${runId}`);
          }
        }
      });
      await cutJobs.ping();
      const seen: string[] = [];
      const calls: Call[] = [];
      const inner = recording(cutJobs, seen, calls);
      // Redis goes down after the relay's first addBulk (the cancellations), before its second one (the promotions).
      const failing = {
        enqueueBulk: (async (...args: Parameters<Bulk>) => {
          if (calls.length === 1) await proxy.cut();
          return inner.enqueueBulk(...args);
        }) as Bulk,
      };
      const relay = new OutboxRelay({ schema, database: database(pool), jobs: failing, logger });
      expect(await relay.flush()).toEqual({ enqueued: 40, failed: true });
      expect(calls.map((c) => [c.name, c.jobIds.length])).toEqual([
        ['event.cancelled', 40],
        ['registration.promoted', 20],
      ]);
      // The times of the accepted jobs' adds: a job added again would carry a later one.
      const accepted = new Map<string, number>();
      for (const id of calls[0]!.jobIds) accepted.set(id, (await jobs.queue('fanout').getJob(id))!.timestamp);
      await new Promise((r) => setTimeout(r, 20));
      const left = await pending();
      expect(left).toHaveLength(20);
      expect(left.every((r) => r.job_id.startsWith('mid-p-') && r.attempts === 1 && r.last_error)).toBe(true);

      // Still down: a retry sends nothing and loses nothing.
      expect(await relay.flush()).toEqual({ enqueued: 0, failed: true });
      expect(await pending()).toHaveLength(20);

      await proxy.restore();
      const deadline = Date.now() + 15_000;
      let result = await relay.flush();
      while (result.failed && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        result = await relay.flush();
      }
      expect(result).toEqual({ enqueued: 20, failed: false });
      expect(await pending()).toEqual([]);
      const all = await jobs.queue('fanout').getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      const mine = all.filter((j) => j.id?.startsWith('mid-') && j.id.endsWith(runId));
      expect(mine).toHaveLength(60);
      // What Redis accepted before it went down was neither sent again nor re-added.
      expect(calls.slice(2).every((c) => c.name === 'registration.promoted')).toBe(true);
      expect(seen.filter((id) => id.startsWith('mid-c-'))).toHaveLength(40);
      for (const [id, timestamp] of accepted) expect(mine.find((j) => j.id === id)?.timestamp).toBe(timestamp);
      expect(mine.find((j) => j.id === `mid-p-2-${runId}`)?.data).toEqual({ registrationId: 'mid-2', eventId: 'e', memberId: 'm' });
    });
  });

  it('a database that fails does not throw to the caller either', async () => {
    // Nothing listens on port 1: connections are refused.
    const down = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    try {
      const relay = new OutboxRelay({ schema, database: database(down), jobs, logger });
      await expect(relay.flush()).resolves.toEqual({ enqueued: 0, failed: true });
    } finally {
      await down.end();
    }
    expect(warnings).toContain('outbox: relay failed (database), rows stay for the next relay');
  });
});
