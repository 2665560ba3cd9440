import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The actors of local and metropolitan public life the fiches point to. */
export class Actors1764000001000 implements MigrationInterface {
  name = 'Actors1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guide.actors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('MAIRIE','CONSEIL_DE_QUARTIER','CONSEIL_CITOYEN','EPT','METROPOLE','DEPARTEMENT','REGION','PREFECTURE','ASSOCIATION','AUTRE')),
        name text NOT NULL,
        scale text NOT NULL,
        commune_code text,
        website text,
        contact text,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX actors_name_idx ON guide.actors (name, id)`);
    await q.query(`CREATE INDEX actors_commune_idx ON guide.actors (commune_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide.actors`);
  }
}
