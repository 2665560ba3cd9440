import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many times a registration got a place from the waitlist: each promotion is its own job and its own e-mail
 * (job id and dedupe key carry the number), so a member promoted, cancelled, registered again and promoted again is
 * told twice. Rows that exist already count 1: one promotion may have been e-mailed before it was counted (under the
 * key of the first), so their next one is the second and gets its own key.
 */
export class RegistrationPromotions1764800000000 implements MigrationInterface {
  name = 'RegistrationPromotions1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.registrations ADD COLUMN promotions integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE events.registrations ALTER COLUMN promotions SET DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events.registrations DROP COLUMN promotions`);
  }
}
