import { createLogger } from '@metropotes/config';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { workersConfigFrom, type WorkersConfig } from '../src/env';
import { createHandlers } from '../src/jobs/registry';
import { openWorkersRuntime, type WorkersRuntime } from '../src/runtime';
import { startWorkers, type RunningWorkers } from '../src/worker-host';
import { startHoldingSmtp, type HoldingSmtp } from './support/holding-smtp';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REPO_ROOT = join(__dirname, '../../..');

describe('a worker killed (SIGKILL) in the middle of an e-mail delivery', () => {
  let system: TestSystem;
  let smtp: HoldingSmtp;
  let env: Record<string, string>;
  let config: WorkersConfig;
  let runtime: WorkersRuntime;
  let child: ChildProcess | null = null;
  let childOutput = '';
  let survivor: RunningWorkers | null = null;
  let member: TestMember;
  const marker = `jeton-kill-${randomUUID()}`;
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');

  beforeAll(async () => {
    system = await startTestSystem();
    smtp = await startHoldingSmtp(marker);
    env = {
      ...system.env,
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://metropotes.example.org',
      MAIL_RATE_PER_SECOND: '100',
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_RETRY_DELAY_MS: '100',
      SMTP_TIMEOUT_MS: '20000',
      WORKER_SHUTDOWN_TIMEOUT_MS: '2000',
      // A dead worker's job is re-queued about 2-4 s after its death instead of 30-60 s.
      WORKER_LOCK_DURATION_MS: '2000',
    };
    config = workersConfigFrom(env);
    // This process's runtime: the producer side of the queues (and, later, the second worker's handlers).
    runtime = await openWorkersRuntime(config, logger);
    member = await system.signUp({ displayName: 'Awa Diallo' });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await survivor?.stop();
    await runtime?.close();
    await smtp?.stop();
    await system?.stop();
  });

  /** Starts the workers in a child process (tsx) and waits for their "ready". */
  async function spawnWorkers(): Promise<ChildProcess> {
    // node itself with tsx as a loader (not the tsx CLI, which would run the workers in a grandchild that SIGKILL misses).
    const proc = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures/worker-process.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'services/workers/tsconfig.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker process not ready after 60 s:\n${childOutput}`)), 60_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        childOutput += chunk.toString();
        const ready = /ready (\d+)\n/.exec(childOutput);
        if (ready) {
          clearTimeout(timer);
          // The workers run in the very process we will kill, not in a grandchild.
          if (Number(ready[1]) === proc.pid) resolve();
          else reject(new Error(`the workers run in process ${ready[1]}, not in the child ${proc.pid}`));
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => (childOutput += chunk.toString()));
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`worker process exited (${code ?? signal}) before ready:\n${childOutput}`));
      });
    });
    return proc;
  }

  async function rowOf(dedupeKey: string) {
    const { rows } = await system.db.query<{ id: string; state: string; attempts: number }>(
      'SELECT id, state, attempts FROM workers.emails WHERE dedupe_key = $1',
      [dedupeKey],
    );
    return rows[0];
  }

  async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms\n${childOutput}`)), ms)));
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  it('leaves the job to another worker, which sends the e-mail: one complete message, row sent', async () => {
    child = await spawnWorkers();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child!.on('exit', (_code, signal) => resolve(signal)));

    const key = `verify:${randomUUID()}`;
    await runtime.jobs.enqueue('email.requested', { template: 'verify-email', memberId: member.id, dedupeKey: key, params: { token: marker } });

    // The child has the row locked and the SMTP server has the whole message, unanswered.
    const heldEmailId = await withTimeout(smtp.held, 30_000, 'held message');
    const row = await rowOf(key);
    expect(row).toMatchObject({ id: heldEmailId, state: 'pending', attempts: 0 });

    child.kill('SIGKILL');
    expect(await withTimeout(exited, 10_000, 'child exit')).toBe('SIGKILL');
    expect(() => process.kill(child!.pid!, 0)).toThrow(); // gone, with its Redis, Postgres and SMTP connections
    expect(smtp.delivered.filter((id) => id === heldEmailId)).toHaveLength(0);

    // Another worker: BullMQ's stalled check finds the dead worker's job (its lock expired) and runs it again.
    survivor = await startWorkers(config, createHandlers(runtime), logger);
    const until = Date.now() + 30_000;
    let state = row!.state;
    while (state !== 'sent' && Date.now() < until) {
      await sleep(100);
      state = (await rowOf(key))!.state;
    }
    expect(await rowOf(key)).toMatchObject({ id: heldEmailId, state: 'sent', attempts: 1 });

    // Let any other run of the job happen (another stalled check), then count: exactly one complete message.
    await sleep(2500);
    const counts = await runtime.jobs.queue('mail').getJobCounts('active', 'waiting', 'delayed');
    expect(counts).toMatchObject({ active: 0, waiting: 0, delayed: 0 });
    expect(smtp.delivered.filter((id) => id === heldEmailId)).toHaveLength(1);
  }, 90_000);
});
