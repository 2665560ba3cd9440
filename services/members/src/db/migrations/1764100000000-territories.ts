import { COMMUNES, TERRITORIES, foldName } from '@metropotes/territories';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The communes of Île-de-France and the territories of the Métropole (11 EPT + Paris), loaded from the
 * official reference in @metropotes/territories. `search_name` holds the folded name ("l ile saint denis").
 */
export class Territories1764100000000 implements MigrationInterface {
  name = 'Territories1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE members.territories (
        code text PRIMARY KEY,
        name text NOT NULL,
        search_name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE members.communes (
        code text PRIMARY KEY,
        name text NOT NULL,
        search_name text NOT NULL,
        postal_codes text[] NOT NULL DEFAULT '{}',
        department text NOT NULL,
        population integer,
        territory_code text REFERENCES members.territories(code),
        in_metropole boolean NOT NULL DEFAULT false
      )`);
    // Search is a prefix of any word of the folded name: (' ' || search_name) LIKE '% ' || query || '%'.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX communes_search_name_idx ON members.communes USING gin ((' ' || search_name) gin_trgm_ops)`);
    await q.query(`CREATE INDEX communes_postal_codes_idx ON members.communes USING gin (postal_codes)`);
    await q.query(`CREATE INDEX communes_territory_idx ON members.communes (territory_code)`);

    for (const t of TERRITORIES) {
      await q.query(`INSERT INTO members.territories (code, name, search_name) VALUES ($1, $2, $3)`, [t.code, t.name, foldName(t.name)]);
    }
    const batch = 200;
    for (let i = 0; i < COMMUNES.length; i += batch) {
      const rows = COMMUNES.slice(i, i + batch);
      const params: unknown[] = [];
      const values = rows.map((c, j) => {
        params.push(c.code, c.name, foldName(c.name), c.postalCodes, c.department, c.population, c.territoryCode, c.inMetropole);
        const b = j * 8;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::text[], $${b + 5}, $${b + 6}::int, $${b + 7}, $${b + 8})`;
      });
      await q.query(
        `INSERT INTO members.communes (code, name, search_name, postal_codes, department, population, territory_code, in_metropole)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE members.communes`);
    await q.query(`DROP TABLE members.territories`);
  }
}
