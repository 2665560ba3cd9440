import 'reflect-metadata';
import { generatePemKeyPair, createTokenSigner, SYSTEM_ISSUER, type MemberRole } from '@metropotes/auth';
import { clockStartingAt, createLogger, subgraphConfigFrom, type Clock, type SubgraphConfig } from '@metropotes/config';
import { dropDatabase } from '@metropotes/database';
import { bootSubgraph, type RunningSubgraph } from '@metropotes/service-host';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Pool } from 'pg';
import { eventsSpec } from '@metropotes/events/src/server';
import { eventsSettingsFrom } from '@metropotes/events/src/settings';
import { guideSpec } from '@metropotes/guide/src/server';
import { membersConfigFrom } from '@metropotes/members/src/env';
import { membersSpec } from '@metropotes/members/src/server';
import { moderationSpec } from '@metropotes/moderation/src/server';
import { gatewayConfigFrom, type GatewayConfig } from '@metropotes/gateway/src/env';
import { startGateway, type RunningGateway } from '@metropotes/gateway/src/server';
import { postGraphQL, type GraphQLResponse } from './graphql-client';
import { createDatabaseFromTemplate, type MigratedSchema } from './migrated-template';

export const SUBGRAPH_NAMES = ['members', 'events', 'guide', 'moderation'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export interface TestMember {
  id: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  role: MemberRole;
}

export interface TestSystem {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** The gateway's origin (for HTTP routes such as /health). */
  origin: string;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** A pool on the run's database, for assertions on what was stored. */
  db: Pool;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  gateway: RunningGateway;
  /** "Now" for every service of the run: starts at `options.now` (or TEST_NOW, or DEFAULT_TEST_NOW) and moves on. */
  clock: Clock;
  /** The environment the processes were configured with (keys, URLs, secrets, CLOCK_START for child processes). */
  env: Record<string, string>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Signs a member up through the gateway; a STAFF or ADMIN role is granted directly in the members database. */
  signUp(options?: { role?: MemberRole; communeCode?: string; displayName?: string; email?: string }): Promise<TestMember>;
  /** A system token, as the workers hold. */
  systemToken(): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

/**
 * Starts the four subgraphs and the gateway in-process on free ports, against a fresh database created
 * for the run (migrations applied; dropped by stop()) and a unique Redis key prefix.
 */
export interface TestSystemOptions {
  /** Changes to the gateway's configuration (rate limits are off unless given here). */
  gateway?: Partial<GatewayConfig> | ((base: GatewayConfig) => Partial<GatewayConfig>);
  /** Extra or changed variables for the processes, given the defaults of the run (e.g. one service's database through a proxy). */
  env?: (defaults: Readonly<Record<string, string>>) => Record<string, string>;
  /** Where the run's clock starts (default: testNow()). A test of a time rule names its instant here. */
  now?: Date;
  /** The run's clock itself (a ManualClock that a test moves); wins over `now`. */
  clock?: Clock;
}

/**
 * The instant every test system starts at unless a test names one: a fixed Wednesday, so that no test depends on
 * the day it runs. `TEST_NOW` (ISO 8601) moves it, to run the suites at awkward instants (`npm run test:instants`).
 */
export const DEFAULT_TEST_NOW = '2026-06-10T08:00:00.000Z';

/** TEST_NOW when set (the awkward-instant runs), else `fallback` (default DEFAULT_TEST_NOW). */
export function testNow(fallback: string = DEFAULT_TEST_NOW): Date {
  const raw = process.env.TEST_NOW?.trim();
  const at = new Date(raw || fallback);
  if (Number.isNaN(at.getTime())) throw new Error(`TEST_NOW: "${raw}" is not an ISO 8601 instant`);
  return at;
}

/** The PostgreSQL server the test systems create their databases on (TEST_DATABASE_URL, DATABASE_URL or the local one). */
export const testDatabaseServerUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/metropotes';
/** The Redis the test systems use (REDIS_URL or the local one), each under its own prefix. */
export const testRedisUrl = (): string => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const runId = randomBytes(5).toString('hex');
  const dbUrl = new URL(testDatabaseServerUrl());
  dbUrl.pathname = `/metropotes_test_${runId}`;
  const databaseUrl = dbUrl.toString();
  const redisUrl = testRedisUrl();
  const redisPrefix = `test-${runId}`;
  const memberKeys = await generatePemKeyPair();
  const systemKeys = await generatePemKeyPair();
  const secret = (name: string) => `${name}-secret-${runId}-0123456789`;
  const clock = options.clock ?? clockStartingAt(options.now ?? testNow());

  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: '4',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    AUTH_PUBLIC_KEY: memberKeys.publicKey,
    AUTH_PRIVATE_KEY: memberKeys.privateKey,
    SYSTEM_PUBLIC_KEY: systemKeys.publicKey,
    SYSTEM_PRIVATE_KEY: systemKeys.privateKey,
    MEMBERS_PORT: '0',
    EVENTS_PORT: '0',
    GUIDE_PORT: '0',
    MODERATION_PORT: '0',
    GATEWAY_PORT: '0',
    MEMBERS_GATEWAY_SECRET: secret('members'),
    EVENTS_GATEWAY_SECRET: secret('events'),
    GUIDE_GATEWAY_SECRET: secret('guide'),
    MODERATION_GATEWAY_SECRET: secret('moderation'),
    CALENDAR_FEED_KEY: randomBytes(32).toString('base64url'),
    RATE_LIMITS: 'false',
    // The public read cache is off unless a test turns it on (gateway/test/public-cache.test.ts): tests write to the
    // database directly, which no gateway sees.
    PUBLIC_CACHE: 'false',
    // Child processes (the CLI, workers run apart) start their clock where the run's clock is when they are configured.
    get CLOCK_START() {
      return clock.now().toISOString();
    },
  };
  if (options.env) Object.assign(env, options.env(env));

  const config = (prefix: string): SubgraphConfig => subgraphConfigFrom(prefix, 0, env);
  const logger = (name: string) => createLogger(name, env.LOG_LEVEL);
  const membersConfig = { ...membersConfigFrom(env), clock, resolveGatewayUrl: () => env.GATEWAY_URL! };
  const specs = {
    members: await membersSpec(membersConfig),
    events: eventsSpec({
      publicUrl: config('EVENTS').publicUrl,
      calendarFeedKey: env.CALENDAR_FEED_KEY,
      gatewayUrl: () => env.GATEWAY_URL!,
      settings: eventsSettingsFrom(env),
    }),
    guide: guideSpec(),
    moderation: moderationSpec({ gatewayUrl: () => env.GATEWAY_URL! }),
  };
  // The run's database is a copy of a template with every schema migrated (made once per set of migrations).
  await createDatabaseFromTemplate(testDatabaseServerUrl(), new URL(databaseUrl).pathname.slice(1), Object.values(specs) as MigratedSchema[]);

  const started: { stop(): Promise<void> }[] = [];
  try {
    // Sequential: migrations of several schemas must not race on shared extensions.
    const members = await bootSubgraph(specs.members, membersConfig, { logger: logger('members'), clock });
    started.push(members);
    const events = await bootSubgraph(specs.events, config('EVENTS'), { logger: logger('events'), clock });
    started.push(events);
    const guide = await bootSubgraph(specs.guide, config('GUIDE'), { logger: logger('guide'), clock });
    started.push(guide);
    const moderation = await bootSubgraph(specs.moderation, config('MODERATION'), { logger: logger('moderation'), clock });
    started.push(moderation);
    const subgraphs = { members, events, guide, moderation };
    for (const [name, running] of Object.entries(subgraphs)) env[`${name.toUpperCase()}_URL`] = running.url;
    const gatewayBase = gatewayConfigFrom(env);
    const gatewayChanges = typeof options.gateway === 'function' ? options.gateway(gatewayBase) : options.gateway;
    const gateway = await startGateway({ ...gatewayBase, ...gatewayChanges }, logger('gateway'));
    started.push(gateway);
    env.GATEWAY_URL = gateway.url;

    const db = new Pool({ connectionString: databaseUrl, max: 2 });
    // pg-pool's end() resolves before its sockets are closed, and stop() then drops the database WITH (FORCE): the
    // server's "terminating connection" reaches a client that is already ending. Without a listener, the pool would
    // throw it as an unhandled 'error' event and fail the test file after its tests passed.
    db.on('error', () => undefined);
    const systemSigner = await createTokenSigner(systemKeys.privateKey, SYSTEM_ISSUER);
    const gql = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
      postGraphQL<T>(gateway.url, query, variables, { token });

    const signUp: TestSystem['signUp'] = async (options = {}) => {
      counter += 1;
      const email = options.email ?? `membre-${runId}-${counter}@example.org`;
      const password = 'Un-mot-de-passe-2026!';
      const response = await gql<{ signUp: { accessToken: string; refreshToken: string; member: { id: string } } }>(
        `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken member { id } } }`,
        {
          input: {
            email,
            password,
            displayName: options.displayName ?? `Métropote ${counter}`,
            communeCode: options.communeCode ?? '93039',
            acceptCharter: true,
          },
        },
      );
      if (!response.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(response.errors)}`);
      const role = options.role ?? 'MEMBER';
      let session = response.data.signUp;
      if (role !== 'MEMBER') {
        await db.query('UPDATE members.members SET role = $2 WHERE id = $1', [session.member.id, role]);
        const logIn = () =>
          gql<{ logIn: typeof session }>(
            `mutation LogIn($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken refreshToken member { id } } }`,
            { email, password },
          );
        let again = await logIn();
        // A test that tightens the gateway's per-IP log-in limit (to see RATE_LIMITED) may have used it up: this log-in
        // is the kit's, not the test's, so it waits as it is told to, once.
        const retryAfter = again.errors?.[0]?.extensions?.code === 'RATE_LIMITED' ? Number(again.errors[0].extensions.retryAfter) : NaN;
        if (retryAfter > 0 && retryAfter <= 60) {
          await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
          again = await logIn();
        }
        if (!again.data?.logIn) throw new Error(`logIn failed: ${JSON.stringify(again.errors)}`);
        session = again.data.logIn;
      }
      return { id: session.member.id, email, password, token: session.accessToken, refreshToken: session.refreshToken, role };
    };

    return {
      url: gateway.url,
      origin: new URL(gateway.url).origin,
      databaseUrl,
      redisUrl,
      redisPrefix,
      db,
      subgraphs,
      gateway,
      clock,
      env,
      gql,
      signUp,
      systemToken: () => systemSigner.sign({ sub: 'system', role: 'SYSTEM' }),
      async stop() {
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
        await db.end();
        await dropDatabase(databaseUrl);
        await deleteRedisPrefix(redisUrl, redisPrefix);
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    await dropDatabase(databaseUrl).catch(() => undefined);
    throw error;
  }
}

export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
