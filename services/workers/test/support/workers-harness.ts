import { createLogger, type Clock, type Logger } from '@metropotes/config';
import { renderEmail } from '@metropotes/mail';
import { startTestSystem, TcpProxy, testRedisUrl, viaProxy, type TestSystem } from '@metropotes/test-kit';
import { workersConfigFrom, type WorkersConfig } from '../../src/env';
import { DeadLetterLoop } from '../../src/jobs/dead-letters';
import { createHandlers } from '../../src/jobs/registry';
import { ensureDeliveryQueued } from '../../src/mail/delivery-queue';
import { emailRowBase, renderedEmailRow } from '../../src/mail/email-row';
import { openWorkersRuntime, type WorkersRuntime } from '../../src/runtime';
import { startWorkers, type RunningWorkers } from '../../src/worker-host';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WorkersHarnessOptions {
  /** The services (not the workers) reach Redis through a proxy (`redisProxy`): a partition a test can cut. */
  redisPartition?: boolean;
  /** A loopback SMTP sink the workers deliver to (PUBLIC_URL https://metropotes.example.org, fast retries). */
  smtp?: boolean;
  /**
   * The workers (only) reach the gateway through a proxy (`gatewayProxy`): a test cuts it to take every service away
   * from the workers while people and staff still use the platform.
   */
  gatewayPartition?: boolean;
  /** More workers settings (environment variables). */
  env?: Record<string, string>;
  /** More settings of the services and gateway (environment variables). */
  systemEnv?: Record<string, string>;
  /** Where the run's clock starts (default: the test kit's), for tests that assert dates as text. */
  now?: Date;
  /** The run's clock itself (a ManualClock the test moves); wins over `now`. */
  clock?: Clock;
}

/** The whole system in-process (test kit) plus the workers on it, with every job handler of the registry. */
export interface WorkersHarness {
  system: TestSystem;
  config: WorkersConfig;
  runtime: WorkersRuntime;
  running: RunningWorkers;
  /** The dead-letter loop of the workers (as `src/index.ts` runs it). */
  deadLetters: DeadLetterLoop;
  /** Null unless `smtp` was asked for. */
  sink: SmtpSink | null;
  /** The services' way to Redis (`cut()`, `restore()`); null unless `redisPartition` was asked for. */
  redisProxy: TcpProxy | null;
  /** The workers' way to the gateway (`cut()`, `restore()`); null unless `gatewayPartition` was asked for. */
  gatewayProxy: TcpProxy | null;
  logger: Logger;
  stop(): Promise<void>;
}

export async function startWorkersHarness(options: WorkersHarnessOptions = {}): Promise<WorkersHarness> {
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const proxy = options.redisPartition ? TcpProxy.to(testRedisUrl()) : null;
  await proxy?.start();
  const system = await startTestSystem({
    now: options.now,
    clock: options.clock,
    env: (env) => ({ ...options.systemEnv, ...(proxy ? { REDIS_URL: viaProxy(env.REDIS_URL!, proxy) } : {}) }),
    // The partition is between the services and Redis: the gateway keeps its own way to Redis, or it would refuse
    // members' writes while it cannot check their sessions (gateway/test/session-outage.test.ts) and the services'
    // outbox would never be reached.
    gateway: proxy ? (base) => ({ redis: { ...base.redis, url: testRedisUrl() } }) : undefined,
  });
  const sink = options.smtp ? await startSmtpSink() : null;
  const gatewayProxy = options.gatewayPartition ? TcpProxy.to(system.url) : null;
  await gatewayProxy?.start();
  const fromEnv = workersConfigFrom({
    ...system.env,
    REDIS_URL: system.redisUrl,
    ...(gatewayProxy ? { GATEWAY_URL: viaProxy(system.url, gatewayProxy) } : {}),
    WORKER_SHUTDOWN_TIMEOUT_MS: '3000',
    ...(sink
      ? {
          SMTP_URL: sink.url,
          PUBLIC_URL: 'https://metropotes.example.org',
          MAIL_MAX_ATTEMPTS: '3',
          MAIL_RETRY_DELAY_MS: '100',
          MAIL_RATE_PER_SECOND: '100',
        }
      : {}),
    ...options.env,
  });
  // The workers read the same clock as the services of the run.
  const config: WorkersConfig = { ...fromEnv, clock: system.clock };
  const runtime = await openWorkersRuntime(config, logger);
  const deadLetters = new DeadLetterLoop(runtime, config.deadJobs);
  const running = await startWorkers(config, createHandlers(runtime), logger, { onDead: () => void deadLetters.nudge() });
  deadLetters.start();
  return {
    system,
    config,
    runtime,
    running,
    deadLetters,
    sink,
    redisProxy: proxy,
    gatewayProxy,
    logger,
    async stop() {
      await deadLetters.stop();
      await running.stop();
      await runtime.close();
      await sink?.stop();
      await system.stop();
      await proxy?.stop();
      await gatewayProxy?.stop();
    },
  };
}

