import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skills (issue #19): the short list staff keep of what ateliers and formations develop. A name is unique whatever
 * its case (archived skills included: an archived skill still names what past events developed). Events refer to
 * theirs by id (`events.skill_ids`, in the order given); skills are archived, never deleted, so the ids stay valid.
 */
export class Skills1765150000000 implements MigrationInterface {
  name = 'Skills1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events.skills (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX skills_name_key ON events.skills (lower(name))`);
    await q.query(`ALTER TABLE events.events ADD COLUMN skill_ids uuid[] NOT NULL DEFAULT '{}'`);
    // The events that develop a skill (the training paths to come read them by skill).
    await q.query(`CREATE INDEX events_skill_ids_idx ON events.events USING gin (skill_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events.events_skill_ids_idx`);
    await q.query(`ALTER TABLE events.events DROP COLUMN skill_ids`);
    await q.query(`DROP TABLE events.skills`);
  }
}
