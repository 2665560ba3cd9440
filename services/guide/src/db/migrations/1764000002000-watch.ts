import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The veille: feeds the staff follow, and the items found in them or submitted by members. */
export class Watch1764000002000 implements MigrationInterface {
  name = 'Watch1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guide.watch_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        feed_url text NOT NULL UNIQUE,
        themes text[] NOT NULL DEFAULT '{}',
        commune_codes text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        last_fetched_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE guide.watch_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL,
        -- Lower-case host, no fragment, no utm_* parameters, no trailing slash: one item per page.
        normalized_url text NOT NULL UNIQUE,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        source_id uuid REFERENCES guide.watch_sources(id) ON DELETE SET NULL,
        -- Kept to the millisecond (as clients and cursors carry it).
        published_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        commune_codes text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW','SELECTED','DISMISSED')),
        curated_by uuid,
        curated_at timestamptz,
        curation_note text,
        submitted_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX watch_items_status_idx ON guide.watch_items (status, published_at DESC, id DESC)`);
    await q.query(`CREATE INDEX watch_items_published_idx ON guide.watch_items (published_at DESC, id DESC)`);
    await q.query(`CREATE INDEX watch_items_communes_idx ON guide.watch_items USING gin (commune_codes)`);
    await q.query(`CREATE INDEX watch_items_themes_idx ON guide.watch_items USING gin (themes)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide.watch_items`);
    await q.query(`DROP TABLE guide.watch_sources`);
  }
}
