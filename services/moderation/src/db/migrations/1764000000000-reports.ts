import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1764000000000 implements MigrationInterface {
  name = 'Reports1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE moderation.reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reporter_id uuid,
        target_type text NOT NULL CHECK (target_type IN ('MEMBER','EVENT','GUIDE_ARTICLE','WATCH_ITEM','GROUP')),
        target_id text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('SPAM','HARASSMENT','HATE','MISINFORMATION','PERSONAL_DATA','OFF_TOPIC','OTHER')),
        details text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX reports_one_per_member ON moderation.reports (reporter_id, target_type, target_id)`);
    await q.query(`CREATE INDEX reports_target_idx ON moderation.reports (target_type, target_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE moderation.reports`);
  }
}
