import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `staffDigest`: staff and admins get the daily digest of what waits for the team unless they turn it off. */
export class StaffDigest1765250000003 implements MigrationInterface {
  name = 'StaffDigest1765250000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members ADD COLUMN staff_digest boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members DROP COLUMN staff_digest`);
  }
}