/**
 * The environment of workers run in a child process on `system` (the SIGTERM and SIGKILL tests), delivering to
 * `smtpUrl` with fast retries; a job left by a stopped or dead worker is taken again about 2-4 s later (lock 2 s)
 * instead of 30-60 s. `env`: more settings.
 */
export function childWorkersEnv(system: TestSystem, smtpUrl: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    ...system.env,
    SMTP_URL: smtpUrl,
    PUBLIC_URL: 'https://metropotes.example.org',
    MAIL_RATE_PER_SECOND: '100',
    MAIL_MAX_ATTEMPTS: '3',
    MAIL_RETRY_DELAY_MS: '100',
    SMTP_TIMEOUT_MS: '20000',
    WORKER_LOCK_DURATION_MS: '2000',
    ...env,
  };
}

/** The data of a GraphQL answer; throws with its errors when there are any. */
export async function gqlData<T>(system: TestSystem, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await system.gql<T>(query, variables, token);
  if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

const HOUR = 3_600_000;

/**
 * Creates an event as `token` (staff: published at once): a two-hour ATELIER at the Maison des associations of
 * L'Île-Saint-Denis (93039), starting at `startsAt` (default a week from now on the run's clock) to the minute;
 * `input` overrides any field.
 */
export async function createEvent(
  system: TestSystem,
  token: string,
  input: Record<string, unknown> = {},
  startsAt: Date = new Date(system.clock.now().getTime() + 7 * 24 * HOUR),
): Promise<{ id: string; startsAt: string }> {
  const start = new Date(startsAt);
  start.setUTCSeconds(0, 0);
  const data = await gqlData<{ createEvent: { id: string; startsAt: string } }>(
    system,
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id startsAt } }`,
    {
      input: {
        title: 'Atelier budget participatif',
        kind: 'ATELIER',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
        ...input,
      },
    },
    token,
  );
  return data.createEvent;
}

/** `member` registers for the event: the registration (CONFIRMED, or WAITLISTED when it is full). */
export async function registerForEvent(system: TestSystem, eventId: string, member: { token: string }): Promise<{ id: string; status: string }> {
  const data = await gqlData<{ registerForEvent: { id: string; status: string } }>(
    system,
    `mutation R($id: ID!) { registerForEvent(eventId: $id) { id status } }`,
    { id: eventId },
    member.token,
  );
  return data.registerForEvent;
}

/** Polls `check` every 100 ms for at most `ms` until `ok`; returns its last answer. */
export async function pollUntil<T>(check: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await check();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(100);
    value = await check();
  }
  return value;
}

/** Polls `probe` every 50 ms until it gives something; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * An e-mail whose text carries `marker` (as an event's title; `event-cancelled` needs no secret link), written to the
 * ledger and its delivery queued as the workers do (`email.requested` takes the account e-mails only, and its payload
 * is checked): what the SIGTERM and SIGKILL tests hold at the SMTP server. Returns the e-mail's id.
 */
export async function queueMarkedEmail(rt: WorkersRuntime, to: { id: string; email: string }, dedupeKey: string, marker: string): Promise<string> {
  const params = { eventId: '11111111-1111-4111-8111-111111111111', title: marker, when: 'mardi 1er décembre 2026 à 19 h' };
  const row = await rt.emails.insertOnce(
    renderedEmailRow(emailRowBase({ dedupeKey, template: 'event-cancelled', memberId: to.id }), to.email, rt.config.mail.from, () =>
      renderEmail('event-cancelled', { displayName: 'Awa Diallo', publicUrl: rt.config.publicUrl, params }),
    ),
  );
  await ensureDeliveryQueued(rt.jobs, rt.delivery, row.id);
  return row.id;
}
