// One process of the system in its own container (docker-compose.yml): `node scripts/container.mjs <process>`.
//   migrate   applies every service's migrations (scripts/migrate.mjs), then, outside production, loads the demo data
//             set into a database that holds no member yet (as `npm start` does); it ends, and the others start
//   members, events, guide, moderation, workers, gateway, web
//             runs that process (the built entry of scripts/lib.mjs PROCESS_ENTRIES) with only its own secrets
// Outside production the keys and secrets are generated once into .keys/ (a volume every container shares; the
// migrate step writes them before any other process starts), so that the gateway and each subgraph agree on their
// secret. In production they all come from the environment, and a missing one stops the process.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROCESS_ENTRIES, ROOT, SERVICES, childEnvironment, ensureDevSecret, fail, loadEnvironment } from './lib.mjs';

const require = createRequire(import.meta.url);
const name = process.argv[2];
if (name !== 'migrate' && !Object.hasOwn(PROCESS_ENTRIES, name ?? '')) {
  fail(`Usage: node scripts/container.mjs <${['migrate', ...Object.keys(PROCESS_ENTRIES)].join('|')}> (got "${name ?? ''}").`);
}

// Each subgraph's gateway secret, shared by the two containers that need it (outside production only).
if (process.env.NODE_ENV !== 'production') {
  for (const service of SERVICES) {
    const key = `${service.toUpperCase()}_GATEWAY_SECRET`;
    process.env[key] ||= ensureDevSecret(resolve(ROOT, '.keys'), `${service}-gateway.key`);
  }
}
await loadEnvironment();

if (name === 'migrate') {
  await import(pathToFileURL(resolve(ROOT, 'scripts/migrate.mjs')).href);
  if (process.env.NODE_ENV !== 'production' && (await membersCount()) === 0) {
    console.log('The database holds no member: loading the demo data set (accounts in the README).');
    await import(pathToFileURL(resolve(ROOT, 'scripts/seed.mjs')).href);
  }
  process.exit(0);
}

// The process gets only its own secrets (scripts/lib.mjs SECRET_HOLDERS), then runs in this very process: it is the
// container's main process and receives Docker's SIGTERM itself.
const own = childEnvironment(name, process.env);
for (const key of Object.keys(process.env)) if (!(key in own)) delete process.env[key];
await import(pathToFileURL(resolve(ROOT, PROCESS_ENTRIES[name])).href);

/** How many members the database holds (the migrations have run). */
async function membersCount() {
  const { Client } = require('pg');
  const client = new Client({ connectionString: process.env.MEMBERS_DATABASE_URL || process.env.DATABASE_URL });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM members.members');
    return rows[0].n;
  } finally {
    await client.end().catch(() => undefined);
  }
}
