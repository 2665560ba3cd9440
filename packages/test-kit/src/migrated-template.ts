import { createHash } from 'node:crypto';
import { createServiceDataSource, runMigrations } from '@metropotes/database';
import { Client } from 'pg';

/** What the template needs of a subgraph's spec: its schema and its migrations, as `bootSubgraph` runs them. */
export interface MigratedSchema {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: readonly (Function | string)[] | Record<string, Function | string>;
}

const migrationList = (schema: MigratedSchema) => (Array.isArray(schema.migrations) ? schema.migrations : Object.values(schema.migrations));

/**
 * A name for the template of these migrations: a hash of each schema's migrations, their names and their code, so
 * that a migration added or edited (a worktree, a branch) gets a template of its own instead of a stale one.
 */
export function templateNameOf(schemas: readonly MigratedSchema[]): string {
  const hash = createHash('sha256');
  for (const schema of schemas) {
    hash.update(schema.name).update('\0');
    for (const migration of migrationList(schema)) hash.update(String(migration)).update('\0');
  }
  return `metropotes_test_tpl_${hash.digest('hex').slice(0, 16)}`;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates the database `name` as a copy of a template holding every schema migrated (PostgreSQL's CREATE DATABASE …
 * TEMPLATE, a file copy): a test system then starts with its migrations already applied, instead of running the
 * ~130 migrations of the four services once per test file. The template is made once per set of migrations, by the
 * first test file that needs it (an advisory lock keeps the other jest workers waiting), and kept for the next runs.
 * Booting the services afterwards still runs their migrations, which then find nothing pending.
 */
export async function createDatabaseFromTemplate(serverUrl: string, name: string, schemas: readonly MigratedSchema[]): Promise<void> {
  const template = templateNameOf(schemas);
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres'), connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    // Any 64-bit key of our own: the jest workers of one run (and concurrent runs) serialise on it.
    await admin.query('SELECT pg_advisory_lock(7244901337)');
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!found.rowCount) await buildTemplate(admin, serverUrl, template, schemas);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7244901337)');
    }
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
}

async function buildTemplate(admin: Client, serverUrl: string, template: string, schemas: readonly MigratedSchema[]): Promise<void> {
  // Built under another name and renamed once complete: a run killed half-way never leaves a half-migrated template.
  const building = `${template}_building`;
  await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${building}"`);
  try {
    // One schema after the other, as the test system boots them: migrations share extensions.
    for (const schema of schemas) {
      const { dataSource } = createServiceDataSource({
        url: withDatabase(serverUrl, building),
        schema: schema.name,
        entities: [],
        migrations: migrationList(schema) as never,
        applicationName: `metropotes-test-template-${schema.name}`,
        poolMax: 1,
        statementTimeoutMs: 60_000,
      });
      await dataSource.initialize();
      try {
        await runMigrations(dataSource, schema.name);
      } finally {
        await dataSource.destroy();
      }
    }
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`).catch(() => undefined);
    throw error;
  }
}
