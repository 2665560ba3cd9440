import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An event may belong to a group (a members' `Group`, referenced by id: events never reads members' tables). */
export class EventGroup1765260000002 implements MigrationInterface {
  name = 'EventGroup1765260000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.events ADD COLUMN group_id uuid`);
    await q.query(`CREATE INDEX events_group_start_idx ON events.events (group_id, starts_at, id) WHERE group_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events.events_group_start_idx`);
    await q.query(`ALTER TABLE events.events DROP COLUMN group_id`);
  }
}
