import { dropOutboxTableSql, outboxTableSql } from '@metropotes/jobs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of the members service (the table every service shares, from @metropotes/jobs): a role
 * change and its audit job are committed together, and the job is relayed to Redis after the commit.
 */
export class JobOutbox1764700000000 implements MigrationInterface {
  name = 'JobOutbox1764700000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('members')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTableSql('members')) await q.query(sql);
  }
}
