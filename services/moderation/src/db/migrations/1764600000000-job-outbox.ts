import { outboxTableSql } from '@metropotes/jobs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation moves to the outbox every service shares (`moderation.job_outbox`, from @metropotes/jobs). Every row
 * of the former `moderation.outbox` is kept (with its deterministic job id, `apply-decision-<decision>`, and its
 * enqueued time: rows not yet enqueued are relayed by the new relay). `moderation.outbox` stays readable as a
 * view of the decision jobs, with its former columns.
 */
export class JobOutbox1764600000000 implements MigrationInterface {
  name = 'JobOutbox1764600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('moderation')) await q.query(sql);
    await q.query(`
      INSERT INTO moderation.job_outbox (job_name, payload, job_id, created_at, enqueued_at, attempts)
      SELECT o.job_name, o.payload, 'apply-decision-' || o.decision_id, o.created_at, o.enqueued_at, CASE WHEN o.enqueued_at IS NULL THEN 0 ELSE 1 END
      FROM moderation.outbox o ORDER BY o.created_at, o.id`);
    await q.query(`DROP TABLE moderation.outbox`);
    await q.query(`
      CREATE VIEW moderation.outbox AS
      SELECT o.id, (o.payload ->> 'decisionId')::uuid AS decision_id, o.job_name, o.payload, o.created_at, o.enqueued_at, o.job_id
      FROM moderation.job_outbox o WHERE o.job_name = 'moderation.apply-decision'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW moderation.outbox`);
    await q.query(`
      CREATE TABLE moderation.outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL UNIQUE REFERENCES moderation.decisions (id),
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        job_id text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON moderation.outbox (created_at) WHERE enqueued_at IS NULL`);
    await q.query(`
      INSERT INTO moderation.outbox (decision_id, job_name, payload, created_at, enqueued_at, job_id)
      SELECT DISTINCT ON ((o.payload ->> 'decisionId')::uuid) (o.payload ->> 'decisionId')::uuid, o.job_name, o.payload, o.created_at, o.enqueued_at,
        CASE WHEN o.enqueued_at IS NOT NULL THEN o.job_id END
      FROM moderation.job_outbox o WHERE o.job_name = 'moderation.apply-decision'
      ORDER BY (o.payload ->> 'decisionId')::uuid, o.id`);
    await q.query(`DROP TABLE moderation.job_outbox`);
  }
}
