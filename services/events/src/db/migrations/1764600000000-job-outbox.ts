import { dropOutboxTableSql, outboxTableSql } from '@metropotes/jobs';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of the events service (the table every service shares, from @metropotes/jobs):
 * the cancellation and promotion jobs are written with the change and relayed to Redis after the commit.
 */
export class JobOutbox1764600000000 implements MigrationInterface {
  name = 'JobOutbox1764600000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of outboxTableSql('events')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropOutboxTableSql('events')) await q.query(sql);
  }
}
