import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import { rowsOf, type Queryable } from '@metropotes/database';
import type { ContentType, ReportReason } from '../reports';
import { CASE_COLUMNS, type CaseEntity, type CaseStatus } from './case.entity';

export interface QueueFilter {
  status?: CaseStatus | null;
  targetType?: ContentType | null;
  reason?: ReportReason | null;
  targetId?: string | null;
}

/** The queue's order as one ascending key: open first, then most reported, then oldest. */
export interface QueueCursor {
  rank: number;
  negCount: number;
  openedAt: Date;
  id: string;
}

const RANK = `(CASE WHEN c.status = 'OPEN' THEN 0 ELSE 1 END)`;

function where(filter: QueueFilter, params: unknown[]): string[] {
  const clauses: string[] = [];
  if (filter.status) {
    params.push(filter.status);
    clauses.push(`c.status = $${params.length}`);
  }
  if (filter.targetType) {
    params.push(filter.targetType);
    clauses.push(`c.target_type = $${params.length}`);
  }
  if (filter.targetId) {
    params.push(filter.targetId);
    clauses.push(`c.target_id = $${params.length}`);
  }
  if (filter.reason) {
    params.push(filter.reason);
    clauses.push(`EXISTS (SELECT 1 FROM moderation.reports fr WHERE fr.case_id = c.id AND fr.reason = $${params.length})`);
  }
  return clauses;
}

/**
 * Cases. Their times (opened_at, which orders the queue; resolved_at; updated_at) come from the service's clock, to
 * the millisecond as the queue's cursors carry them — never from the database's clock.
 */
export class CaseRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<CaseEntity[]> {
    return this.dataSource.query(`SELECT ${CASE_COLUMNS} FROM moderation.cases c WHERE c.id = ANY($1::uuid[])`, [[...ids]]);
  }

  queue(filter: QueueFilter, after: QueueCursor | null, limit: number): Promise<CaseEntity[]> {
    const params: unknown[] = [];
    const clauses = where(filter, params);
    if (after) {
      params.push(after.rank, after.negCount, after.openedAt, after.id);
      const n = params.length;
      clauses.push(`(${RANK}, -c.report_count, c.opened_at, c.id) > ($${n - 3}::int, $${n - 2}::int, $${n - 1}::timestamptz, $${n}::uuid)`);
    }
    params.push(limit + 1);
    return this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM moderation.cases c
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
       ORDER BY ${RANK}, -c.report_count, c.opened_at, c.id LIMIT $${params.length}`,
      params,
    );
  }

  async countQueue(filter: QueueFilter): Promise<number> {
    const params: unknown[] = [];
    const clauses = where(filter, params);
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM moderation.cases c ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`,
      params,
    );
    return rows[0]!.n;
  }

  // --- Inside a transaction ----------------------------------------------------------------------

  async findOpen(q: Queryable, targetType: ContentType, targetId: string): Promise<CaseEntity | null> {
    const rows: CaseEntity[] = await q.query(
      `SELECT ${CASE_COLUMNS} FROM moderation.cases c WHERE c.target_type = $1 AND c.target_id = $2 AND c.status = 'OPEN'`,
      [targetType, targetId],
    );
    return rows[0] ?? null;
  }

  async open(q: Queryable, targetType: ContentType, targetId: string): Promise<CaseEntity> {
    const rows: CaseEntity[] = await q.query(
      `INSERT INTO moderation.cases AS c (target_type, target_id, opened_at, updated_at)
       VALUES ($1, $2, date_trunc('milliseconds', $3::timestamptz), $3) RETURNING ${CASE_COLUMNS}`,
      [targetType, targetId, this.clock.now()],
    );
    return rows[0]!;
  }

  async lock(q: Queryable, id: string): Promise<CaseEntity | null> {
    const rows: CaseEntity[] = await q.query(`SELECT ${CASE_COLUMNS} FROM moderation.cases c WHERE c.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** Sets report_count and trusted_report_count from the reports themselves. */
  async recount(q: Queryable, id: string): Promise<CaseEntity> {
    const rows = rowsOf<CaseEntity>(
      await q.query(
        `UPDATE moderation.cases c SET report_count = (SELECT count(*) FROM moderation.reports r WHERE r.case_id = c.id),
           trusted_report_count = (SELECT count(*) FROM moderation.reports r WHERE r.case_id = c.id AND r.trusted), updated_at = $2
         WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`,
        [id, this.clock.now()],
      ),
    );
    return rows[0]!;
  }

  async assign(q: Queryable, id: string, assigneeId: string | null): Promise<CaseEntity> {
    const rows = rowsOf<CaseEntity>(
      await q.query(`UPDATE moderation.cases c SET assignee_id = $2, updated_at = $3 WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`, [
        id,
        assigneeId,
        this.clock.now(),
      ]),
    );
    return rows[0]!;
  }

  async resolve(q: Queryable, id: string): Promise<CaseEntity> {
    const rows = rowsOf<CaseEntity>(
      await q.query(
        `UPDATE moderation.cases c SET status = 'RESOLVED', resolved_at = COALESCE(c.resolved_at, date_trunc('milliseconds', $2::timestamptz)),
           updated_at = $2
         WHERE c.id = $1 RETURNING ${CASE_COLUMNS}`,
        [id, this.clock.now()],
      ),
    );
    return rows[0]!;
  }
}
