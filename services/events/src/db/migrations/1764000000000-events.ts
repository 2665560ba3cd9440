import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1764000000000 implements MigrationInterface {
  name = 'Events1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events.events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        kind text NOT NULL CHECK (kind IN ('POT_DU_POTE','ATELIER','FORMATION','DEBAT','MISSION','AUTRE')),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PENDING_REVIEW','PUBLISHED','CANCELLED')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        commune_code text,
        organizer_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_ends_after_start CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX events_status_start_idx ON events.events (status, starts_at, id)`);
    await q.query(`CREATE INDEX events_organizer_idx ON events.events (organizer_id, starts_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE events.events`);
  }
}
