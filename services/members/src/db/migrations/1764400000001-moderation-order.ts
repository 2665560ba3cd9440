import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When each applied moderation decision was taken: decisions applied out of order still leave the latest in force. */
export class ModerationOrder1764400000001 implements MigrationInterface {
  name = 'ModerationOrder1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.moderation_applications ADD COLUMN decided_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX moderation_applications_target_idx ON members.moderation_applications (target_id, decided_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.moderation_applications DROP COLUMN decided_at`);
  }
}
