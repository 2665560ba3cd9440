import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['cases', 'reports', 'decisions', 'audit_log'];
const BEFORE = `('MEMBER','EVENT','GUIDE_ARTICLE','WATCH_ITEM','GROUP')`;
const AFTER = `('MEMBER','EVENT','GUIDE_ARTICLE','WATCH_ITEM','GROUP','GROUP_MESSAGE','EVENT_MESSAGE')`;

/** Group messages (members) and event messages (events) can be reported and hidden: two more target types. */
export class MessageTargets1765280000001 implements MigrationInterface {
  name = 'MessageTargets1765280000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await setTypes(q, table, AFTER);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await setTypes(q, table, BEFORE);
  }
}

/** Replaces the CHECK of `target_type` (named `<table>_target_type_check` by PostgreSQL when it was created). */
async function setTypes(q: QueryRunner, table: string, types: string): Promise<void> {
  await q.query(`ALTER TABLE moderation.${table} DROP CONSTRAINT IF EXISTS ${table}_target_type_check`);
  await q.query(`ALTER TABLE moderation.${table} ADD CONSTRAINT ${table}_target_type_check CHECK (target_type IN ${types})`);
}
