import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import { rowsOf, type Queryable } from '@metropotes/database';
import { REPORT_COLUMNS, type ContentType, type ReportEntity, type ReportReason } from './report.entity';

export interface NewReport {
  reporterId: string;
  caseId: string;
  targetType: ContentType;
  targetId: string;
  reason: ReportReason;
  details: string | null;
  trusted: boolean;
  notifyOutcome: boolean;
}

/**
 * Reports. Their times (created_at, which orders a case's reports and a member's own; updated_at) come from the
 * service's clock. The submissions behind the per-member rate limit are technical: their window is real elapsed time
 * (report_submissions.at and its checks on the database's now(), retryAfter against the real time).
 */
export class ReportRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<ReportEntity[]> {
    return this.dataSource.query(`SELECT ${REPORT_COLUMNS} FROM moderation.reports r WHERE r.id = ANY($1::uuid[])`, [[...ids]]);
  }

  findByCaseIds(caseIds: readonly string[]): Promise<ReportEntity[]> {
    return this.dataSource.query(`SELECT ${REPORT_COLUMNS} FROM moderation.reports r WHERE r.case_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`, [
      [...caseIds],
    ]);
  }

  findByReporter(reporterId: string): Promise<ReportEntity[]> {
    return this.dataSource.query(`SELECT ${REPORT_COLUMNS} FROM moderation.reports r WHERE r.reporter_id = $1 ORDER BY r.created_at DESC, r.id`, [
      reporterId,
    ]);
  }

  /** Submissions by a member within the window, and when the oldest of them leaves it. */
  async submissionsWithin(q: Queryable, memberId: string, windowSeconds: number): Promise<{ count: number; oldest: Date | null }> {
    const rows: { count: number; oldest: Date | null }[] = await q.query(
      `SELECT count(*)::int AS count, min(s.at) AS oldest FROM moderation.report_submissions s
       WHERE s.member_id = $1 AND s.at > now() - make_interval(secs => $2)`,
      [memberId, windowSeconds],
    );
    return rows[0]!;
  }

  // --- Inside a transaction ----------------------------------------------------------------------

  /** Records an accepted submission and forgets the member's submissions older than the window. */
  async recordSubmission(q: Queryable, memberId: string, windowSeconds: number): Promise<void> {
    await q.query(`DELETE FROM moderation.report_submissions WHERE member_id = $1 AND at <= now() - make_interval(secs => $2)`, [
      memberId,
      windowSeconds,
    ]);
    await q.query(`INSERT INTO moderation.report_submissions (member_id) VALUES ($1)`, [memberId]);
  }

  async findOnCase(q: Queryable, reporterId: string, caseId: string): Promise<ReportEntity | null> {
    const rows: ReportEntity[] = await q.query(`SELECT ${REPORT_COLUMNS} FROM moderation.reports r WHERE r.reporter_id = $1 AND r.case_id = $2`, [
      reporterId,
      caseId,
    ]);
    return rows[0] ?? null;
  }

  async insert(q: Queryable, r: NewReport): Promise<ReportEntity> {
    const rows: ReportEntity[] = await q.query(
      `INSERT INTO moderation.reports AS r (reporter_id, case_id, target_type, target_id, reason, details, trusted, notify_outcome, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $9, $8, $8) RETURNING ${REPORT_COLUMNS}`,
      [r.reporterId, r.caseId, r.targetType, r.targetId, r.reason, r.details, r.trusted, this.clock.now(), r.notifyOutcome],
    );
    return rows[0]!;
  }

  /** A report made again while its case is open: the reporter's standing is the one they have now. */
  async update(
    q: Queryable,
    id: string,
    reason: ReportReason,
    details: string | null,
    trusted: boolean,
    notifyOutcome: boolean,
  ): Promise<ReportEntity> {
    const rows = rowsOf<ReportEntity>(
      await q.query(
        `UPDATE moderation.reports r SET reason = $2, details = $3, trusted = $4, notify_outcome = $6, updated_at = $5 WHERE r.id = $1 RETURNING ${REPORT_COLUMNS}`,
        [id, reason, details, trusted, this.clock.now(), notifyOutcome],
      ),
    );
    return rows[0]!;
  }
}
