import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `guideArticles(filter: { updatedSince })`: the fiches changed since an instant (the weekly digest asks for a week's). */
export class ArticlesUpdated1764700000000 implements MigrationInterface {
  name = 'ArticlesUpdated1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX articles_updated_idx ON guide.articles (updated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX guide.articles_updated_idx`);
  }
}
