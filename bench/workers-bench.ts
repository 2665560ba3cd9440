// The workers benchmarks: a no-op job baseline, e-mails per second to a loopback SMTP sink, and one weekly digest
// period composed for the seeded audience (wall time, gateway requests, peak RSS, rows written).
import { JobQueues } from '@metropotes/jobs';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';
import { periodsDueAt } from '../services/workers/src/digest/period';
import { startCountingProxy } from './counting-proxy';
import { cpuSeconds, fail, log, median, rssMiB, run, sleep, stopChild } from './lib';

export interface WorkersBenchContext {
  env: Record<string, string>;
  gatewayUrl: string;
  redisUrl: string;
  portBase: number;
  db: Pool;
  runs: number;
}

interface SmtpSink {
  received(): number;
  lastAt(): number;
  close(): Promise<void>;
}

async function startSmtpSink(port: number): Promise<SmtpSink> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SMTPServer } = require('smtp-server') as typeof import('smtp-server');
  let received = 0;
  let lastAt = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((r, reject) => {
    sink.once('error', reject);
    sink.listen(port, '127.0.0.1', () => r());
  });
  return { received: () => received, lastAt: () => lastAt, close: () => new Promise<void>((r) => sink.close(() => r())) };
}

/** Waits until a workers process consumes its queues: a `system.ping` job completed. */
async function waitForWorkers(queues: JobQueues, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const id = await queues.enqueue('system.ping', { sentAt: new Date().toISOString() }, { attempts: 1 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) fail('the workers process exited while starting (see its output above)');
    const job = await queues.queue('system').getJob(id);
    if (job && (await job.isCompleted())) return;
    if (Date.now() > deadline) fail(`the workers process did not take a job in ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

export interface NoopResult {
  jobs: number;
  ms: number;
  perSecond: number;
  runs: number[];
}

/**
 * The no-op baseline: the built workers' BullMQ host (bench/noop-workers.mjs) with handlers that do nothing,
 * `jobs` `email.requested` jobs enqueued at once on the same queue (mail: same concurrency, same limiter) per run,
 * after one run not measured (the warm-up: connections, Lua scripts loaded, code compiled).
 */
export async function measureNoop(ctx: WorkersBenchContext, jobs = 2000): Promise<NoopResult> {
  log(`\nWorkers, no-op baseline: ${jobs} jobs that do nothing on the mail queue, ${ctx.runs} runs`);
  const prefix = `${ctx.env.REDIS_PREFIX}-noop`;
  const child = run('noop-workers', process.execPath, ['bench/noop-workers.mjs'], {
    ...ctx.env,
    REDIS_PREFIX: prefix,
    MAIL_RATE_PER_SECOND: '10000',
  });
  const queues = new JobQueues({ redisUrl: ctx.redisUrl, prefix });
  try {
    await waitForWorkers(queues, child);
    const mail = queues.queue('mail');
    const times: number[] = [];
    // Run -1: the warm-up, not measured.
    for (let r = -1; r < ctx.runs; r += 1) {
      // The completed jobs of the runs before are removed (not timed): the queue keeps at most 10,000 of them, so
      // counting on from there would stall after five runs.
      await mail.clean(0, 0, 'completed');
      const before = (await mail.getJobCounts('completed')).completed ?? 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: jobs }, (_, i) =>
          queues.enqueue('email.requested', {
            template: 'welcome',
            memberId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            dedupeKey: `noop-${r}-${i}`,
            params: {},
          }),
        ),
      );
      const deadline = Date.now() + 120_000;
      for (;;) {
        const done = ((await mail.getJobCounts('completed')).completed ?? 0) - before;
        if (done >= jobs) break;
        if (Date.now() > deadline) fail(`no-op baseline: only ${done} of ${jobs} jobs completed in 120 s`);
        await sleep(10);
      }
      if (r >= 0) times.push(performance.now() - started);
    }
    const ms = Math.round(median(times));
    const result = { jobs, ms, perSecond: Math.round((jobs * 1000) / ms), runs: times.map((t) => Math.round((jobs * 1000) / t)) };
    log(`  ${jobs} no-op jobs in ${ms} ms (median): ${result.perSecond} jobs/s (runs: ${result.runs.join(', ')} jobs/s)`);
    return result;
  } finally {
    await queues.close();
    await stopChild(child);
  }
}

export interface MailResult {
  count: number;
  ms: number;
  perSecond: number;
  sent: number;
  runs: number[];
  /** CPU seconds of the workers process per run (median), or null without /proc. */
  workersCpuSeconds: number | null;
  /** The machine's CPU busy during the runs (0-1 of all its cores; median), or null without /proc. */
  machineBusy: number | null;
}

/** Busy and total jiffies of all the machine's cores (/proc/stat), or null. */
function machineJiffies(): { busy: number; total: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const values = fields.map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    // idle and iowait
    return { busy: total - values[3]! - (values[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** SMTP connections the workers open to the sink in the e-mail figure (`SMTP_POOL_SIZE`). */
export const MAIL_BENCH_SMTP_POOL = 20;

/**
 * `memberIds.length` welcome e-mails per run through the built workers process to a loopback SMTP sink, after one run
 * not measured (the warm-up: the pools' connections to PostgreSQL, SMTP and the gateway opened, query plans and code
 * compiled).
 */
export async function measureMail(ctx: WorkersBenchContext, memberIds: string[]): Promise<MailResult> {
  log(`\nE-mail worker: ${memberIds.length} welcome e-mails to a loopback SMTP sink, ${ctx.runs} runs`);
  const sink = await startSmtpSink(ctx.portBase + 25);
  const prefix = `${ctx.env.REDIS_PREFIX}-mail`;
  const child = run('workers', process.execPath, ['services/workers/dist/index.js'], {
    ...ctx.env,
    REDIS_PREFIX: prefix,
    GATEWAY_URL: ctx.gatewayUrl,
    SMTP_URL: `smtp://127.0.0.1:${ctx.portBase + 25}`,
    MAIL_RATE_PER_SECOND: '10000',
    MAIL_RECONCILE_INTERVAL_MS: '0',
    // The SMTP pool is what bounds the e-mails a second once the reads are batched: each delivery holds a connection
    // for its SMTP exchange. A relay that accepts 20 connections, as the sink does; production keeps its default (3).
    SMTP_POOL_SIZE: String(MAIL_BENCH_SMTP_POOL),
  });
  const queues = new JobQueues({ redisUrl: ctx.redisUrl, prefix });
  try {
    await waitForWorkers(queues, child);
    const times: number[] = [];
    const cpus: number[] = [];
    const busy: number[] = [];
    // Run -1: the warm-up, not measured (its e-mails have dedupe keys of their own, as every run's).
    for (let r = -1; r < ctx.runs; r += 1) {
      const before = sink.received();
      const cpuBefore = cpuSeconds(child.pid);
      const machineBefore = machineJiffies();
      const started = performance.now();
      await Promise.all(
        memberIds.map((id) =>
          queues.enqueue('email.requested', {
            template: 'welcome',
            memberId: id,
            dedupeKey: `bench-welcome-${r < 0 ? 'warmup' : r}-${id}`,
            params: {},
          }),
        ),
      );
      const until = Date.now() + 120_000;
      while (sink.received() - before < memberIds.length && Date.now() < until) await sleep(20);
      const got = sink.received() - before;
      if (got < memberIds.length) fail(`e-mail worker: only ${got} of ${memberIds.length} e-mails arrived in 120 s`);
      if (r < 0) continue;
      times.push(sink.lastAt() - started);
      const cpuAfter = cpuSeconds(child.pid);
      const machineAfter = machineJiffies();
      if (cpuBefore !== null && cpuAfter !== null) cpus.push(cpuAfter - cpuBefore);
      if (machineBefore && machineAfter) busy.push((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total));
    }
    const ms = Math.round(median(times));
    // The e-mails of the measured runs (not the warm-up's, `bench-welcome-warmup-…`).
    const { rows } = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM workers.emails WHERE state = 'sent' AND template = 'welcome' AND dedupe_key NOT LIKE 'bench-welcome-warmup-%'`,
    );
    const result = {
      count: memberIds.length,
      ms,
      perSecond: Math.round((memberIds.length * 1000) / ms),
      sent: rows[0]!.n,
      runs: times.map((t) => Math.round((memberIds.length * 1000) / t)),
      workersCpuSeconds: cpus.length ? Math.round(median(cpus) * 100) / 100 : null,
      machineBusy: busy.length ? Math.round(median(busy) * 100) / 100 : null,
    };
    log(
      `  ${result.count} e-mails in ${ms} ms (median): ${result.perSecond} e-mails/s (runs: ${result.runs.join(', ')}; rows sent in all: ${result.sent}); ` +
        `workers CPU ${result.workersCpuSeconds ?? 'n/a'} s a run, machine busy ${result.machineBusy === null ? 'n/a' : `${Math.round(result.machineBusy * 100)}%`}`,
    );
    return result;
  } finally {
    await queues.close();
    await stopChild(child);
    await sink.close();
  }
}

export interface DigestResult {
  period: string;
  members: number;
  wallMs: number;
  wallRuns: number[];
  /** CPU seconds the workers process used during the job (median), or null without /proc. */
  cpuSeconds: number | null;
  requests: number;
  byOperation: Record<string, number>;
  membersPerRequest: number;
  peakRssMiB: number | null;
  idleRssMiB: number | null;
  rows: Record<string, number>;
  fichePages: number;
  fichesUpdated: number;
}

/**
 * One weekly digest period composed by the built workers process ('digest.run' job and the 'digest.batch' jobs it
 * fans out, through the gateway as the system), `ctx.runs` times (the period's rows deleted and its delivery jobs drained between runs). The workers
 * reach the gateway through a counting proxy; their RSS is sampled every 50 ms from /proc.
 */
export async function measureDigest(ctx: WorkersBenchContext, audience: number): Promise<DigestResult> {
  log(`\nDigest: one weekly period for ${audience} members, ${ctx.runs} runs`);
  const sink = await startSmtpSink(ctx.portBase + 26);
  const proxy = await startCountingProxy(ctx.gatewayUrl, ctx.portBase + 30);
  const prefix = `${ctx.env.REDIS_PREFIX}-digest`;
  // As in production: the default mail rate (5 a second), so deliveries trickle beside the composition.
  const child = run('workers (digest)', process.execPath, ['services/workers/dist/index.js'], {
    ...ctx.env,
    REDIS_PREFIX: prefix,
    GATEWAY_URL: proxy.url,
    SMTP_URL: `smtp://127.0.0.1:${ctx.portBase + 26}`,
    MAIL_RECONCILE_INTERVAL_MS: '0',
  });
  const queues = new JobQueues({ redisUrl: ctx.redisUrl, prefix });
  try {
    await waitForWorkers(queues, child);
    const now = new Date();
    // The weekly period of `now`, as the Monday run computes it (`2026-W48`).
    const period = periodsDueAt(now)[0]!.key;
    const walls: number[] = [];
    const cpus: number[] = [];
    const requests: number[] = [];
    let byOperation: Record<string, number> = {};
    let peak = 0;
    let idle: number | null = null;
    for (let r = 0; r < ctx.runs; r += 1) {
      await ctx.db.query(`DELETE FROM workers.emails WHERE template = 'digest'`);
      await queues.queue('mail').drain(true);
      await sleep(500);
      const idleNow = rssMiB(child.pid);
      if (idleNow !== null) idle = idle === null ? idleNow : Math.min(idle, idleNow);
      proxy.reset();
      const cpuBefore = cpuSeconds(child.pid);
      // Each run its own instant: the batches' job ids carry it (a batch of the same run is never done twice).
      const runNow = new Date(now.getTime() + r).toISOString();
      const id = await queues.enqueue('digest.run', { period, now: runNow }, { attempts: 1 });
      const system = queues.queue('system');
      const deadline = Date.now() + 600_000;
      // digest.run fans out the first batch; each batch enqueues the next. The run is over when every member has
      // their row and no batch is left: from digest.run's start to the last batch's end.
      for (;;) {
        const rss = rssMiB(child.pid);
        if (rss !== null) peak = Math.max(peak, rss);
        const job = await system.getJob(id);
        if (job && (await job.isFailed())) fail(`digest.run failed: ${job.failedReason}`);
        const batches = (await system.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'])).filter(
          (b) => b.name === 'digest.batch' && (b.data as { now: string }).now === runNow,
        );
        const failed = batches.find((b) => b.failedReason);
        if (failed) fail(`digest.batch failed: ${failed.failedReason}`);
        const written = (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM workers.emails WHERE template = 'digest'`)).rows[0]!.n;
        if (job?.processedOn && written >= audience && batches.length && batches.every((b) => b.finishedOn)) {
          walls.push(Math.max(...batches.map((b) => b.finishedOn!)) - job.processedOn);
          const cpuAfter = cpuSeconds(child.pid);
          if (cpuBefore !== null && cpuAfter !== null) cpus.push(cpuAfter - cpuBefore);
          break;
        }
        if (child.exitCode !== null) fail('the workers process died during the digest (see its output above)');
        if (Date.now() > deadline) fail('the digest run did not finish in 10 minutes');
        await sleep(100);
      }
      const counts = proxy.counts();
      byOperation = Object.fromEntries(Object.entries(counts.byOperation).filter(([name]) => name.startsWith('WorkerDigest')));
      const digestRequests = Object.values(byOperation).reduce((a, b) => a + b, 0);
      requests.push(digestRequests);
      log(
        `  run ${r + 1}: ${walls[walls.length - 1]} ms (workers CPU ${cpus[cpus.length - 1]?.toFixed(1) ?? 'n/a'} s), ${digestRequests} gateway requests ${JSON.stringify(byOperation)}, peak RSS ${peak.toFixed(0)} MiB`,
      );
    }
    const { rows } = await ctx.db.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM workers.emails WHERE template = 'digest' GROUP BY state ORDER BY state`,
    );
    const rowCounts = Object.fromEntries(rows.map((row) => [row.state, row.n]));
    const written = rows.reduce((a, row) => a + row.n, 0);
    if (written !== audience) fail(`digest: ${written} e-mail rows written for ${audience} members`);
    const fichePages = byOperation.WorkerDigestFiches ?? 0;
    // The fiches the digest may tell about: published, visible, updated during the week (guideArticles' updatedSince).
    const { rows: fiches } = await ctx.db.query<{ updated: number }>(
      `SELECT count(*)::int AS updated FROM guide.articles
        WHERE status = 'PUBLISHED' AND moderation_state = 'VISIBLE' AND updated_at >= $1::timestamptz - interval '7 days'`,
      [now.toISOString()],
    );
    const result: DigestResult = {
      period,
      members: audience,
      wallMs: Math.round(median(walls)),
      wallRuns: walls,
      cpuSeconds: cpus.length ? Math.round(median(cpus) * 10) / 10 : null,
      requests: median(requests),
      byOperation,
      membersPerRequest: Math.round(audience / Math.max(1, byOperation.WorkerDigestMembers ?? 0)),
      peakRssMiB: peak ? Math.round(peak) : null,
      idleRssMiB: idle === null ? null : Math.round(idle),
      rows: rowCounts,
      fichePages,
      fichesUpdated: fiches[0]!.updated,
    };
    log(
      `  ${audience} members in ${result.wallMs} ms (median), ${result.requests} gateway requests (${result.membersPerRequest} members per members request), ` +
        `peak RSS ${result.peakRssMiB} MiB (idle ${result.idleRssMiB} MiB), rows ${JSON.stringify(rowCounts)}; ` +
        `fiches updated this week ${result.fichesUpdated} (${fichePages} page(s) read)`,
    );
    return result;
  } finally {
    await queues
      .queue('mail')
      .drain(true)
      .catch(() => undefined);
    await queues.close();
    await stopChild(child);
    await proxy.close();
    await sink.close();
  }
}
