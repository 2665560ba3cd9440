import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trusted reporters: whether a report came from a member whose address was verified and whose account was older than
 * MODERATION_TRUSTED_REPORTER_DAYS when they reported (`reports.trusted`), and how many such reports a case has
 * (`cases.trusted_report_count`): only those count towards the automatic hiding. Reports made before are not known to
 * be trusted (false): they stay in the queue for staff, as every report does.
 */
export class TrustedReporters1765000000001 implements MigrationInterface {
  name = 'TrustedReporters1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.reports ADD COLUMN trusted boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE moderation.cases ADD COLUMN trusted_report_count integer NOT NULL DEFAULT 0 CHECK (trusted_report_count >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.cases DROP COLUMN trusted_report_count`);
    await q.query(`ALTER TABLE moderation.reports DROP COLUMN trusted`);
  }
}
