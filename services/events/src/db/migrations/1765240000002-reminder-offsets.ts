import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders chosen per event (issue #20): `reminder_offsets_hours` (hours before the start, largest first) replaces
 * `short_reminder`. What `short_reminder` meant (the workers' `offsetsFor`): every attendee got the reminder of the
 * largest configured offset (REMINDER_OFFSETS_HOURS, default "24,3": the day before), and an event with
 * `short_reminder` the smaller ones too. So an event (or series) without it now has the largest offset only, and one
 * with it every configured offset, as the workers were configured when this runs (REMINDER_OFFSETS_HOURS, else the
 * default of the time, "24,3"). New events default to [24].
 */
export class ReminderOffsets1765240000002 implements MigrationInterface {
  name = 'ReminderOffsets1765240000002';

  async up(q: QueryRunner): Promise<void> {
    const configured = [
      ...new Set(
        (process.env.REMINDER_OFFSETS_HOURS ?? '24,3')
          .split(',')
          .map((h) => Number(h.trim()))
          .filter((h) => Number.isInteger(h) && h > 0),
      ),
    ].sort((a, b) => b - a);
    const largest = configured.slice(0, 1);
    for (const table of ['events.events', 'events.event_series']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN reminder_offsets_hours integer[] NOT NULL DEFAULT '{24}'`);
      await q.query(`UPDATE ${table} SET reminder_offsets_hours = CASE WHEN short_reminder THEN $1::integer[] ELSE $2::integer[] END`, [
        configured,
        largest,
      ]);
      await q.query(`ALTER TABLE ${table} DROP COLUMN short_reminder`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['events.events', 'events.event_series']) {
      // short_reminder: the event had more than the day-before reminder.
      await q.query(`ALTER TABLE ${table} ADD COLUMN short_reminder boolean NOT NULL DEFAULT false`);
      await q.query(`UPDATE ${table} SET short_reminder = cardinality(reminder_offsets_hours) > 1`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN reminder_offsets_hours`);
    }
  }
}
