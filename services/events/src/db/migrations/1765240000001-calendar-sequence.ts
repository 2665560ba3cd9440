import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders people can act on (issue #20):
 * - `events.calendar_sequence`: the iCalendar SEQUENCE of the event (its UID is `<id>@metropotes`, stable). A
 *   trigger raises it by one whenever what a calendar shows of the event changes (start, end, venue, online link) or
 *   when it is cancelled, whoever writes the row (an edit, a series edit, an approved revision): every .ics sent
 *   afterwards (reminder, change notice, cancellation, the feed) supersedes the earlier ones.
 * - `registrations.reminders_enabled`: a member may turn the reminders off for one registration (default on).
 */
export class CalendarSequence1765240000001 implements MigrationInterface {
  name = 'CalendarSequence1765240000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.events ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE FUNCTION events.bump_calendar_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.starts_at IS DISTINCT FROM OLD.starts_at OR NEW.ends_at IS DISTINCT FROM OLD.ends_at
           OR NEW.venue_name IS DISTINCT FROM OLD.venue_name OR NEW.venue_address IS DISTINCT FROM OLD.venue_address
           OR NEW.commune_code IS DISTINCT FROM OLD.commune_code OR NEW.online_url IS DISTINCT FROM OLD.online_url
           OR (NEW.status = 'CANCELLED' AND OLD.status IS DISTINCT FROM 'CANCELLED') THEN
          NEW.calendar_sequence := OLD.calendar_sequence + 1;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER events_calendar_sequence BEFORE UPDATE ON events.events
      FOR EACH ROW EXECUTE FUNCTION events.bump_calendar_sequence()`);
    await q.query(`ALTER TABLE events.registrations ADD COLUMN reminders_enabled boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.registrations DROP COLUMN reminders_enabled`);
    await q.query(`DROP TRIGGER events_calendar_sequence ON events.events`);
    await q.query(`DROP FUNCTION events.bump_calendar_sequence()`);
    await q.query(`ALTER TABLE events.events DROP COLUMN calendar_sequence`);
  }
}
