import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public agenda reads "published or cancelled, visible, not finished at `from`, by start": a partial index
 * on the start that carries the other columns answers both the page and its count without reading the table.
 * Events last at most 31 days (checked by the API; NOT VALID leaves rows written before untouched).
 */
export class AgendaIndex1764500000000 implements MigrationInterface {
  name = 'AgendaIndex1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX events_agenda_idx ON events.events (starts_at, id) INCLUDE (ends_at, moderation_state, kind, commune_code)
      WHERE status IN ('PUBLISHED', 'CANCELLED')`);
    await q.query(`ALTER TABLE events.events ADD CONSTRAINT events_at_most_31_days CHECK (ends_at <= starts_at + interval '31 days') NOT VALID`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.events DROP CONSTRAINT events_at_most_31_days`);
    await q.query(`DROP INDEX events.events_agenda_idx`);
  }
}
