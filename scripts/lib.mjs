// Shared by the start, migrate and seed scripts: environment, pre-flight checks, local keys.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export const SERVICES = ['members', 'events', 'guide', 'moderation'];

/** What each long-running process runs once built (`npm start` starts them all; a container runs one: container.mjs). */
export const PROCESS_ENTRIES = {
  members: 'services/members/dist/index.js',
  events: 'services/events/dist/index.js',
  guide: 'services/guide/dist/index.js',
  moderation: 'services/moderation/dist/index.js',
  workers: 'services/workers/dist/index.js',
  gateway: 'gateway/dist/index.js',
  web: 'services/web/dist/server/index.mjs',
};

/** Reads .env if present, then fills in the local defaults. */
export async function loadEnvironment() {
  const envFile = resolve(ROOT, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/metropotes';
  process.env.REDIS_URL ||= 'redis://127.0.0.1:6379';
  const production = process.env.NODE_ENV === 'production';
  if (!process.env.AUTH_PRIVATE_KEY || !process.env.AUTH_PUBLIC_KEY) {
    if (production) fail('AUTH_PRIVATE_KEY and AUTH_PUBLIC_KEY must be set in production (PEM keys).');
    const { ensureDevKeyPair } = require(resolve(ROOT, 'packages/auth/dist/index.js'));
    const auth = await ensureDevKeyPair(resolve(ROOT, '.keys'), 'auth');
    process.env.AUTH_PRIVATE_KEY = auth.privateKey;
    process.env.AUTH_PUBLIC_KEY = auth.publicKey;
  }
  if (!process.env.SYSTEM_PRIVATE_KEY || !process.env.SYSTEM_PUBLIC_KEY) {
    if (production) fail('SYSTEM_PRIVATE_KEY and SYSTEM_PUBLIC_KEY must be set in production (PEM keys).');
    const { ensureDevKeyPair } = require(resolve(ROOT, 'packages/auth/dist/index.js'));
    const system = await ensureDevKeyPair(resolve(ROOT, '.keys'), 'system');
    process.env.SYSTEM_PRIVATE_KEY = system.privateKey;
    process.env.SYSTEM_PUBLIC_KEY = system.publicKey;
  }
  if (!process.env.CALENDAR_FEED_KEY) {
    if (production)
      fail('CALENDAR_FEED_KEY must be set in production (a random string of 32+ characters; changing it changes every calendar feed URL).');
    process.env.CALENDAR_FEED_KEY = ensureDevSecret(resolve(ROOT, '.keys'), 'calendar-feed.key');
  }
  if (!process.env.WEB_SESSION_SECRET) {
    if (production)
      fail("WEB_SESSION_SECRET must be set in production (a random string of 32+ characters: it seals the web site's session cookies).");
    process.env.WEB_SESSION_SECRET = ensureDevSecret(resolve(ROOT, '.keys'), 'web-session.key');
  }
  // Outside production, people reach the platform through the web site: links in e-mails and feeds point to it.
  if (!production) process.env.PUBLIC_URL ||= `http://localhost:${process.env.WEB_PORT || 3000}`;
  for (const name of SERVICES) {
    const key = `${name.toUpperCase()}_GATEWAY_SECRET`;
    if (!process.env[key]) {
      if (production) fail(`${key} must be set in production (a random string of 32+ characters).`);
      process.env[key] = randomBytes(24).toString('base64url');
    }
  }
}

/**
 * For local development only: reads (or creates once) a random secret in `dir`, kept across runs like the dev keys
 * (the calendar feed URLs derived from it stay the same from one `npm start` to the next).
 */
export function ensureDevSecret(dir, name) {
  const path = resolve(dir, name);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The secrets in the environment of `npm start`, and which process may hold each: a process gets only its own.
 * The member-token private key to members only, the calendar feed key to events only, the session key to the web site, the system private key to the workers only, each subgraph's
 * gateway secret to that subgraph and to the gateway (which presents it), the SMTP address (it may carry a
 * password) to the workers, a service's own database address to that service.
 */
export const SECRET_HOLDERS = {
  AUTH_PRIVATE_KEY: ['members'],
  CALENDAR_FEED_KEY: ['events'],
  WEB_SESSION_SECRET: ['web'],
  SYSTEM_PRIVATE_KEY: ['workers'],
  SMTP_URL: ['workers'],
  ...Object.fromEntries(SERVICES.map((name) => [`${name.toUpperCase()}_GATEWAY_SECRET`, [name, 'gateway']])),
  ...Object.fromEntries([...SERVICES, 'workers'].map((name) => [`${name.toUpperCase()}_DATABASE_URL`, [name]])),
  DATABASE_URL: [...SERVICES, 'workers'],
};

/** The environment of one process started by `npm start`: everything but the secrets that are not its own. */
export function childEnvironment(name, env = process.env) {
  const out = { ...env };
  for (const [variable, holders] of Object.entries(SECRET_HOLDERS)) {
    if (!holders.includes(name)) delete out[variable];
  }
  return out;
}

export function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

/** Checks that Postgres and Redis answer, and says how to start them if not. */
export async function preflight() {
  const { pingPostgres, redactUrl } = require(resolve(ROOT, 'packages/database/dist/index.js'));
  const databaseUrl = process.env.MEMBERS_DATABASE_URL || process.env.DATABASE_URL;
  try {
    await pingPostgres(databaseUrl);
  } catch (error) {
    fail(
      `PostgreSQL does not answer at ${redactUrl(databaseUrl)} (${error.message}).\n` +
        `  Start one with:  docker compose up -d postgres redis\n` +
        `  or a local install (Debian: sudo pg_ctlcluster 15 main start), or set DATABASE_URL.`,
    );
  }
  const IORedis = require('ioredis');
  const redis = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    fail(
      `Redis does not answer at ${process.env.REDIS_URL} (${error.message}).\n` +
        `  Start one with:  docker compose up -d postgres redis\n` +
        `  or a local install (redis-server --daemonize yes), or set REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}
