import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why staff sent a fiche in review back to its authors (`returnGuideArticleToDraft`); cleared when it is submitted again. */
export class ArticlesReviewNote1765100000000 implements MigrationInterface {
  name = 'ArticlesReviewNote1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE guide.articles ADD COLUMN review_note text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE guide.articles DROP COLUMN review_note`);
  }
}
