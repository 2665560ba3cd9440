import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Moderation decisions applied by members: hidden profiles and groups, warnings, one row per applied decision. */
export class Moderation1764400000000 implements MigrationInterface {
  name = 'Moderation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE members.members
        ADD COLUMN moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE', 'HIDDEN'))`);
    await q.query(`
      ALTER TABLE members.groups
        ADD COLUMN moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE', 'HIDDEN'))`);
    await q.query(`
      CREATE TABLE members.moderation_applications (
        decision_id uuid PRIMARY KEY,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        action text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE members.member_warnings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES members.members(id) ON DELETE CASCADE,
        decision_id uuid NOT NULL UNIQUE,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX member_warnings_member_idx ON members.member_warnings (member_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE members.member_warnings`);
    await q.query(`DROP TABLE members.moderation_applications`);
    await q.query(`ALTER TABLE members.groups DROP COLUMN moderation_state`);
    await q.query(`ALTER TABLE members.members DROP COLUMN moderation_state`);
  }
}
