import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Moderation decisions applied to the guide: hidden fiches and veille items, one row per applied decision. */
export class Moderation1764400000000 implements MigrationInterface {
  name = 'Moderation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE guide.articles
        ADD COLUMN moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE', 'HIDDEN'))`);
    await q.query(`
      ALTER TABLE guide.watch_items
        ADD COLUMN moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE', 'HIDDEN'))`);
    await q.query(`
      CREATE TABLE guide.moderation_applications (
        decision_id uuid PRIMARY KEY,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        action text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide.moderation_applications`);
    await q.query(`ALTER TABLE guide.watch_items DROP COLUMN moderation_state`);
    await q.query(`ALTER TABLE guide.articles DROP COLUMN moderation_state`);
  }
}
