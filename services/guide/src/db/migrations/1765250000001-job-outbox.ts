import { dropOutboxTableSql, outboxTableSql } from '@metropotes/jobs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of the guide service (the table every service shares, from @metropotes/jobs): the job
 * telling a fiche's authors that staff published it or sent it back is written with the change, relayed after the commit.
 */
export class JobOutbox1765250000001 implements MigrationInterface {
  name = 'JobOutbox1765250000001';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('guide')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTableSql('guide')) await q.query(sql);
  }
}
