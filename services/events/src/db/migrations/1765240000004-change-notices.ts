import { outboxRunAtSql } from '@metropotes/jobs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change notices (issue #20): when the time, place or online link of a published event changes, the pending notice
 * is recorded here (what the event was before the first change, when that change was made, when the notice is due)
 * in the transaction of the change; its delayed job goes through the outbox (`run_at`, new here). At most one notice
 * per event is pending (`sent_at` null); the workers close it once its e-mails are written (or nothing is left to say).
 * The table, not Redis, is the record: the workers' periodic sweep sends the due notices whose job was lost.
 */
export class ChangeNotices1765240000004 implements MigrationInterface {
  name = 'ChangeNotices1765240000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxRunAtSql('events'));
    await q.query(`
      CREATE TABLE events.event_change_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events.events(id) ON DELETE CASCADE,
        -- startsAt, endsAt, venueName, venueAddress, communeCode, onlineUrl before the first change
        before jsonb NOT NULL,
        first_change_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        -- SENT (e-mails written) or UNCHANGED (the edits restored the values, or the event is no longer public)
        outcome text
      )`);
    await q.query(`CREATE UNIQUE INDEX event_change_notices_pending_key ON events.event_change_notices (event_id) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX event_change_notices_due_idx ON events.event_change_notices (due_at) WHERE sent_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.event_change_notices`);
    await q.query(`ALTER TABLE events.job_outbox DROP COLUMN run_at`);
  }
}
