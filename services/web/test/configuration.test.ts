/**
 * The site's configuration: in production it refuses to start without its session key and public address (naming
 * each), `npm start` hands it its own secret only (scripts/lib.mjs SECRET_HOLDERS), and its page cache is on unless
 * told otherwise.
 */
import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ConfigError } from '@metropotes/config';
import { webConfigFrom } from '../server/env';
import { ensureWebBuild, SERVER_ENTRY, WEB_ROOT } from './support/web-build';

/** scripts/lib.mjs's childEnvironment, run by node itself (an ES module jest does not load). */
function childEnvironment(name: string, env: Record<string, string>): Record<string, string> {
  const lib = resolve(__dirname, '../../../scripts/lib.mjs');
  const code = `import { childEnvironment } from ${JSON.stringify(lib)}; process.stdout.write(JSON.stringify(childEnvironment(process.argv[1], JSON.parse(process.argv[2]))));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', code, name, JSON.stringify(env)], { encoding: 'utf8' }));
}

test('npm start gives the session key to the web site only, and the site no other secret', () => {
  const everything = {
    NODE_ENV: 'production',
    WEB_SESSION_SECRET: 'web-session-secret',
    AUTH_PRIVATE_KEY: 'member-private',
    SYSTEM_PRIVATE_KEY: 'system-private',
    MEMBERS_GATEWAY_SECRET: 'members-secret',
    DATABASE_URL: 'postgres://app:pw@db/metropotes',
    SMTP_URL: 'smtp://user:pw@mail:587',
    CALENDAR_FEED_KEY: 'calendar-feed-key',
    GATEWAY_URL: 'http://127.0.0.1:4000/graphql',
  };
  expect(childEnvironment('web', everything)).toEqual({
    NODE_ENV: 'production',
    WEB_SESSION_SECRET: 'web-session-secret',
    GATEWAY_URL: 'http://127.0.0.1:4000/graphql',
  });
  for (const other of ['members', 'events', 'guide', 'moderation', 'workers', 'gateway']) {
    expect(childEnvironment(other, everything)).not.toHaveProperty('WEB_SESSION_SECRET');
  }
});

test('in production the site refuses to start without WEB_SESSION_SECRET and PUBLIC_URL, naming each', async () => {
  await ensureWebBuild();
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: join(WEB_ROOT),
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', WEB_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  expect(code).toBe(78);
  expect(output).toMatch(/config error: WEB_SESSION_SECRET: required in production/);
  expect(output).toMatch(/config error: PUBLIC_URL: required in production/);
}, 240_000);

test('the cache of visitors’ pages is on by default, in production as elsewhere, with 64 MiB; WEB_PAGE_CACHE=false turns it off', () => {
  const production = { NODE_ENV: 'production', WEB_SESSION_SECRET: 's'.repeat(43), PUBLIC_URL: 'https://metropotes.example' };
  expect(webConfigFrom(production).pageCache).toEqual({ enabled: true, maxBytes: 64 * 1024 * 1024 });
  expect(webConfigFrom({}).pageCache.enabled).toBe(true);
  expect(webConfigFrom({ WEB_PAGE_CACHE: 'false', WEB_PAGE_CACHE_MB: '16' }).pageCache).toEqual({ enabled: false, maxBytes: 16 * 1024 * 1024 });
  expect(() => webConfigFrom({ WEB_PAGE_CACHE: 'peut-être' })).toThrow(ConfigError);
  expect(() => webConfigFrom({ WEB_PAGE_CACHE: 'peut-être', WEB_PAGE_CACHE_MB: '0' })).toThrow(/WEB_PAGE_CACHE: .*\nWEB_PAGE_CACHE_MB: /);
});
