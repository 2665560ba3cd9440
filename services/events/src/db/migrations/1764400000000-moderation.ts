import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Moderation decisions applied to events: the event's state and one row per applied decision (idempotence). */
export class Moderation1764400000000 implements MigrationInterface {
  name = 'Moderation1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE events.events
        ADD COLUMN moderation_state text NOT NULL DEFAULT 'VISIBLE' CHECK (moderation_state IN ('VISIBLE', 'HIDDEN'))`);
    await q.query(`
      CREATE TABLE events.moderation_applications (
        decision_id uuid PRIMARY KEY,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        action text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.moderation_applications`);
    await q.query(`ALTER TABLE events.events DROP COLUMN moderation_state`);
  }
}
