import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `watchItems(filter: { selectedSince })`: the items the staff selected since an instant, newest selection first (the digest). */
export class WatchSelected1764800000000 implements MigrationInterface {
  name = 'WatchSelected1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX watch_items_selected_idx ON guide.watch_items (curated_at DESC, id DESC) WHERE status = 'SELECTED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX guide.watch_items_selected_idx`);
  }
}
