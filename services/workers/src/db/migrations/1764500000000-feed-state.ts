import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the feed poller remembers of each watch source for conditional GETs (the guide owns the sources). */
export class FeedState1764500000000 implements MigrationInterface {
  name = 'FeedState1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workers.feed_state (
        source_id uuid PRIMARY KEY,
        etag text,
        last_modified text,
        checked_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workers.feed_state`);
  }
}
