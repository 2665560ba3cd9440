import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member's session version: access tokens carry the version read when they were issued (`sv`); it goes up when
 * the member is suspended or banned, changes role, erases their account or has every session revoked, and the
 * gateway then refuses the older tokens (see modules/accounts/session-versions.ts).
 */
export class SessionVersion1764500000000 implements MigrationInterface {
  name = 'SessionVersion1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members DROP COLUMN session_version`);
  }
}
