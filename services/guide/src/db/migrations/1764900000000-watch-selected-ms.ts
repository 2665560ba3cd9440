import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Selection times kept to the millisecond, like `published_at` (as clients and cursors carry them): the list by
 * selection then pages with the same `[time, id]` cursor as the list by publication. Rounds down the times written
 * before (with `now()`, to the microsecond); `curate()` writes them rounded from now on.
 */
export class WatchSelectedMs1764900000000 implements MigrationInterface {
  name = 'WatchSelectedMs1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE guide.watch_items SET curated_at = date_trunc('milliseconds', curated_at) WHERE curated_at <> date_trunc('milliseconds', curated_at)`,
    );
  }

  async down(): Promise<void> {
    // The microseconds are gone; millisecond times are valid for the code before this migration too.
  }
}
