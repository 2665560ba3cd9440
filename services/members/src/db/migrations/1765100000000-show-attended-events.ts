import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `showAttendedEvents`: a member opts in to show the events they attended to others (off by default). */
export class ShowAttendedEvents1765100000000 implements MigrationInterface {
  name = 'ShowAttendedEvents1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members ADD COLUMN show_attended_events boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members.members DROP COLUMN show_attended_events`);
  }
}
