// `npm run seed`: loads the demo data set into the database (idempotent: stable ids, ON CONFLICT DO NOTHING).
// `npm run seed -- --scale large`: adds 50,000 members, 100,000 events and 10,000 fiches for load tests.
// Needs PostgreSQL only: creates the database if missing and applies every service's migrations first.
// Each service seeds its own schema (services/<name>/dist/seed); members, events and watch items are referenced by their
// stable ids (federation references, never a join).
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ROOT, fail } from './lib.mjs';

const require = createRequire(import.meta.url);
const envFile = resolve(ROOT, '.env');
try {
  process.loadEnvFile(envFile);
} catch {
  // no .env: local defaults
}
process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/metropotes';

const args = process.argv.slice(2);
const scaleIndex = args.indexOf('--scale');
const scale = scaleIndex >= 0 ? args[scaleIndex + 1] : (args.find((a) => a.startsWith('--scale='))?.split('=')[1] ?? 'demo');
if (process.env.NODE_ENV === 'production' && !args.includes('--force')) {
  fail('The demo data set has public passwords: it is for local use only (NODE_ENV is production; --force to insist).');
}
if (scale !== 'demo' && scale !== 'large') fail(`--scale must be "demo" or "large" (got "${scale}").`);

require('reflect-metadata');
const { createServiceDataSource, ensureDatabase, pingPostgres, redactUrl, runMigrations } = require(resolve(ROOT, 'packages/database/dist/index.js'));
const urlOf = (name) => process.env[`${name.toUpperCase()}_DATABASE_URL`] || process.env.DATABASE_URL;

for (const name of ['members', 'events', 'guide', 'moderation', 'workers']) {
  try {
    await pingPostgres(urlOf(name));
  } catch (error) {
    fail(
      `PostgreSQL does not answer at ${redactUrl(urlOf(name))} (${error.message}).\n` +
        `  Start one with:  docker compose up -d postgres\n  or a local install, or set DATABASE_URL.`,
    );
  }
  await ensureDatabase(urlOf(name));
}

const started = Date.now();
const log = (line) => console.log(`  ${line}`);
console.log(`Seeding ${redactUrl(process.env.DATABASE_URL)} (${scale} data set)`);
const {
  seedMembers,
  seedMemberFollowUps,
  DEMO_MEMBER_PASSWORD,
  DEMO_STAFF_PASSWORD,
  SEED_ADMIN,
  SEED_STAFF,
  SEED_MEMBERS,
  SEED_WARNED_MEMBER_ID,
} = require(resolve(ROOT, 'services/members/dist/seed/members.seed.js'));
// The demo data is dated from the process's clock: CLOCK_START when set (never in production), else the real time.
const { processClock } = require(resolve(ROOT, 'packages/config/dist/index.js'));
const clock = processClock({ production: process.env.NODE_ENV === 'production', clockStart: process.env.CLOCK_START || undefined });
const members = await seedMembers(urlOf('members'), { scale, log, clock });
const { seedEvents } = require(resolve(ROOT, 'services/events/dist/seed/events.seed.js'));
const events = await seedEvents(urlOf('events'), members, { scale, log, clock });
const { seedGuide } = require(resolve(ROOT, 'services/guide/dist/seed/guide.seed.js'));
const guide = await seedGuide(urlOf('guide'), members, { scale, log, clock });
const { seedModeration } = require(resolve(ROOT, 'services/moderation/dist/seed/moderation.seed.js'));
const moderation = await seedModeration(
  urlOf('moderation'),
  { ...members, warnedMemberId: SEED_WARNED_MEMBER_ID, eventIds: events.eventIds },
  { log, clock },
);
// What points at the other services' data: prospects spotted in the veille or at events, the warning members applied.
await seedMemberFollowUps(
  urlOf('members'),
  { watchItemIds: guide.watchItemIds, eventIds: events.eventIds, moderationDecisions: moderation.memberDecisions },
  { scale, log, clock },
);

// The service without demo data: migrations only, so the database is complete.
for (const name of ['workers']) {
  const server = require(resolve(ROOT, `services/${name}/dist/server.js`));
  const { dataSource } = createServiceDataSource({
    url: urlOf(name),
    schema: name,
    entities: server.entities ?? [],
    migrations: server.migrations,
    applicationName: `metropotes-seed-${name}`,
  });
  await dataSource.initialize();
  await runMigrations(dataSource, name);
  await dataSource.destroy();
}

console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Local accounts (FOR LOCAL USE ONLY, never in production):`);
console.log(`  ${SEED_STAFF.email.padEnd(28)} ${DEMO_STAFF_PASSWORD}   (STAFF)`);
console.log(`  ${SEED_ADMIN.email.padEnd(28)} ${DEMO_STAFF_PASSWORD}   (ADMIN)`);
console.log(`  ${SEED_MEMBERS[0].email.padEnd(28)} ${DEMO_MEMBER_PASSWORD}   (MEMBER; every demo member has this password)`);
