import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Articles1764000000000 implements MigrationInterface {
  name = 'Articles1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guide.articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','IN_REVIEW','PUBLISHED','ARCHIVED')),
        author_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX articles_status_idx ON guide.articles (status, updated_at DESC, id)`);
    await q.query(`CREATE INDEX articles_authors_idx ON guide.articles USING gin (author_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide.articles`);
  }
}
