import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The read-only view `moderation.outbox`, left when moderation moved to the shared `job_outbox`: nothing reads it. */
export class DropOutboxView1764960000000 implements MigrationInterface {
  name = 'DropOutboxView1764960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW moderation.outbox`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW moderation.outbox AS
      SELECT o.id, (o.payload ->> 'decisionId')::uuid AS decision_id, o.job_name, o.payload, o.created_at, o.enqueued_at, o.job_id
      FROM moderation.job_outbox o WHERE o.job_name = 'moderation.apply-decision'`);
  }
}
