import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reporters may ask to hear the outcome of their report (off for every report made before). */
export class ReportNotifyOutcome1765250000002 implements MigrationInterface {
  name = 'ReportNotifyOutcome1765250000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.reports ADD COLUMN notify_outcome boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE moderation.reports DROP COLUMN notify_outcome`);
  }
}
