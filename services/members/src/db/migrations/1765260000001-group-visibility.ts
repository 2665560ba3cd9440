import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who sees a group: everyone (PUBLIC, today's groups) or signed-in members only (MEMBERS). */
export class GroupVisibility1765260000001 implements MigrationInterface {
  name = 'GroupVisibility1765260000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.groups ADD COLUMN visibility text NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC','MEMBERS'))`);
    // The digest's « Mes groupes » reads who joined a group lately.
    await q.query(`CREATE INDEX group_memberships_joined_idx ON members.group_memberships (group_id, joined_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX members.group_memberships_joined_idx`);
    await q.query(`ALTER TABLE members.groups DROP COLUMN visibility`);
  }
}
