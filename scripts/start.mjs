// `npm start`: after the build, checks Postgres and Redis, creates the database if missing, starts the four
// subgraphs (each applies its migrations, one after the other), then the gateway, the workers and the web site.
// Ctrl-C stops them all cleanly.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ROOT, SERVICES, childEnvironment, loadEnvironment, preflight } from './lib.mjs';

const require = createRequire(import.meta.url);

await loadEnvironment();
await preflight();

const children = [];
let stopping = false;

function run(name, script, extraEnv = {}) {
  if (stopping) return null;
  const watch = process.env.METROPOTES_WATCH === '1' ? ['--watch'] : [];
  const child = spawn(process.execPath, [...watch, resolve(ROOT, script)], {
    // Each process gets only its own secrets (scripts/lib.mjs SECRET_HOLDERS).
    env: { ...childEnvironment(name, process.env), ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push({ name, child });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`\n✖ ${name} stopped (${signal ?? `exit ${code}`}); stopping everything.`);
      void stopAll(1);
    }
  });
  return child;
}

async function waitReady(name, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.error(`✖ ${name} was not ready after ${timeoutMs / 1000} s (${url})`);
  await stopAll(1);
}

/** How many members the database holds (members has migrated: it answered /health). */
async function membersCount() {
  const { Client } = require('pg');
  const client = new Client({ connectionString: process.env.MEMBERS_DATABASE_URL || process.env.DATABASE_URL });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM members.members');
    return rows[0].n;
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const { child } of [...children].reverse()) child.kill('SIGTERM');
  await Promise.all(children.map(({ child }) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)))));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

// Without SMTP_URL, a local mail catcher receives every e-mail (nothing leaves the machine).
let mailCatcher = null;
if (!process.env.SMTP_URL) {
  if (process.env.NODE_ENV === 'production') {
    console.error('✖ SMTP_URL must be set in production.');
    process.exit(1);
  }
  const smtpPort = process.env.MAILDEV_SMTP_PORT || 1025;
  const webPort = process.env.MAILDEV_WEB_PORT || 1080;
  const child = spawn(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/maildev/dist/bin/maildev.js'),
      '--smtp',
      String(smtpPort),
      '--web',
      String(webPort),
      '--ip',
      '127.0.0.1',
      '--web-ip',
      '127.0.0.1',
      '--silent',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push({ name: 'mail catcher', child });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(
        `\n✖ the mail catcher stopped (${signal ?? `exit ${code}`}); is port ${smtpPort} or ${webPort} taken? Set SMTP_URL to use a real server.`,
      );
      void stopAll(1);
    }
  });
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  mailCatcher = `http://localhost:${webPort}/index.html`;
}

const ports = { members: 4001, events: 4002, guide: 4003, moderation: 4004 };
for (const name of SERVICES) {
  const port = process.env[`${name.toUpperCase()}_PORT`] || ports[name];
  if (stopping) break;
  run(name, `services/${name}/dist/index.js`);
  await waitReady(name, `http://127.0.0.1:${port}/health`);
}
// A new development database gets the demo data set at once, so a newcomer sees a living network (never in production).
if (!stopping && process.env.NODE_ENV !== 'production' && (await membersCount()) === 0) {
  console.log('The database holds no member: loading the demo data set (npm run seed; accounts in the README).');
  const seed = spawn(process.execPath, [resolve(ROOT, 'scripts/seed.mjs')], { env: process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise((r) => seed.once('exit', r));
  if (code !== 0) console.error('✖ The demo data set could not be loaded; the platform starts empty (npm run seed to try again).');
}
run('workers', 'services/workers/dist/index.js');
const gatewayPort = process.env.GATEWAY_PORT || 4000;
run('gateway', 'gateway/dist/index.js');
await waitReady('gateway', `http://127.0.0.1:${gatewayPort}/health`);
// The web site, in front of the gateway (it also forwards the gateway's /calendar*.ics, /guide.pdf, /unsubscribe/…).
const webPort = process.env.WEB_PORT || 3000;
run('web', 'services/web/dist/server/index.mjs', { GATEWAY_URL: process.env.GATEWAY_URL || `http://127.0.0.1:${gatewayPort}/graphql` });
await waitReady('web', `http://127.0.0.1:${webPort}/health`);
if (!stopping) {
  console.log(`\n✔ Métropotes is up: http://localhost:${webPort}  (Ctrl-C stops everything)`);
  console.log(`  The GraphQL endpoint: http://localhost:${gatewayPort}/graphql`);
  if (mailCatcher) console.log(`  E-mails sent by the platform are caught here: ${mailCatcher}`);
  console.log('');
}
