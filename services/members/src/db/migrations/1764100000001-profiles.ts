import { foldName } from '@metropotes/territories';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Profiles: folded name for search, notification preferences, welcoming of newcomers. */
export class Profiles1764100000001 implements MigrationInterface {
  name = 'Profiles1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE members.members
        ADD COLUMN search_name text NOT NULL DEFAULT '',
        ADD COLUMN digest_frequency text NOT NULL DEFAULT 'WEEKLY' CHECK (digest_frequency IN ('WEEKLY','MONTHLY','NONE')),
        ADD COLUMN followed_communes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN followed_territories text[],
        ADD COLUMN followed_themes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN event_reminders boolean NOT NULL DEFAULT true,
        ADD COLUMN welcomed_at timestamptz,
        ADD COLUMN welcomed_by uuid REFERENCES members.members(id) ON DELETE SET NULL,
        ADD COLUMN welcome_note text,
        ADD COLUMN buddy_id uuid REFERENCES members.members(id) ON DELETE SET NULL`);
    const rows: { id: string; display_name: string }[] = await q.query(`SELECT id, display_name FROM members.members`);
    for (const row of rows) {
      await q.query(`UPDATE members.members SET search_name = $2 WHERE id = $1`, [row.id, foldName(row.display_name)]);
    }
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX members_search_name_idx ON members.members USING gin ((' ' || search_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX members_directory_idx ON members.members (search_name, id) WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX members_newcomers_idx ON members.members (joined_at, id) WHERE welcome_status = 'NEW' AND deleted_at IS NULL`);
    await q.query(`CREATE INDEX members_interests_idx ON members.members USING gin (interests)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX members.members_interests_idx`);
    await q.query(`DROP INDEX members.members_newcomers_idx`);
    await q.query(`DROP INDEX members.members_directory_idx`);
    await q.query(`DROP INDEX members.members_search_name_idx`);
    await q.query(`
      ALTER TABLE members.members
        DROP COLUMN search_name, DROP COLUMN digest_frequency, DROP COLUMN followed_communes,
        DROP COLUMN followed_territories, DROP COLUMN followed_themes, DROP COLUMN event_reminders,
        DROP COLUMN welcomed_at, DROP COLUMN welcomed_by, DROP COLUMN welcome_note, DROP COLUMN buddy_id`);
  }
}
