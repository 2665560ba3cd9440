import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendance (issue #19): who came to an event. A registration's `attendance` (null until marked) and whether it was
 * created for a walk-in (a member who came without registering, marked PRESENT by the organizer or staff, or who
 * checked in with the venue's code); per event, the non-members counted at the door and the check-in code shown at
 * the venue (`event_attendance`, one row per event once either is set); the wrong check-in codes a member typed
 * (`check_in_failures`: the rate limit of `checkIn`).
 */
export class Attendance1765100000000 implements MigrationInterface {
  name = 'Attendance1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE events.registrations
        ADD COLUMN attendance text CHECK (attendance IN ('PRESENT', 'ABSENT', 'EXCUSED')),
        ADD COLUMN walk_in boolean NOT NULL DEFAULT false
    `);
    // Member.attendedEvents: a member's PRESENT registrations.
    await q.query(`CREATE INDEX registrations_member_present_idx ON events.registrations (member_id) WHERE attendance = 'PRESENT'`);
    await q.query(`
      CREATE TABLE events.event_attendance (
        event_id uuid PRIMARY KEY REFERENCES events.events (id) ON DELETE CASCADE,
        check_in_code text,
        walk_in_count integer CHECK (walk_in_count >= 0)
      )
    `);
    await q.query(`
      CREATE TABLE events.check_in_failures (
        id bigserial PRIMARY KEY,
        member_id uuid NOT NULL,
        event_id uuid NOT NULL REFERENCES events.events (id) ON DELETE CASCADE,
        at timestamptz NOT NULL
      )
    `);
    await q.query(`CREATE INDEX check_in_failures_member_at_idx ON events.check_in_failures (member_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.check_in_failures`);
    await q.query(`DROP TABLE events.event_attendance`);
    await q.query(`DROP INDEX events.registrations_member_present_idx`);
    await q.query(`ALTER TABLE events.registrations DROP COLUMN attendance, DROP COLUMN walk_in`);
  }
}
