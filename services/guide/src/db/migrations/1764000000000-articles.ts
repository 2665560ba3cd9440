import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fiches of the guide, their revisions, and French full-text search:
 * a text search configuration `guide.fr` (french with accents folded), a weighted tsvector
 * (title A, summary B, body and steps C) maintained by a trigger, and a GIN index on it.
 */
export class Articles1764000000000 implements MigrationInterface {
  name = 'Articles1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    const [ext] = (await q.query(
      `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'`,
    )) as { schema: string }[];
    const unaccent = `"${ext!.schema}".unaccent`;
    await q.query(`CREATE TEXT SEARCH CONFIGURATION guide.fr (COPY = pg_catalog.french)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION guide.fr ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword WITH ${unaccent}, french_stem`,
    );

    await q.query(`
      CREATE TABLE guide.articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        -- Plain text of the body and steps (from the Markdown), for search and excerpts.
        body_text text NOT NULL DEFAULT '',
        scales text[] NOT NULL DEFAULT '{}',
        themes text[] NOT NULL DEFAULT '{}',
        steps jsonb NOT NULL DEFAULT '[]',
        actor_ids uuid[] NOT NULL DEFAULT '{}',
        commune_codes text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','IN_REVIEW','PUBLISHED','ARCHIVED')),
        author_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector NOT NULL DEFAULT ''::tsvector
      )`);
    await q.query(`CREATE INDEX articles_status_idx ON guide.articles (status, title, id)`);
    await q.query(`CREATE INDEX articles_title_idx ON guide.articles (title, id)`);
    await q.query(`CREATE INDEX articles_authors_idx ON guide.articles USING gin (author_ids)`);
    await q.query(`CREATE INDEX articles_scales_idx ON guide.articles USING gin (scales)`);
    await q.query(`CREATE INDEX articles_themes_idx ON guide.articles USING gin (themes)`);
    await q.query(`CREATE INDEX articles_communes_idx ON guide.articles USING gin (commune_codes)`);
    await q.query(`CREATE INDEX articles_actors_idx ON guide.articles USING gin (actor_ids)`);
    await q.query(`CREATE INDEX articles_search_idx ON guide.articles USING gin (search)`);

    // A trigger rather than a generated column: to_tsvector with a configuration name is not immutable.
    await q.query(`
      CREATE FUNCTION guide.articles_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search :=
          setweight(to_tsvector('guide.fr'::regconfig, coalesce(NEW.title, '')), 'A') ||
          setweight(to_tsvector('guide.fr'::regconfig, coalesce(NEW.summary, '')), 'B') ||
          setweight(to_tsvector('guide.fr'::regconfig, coalesce(NEW.body_text, '')), 'C');
        RETURN NEW;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER articles_search_trigger
        BEFORE INSERT OR UPDATE OF title, summary, body_text ON guide.articles
        FOR EACH ROW EXECUTE FUNCTION guide.articles_search_update()`);

    await q.query(`
      CREATE TABLE guide.article_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES guide.articles(id) ON DELETE CASCADE,
        -- The version this revision preserves (the text as it was before the edit).
        version integer NOT NULL,
        title text NOT NULL,
        summary text NOT NULL,
        body text NOT NULL,
        steps jsonb NOT NULL,
        -- Who made the edit that replaced this text, and when (null once the member erased their account).
        edited_by uuid,
        edited_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (article_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide.article_revisions`);
    await q.query(`DROP TABLE guide.articles`);
    await q.query(`DROP FUNCTION guide.articles_search_update()`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION guide.fr`);
  }
}
