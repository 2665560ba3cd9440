import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Newcomers followed until they come (issue #19): `first_participation_at` (copied from events by the workers),
 * `nudged_at` (the one nudge e-mail was handled) and the `welcome_follow_up` e-mail preference (on by default). The
 * partial index serves the nudge scan and the staff's « pas encore venu·es » list.
 */
export class NewcomerFollowUp1765210000000 implements MigrationInterface {
  name = 'NewcomerFollowUp1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members
      ADD COLUMN first_participation_at timestamptz,
      ADD COLUMN nudged_at timestamptz,
      ADD COLUMN welcome_follow_up boolean NOT NULL DEFAULT true`);
    await q.query(
      `CREATE INDEX members_not_come_yet_idx ON members.members (joined_at, id) WHERE first_participation_at IS NULL AND deleted_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX members.members_not_come_yet_idx`);
    await q.query(`ALTER TABLE members.members DROP COLUMN first_participation_at, DROP COLUMN nudged_at, DROP COLUMN welcome_follow_up`);
  }
}
