import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a digest told about ends at its run's `now`: the member's next digest starts there (consecutive digests join
 * up whatever the gap between their runs). Null for every other e-mail, and for digests written before this column.
 */
export class DigestCoversUntil1764950000000 implements MigrationInterface {
  name = 'DigestCoversUntil1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workers.emails ADD COLUMN covers_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workers.emails DROP COLUMN covers_until`);
  }
}
