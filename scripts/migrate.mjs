// `npm run migrate`: creates the database if missing and applies every service's pending migrations.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ROOT, SERVICES, loadEnvironment, preflight } from './lib.mjs';

const require = createRequire(import.meta.url);
await loadEnvironment();
await preflight();
const { createServiceDataSource, ensureDatabase, runMigrations } = require(resolve(ROOT, 'packages/database/dist/index.js'));
require('reflect-metadata');

for (const name of [...SERVICES, 'workers']) {
  let server;
  try {
    server = require(resolve(ROOT, `services/${name}/dist/server.js`));
  } catch {
    continue; // a process with no database of its own
  }
  if (!server.migrations) continue;
  const url = process.env[`${name.toUpperCase()}_DATABASE_URL`] || process.env.DATABASE_URL;
  await ensureDatabase(url);
  const { dataSource } = createServiceDataSource({
    url,
    schema: name,
    entities: server.entities ?? [],
    migrations: server.migrations,
    applicationName: `metropotes-migrate-${name}`,
  });
  await dataSource.initialize();
  const applied = await runMigrations(dataSource, name);
  await dataSource.destroy();
  console.log(`${name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
}
