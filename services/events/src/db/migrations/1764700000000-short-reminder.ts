import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders: every confirmed attendee gets the day-before one; an event (or a series, copied to its occurrences)
 * with `short_reminder` also asks the workers for the reminder a few hours before. Off by default.
 */
export class ShortReminder1764700000000 implements MigrationInterface {
  name = 'ShortReminder1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.events ADD COLUMN short_reminder boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE events.event_series ADD COLUMN short_reminder boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.event_series DROP COLUMN short_reminder`);
    await q.query(`ALTER TABLE events.events DROP COLUMN short_reminder`);
  }
}
