import type { MemberRole } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import { rowsOf, type Queryable } from '@metropotes/database';
import type { ContentType } from '../reports';
import { DECISION_COLUMNS, type DecisionEntity, type ModerationAction } from './decision.entity';

export interface NewDecision {
  caseId: string;
  targetType: ContentType;
  targetId: string;
  action: ModerationAction;
  reason: string;
  moderatorId: string | null;
  /** The moderator's role when deciding (null for an automatic decision). */
  moderatorRole: MemberRole | null;
  automatic: boolean;
  suspendedUntil: Date | null;
  requiresApplication: boolean;
}

/** Actions that count as a member's warnings and sanctions. */
export const SANCTIONS: ModerationAction[] = ['WARN', 'HIDE', 'SUSPEND', 'BAN'];

/**
 * Decisions. Their times (created_at, which orders a case's decisions and a member's history and is sent as the
 * decision's `decidedAt`; applied_at) come from the service's clock, to the millisecond.
 */
export class DecisionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<DecisionEntity[]> {
    return this.dataSource.query(`SELECT ${DECISION_COLUMNS} FROM moderation.decisions d WHERE d.id = ANY($1::uuid[])`, [[...ids]]);
  }

  findByCaseIds(caseIds: readonly string[]): Promise<DecisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM moderation.decisions d WHERE d.case_id = ANY($1::uuid[]) ORDER BY d.created_at, d.id`,
      [[...caseIds]],
    );
  }

  /** Warnings and sanctions about these members, newest first. */
  historyOfMembers(memberIds: readonly string[]): Promise<DecisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM moderation.decisions d
       WHERE d.target_type = 'MEMBER' AND d.target_id = ANY($1::text[]) AND d.action = ANY($2::text[])
       ORDER BY d.created_at DESC, d.id DESC`,
      [[...memberIds], SANCTIONS],
    );
  }

  // --- Inside a transaction ----------------------------------------------------------------------

  async insert(q: Queryable, d: NewDecision): Promise<DecisionEntity> {
    const rows: DecisionEntity[] = await q.query(
      `INSERT INTO moderation.decisions AS d
         (case_id, target_type, target_id, action, reason, moderator_id, moderator_role, automatic, suspended_until, requires_application, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, date_trunc('milliseconds', $11::timestamptz)) RETURNING ${DECISION_COLUMNS}`,
      [
        d.caseId,
        d.targetType,
        d.targetId,
        d.action,
        d.reason,
        d.moderatorId,
        d.moderatorRole,
        d.automatic,
        d.suspendedUntil,
        d.requiresApplication,
        this.clock.now(),
      ],
    );
    return rows[0]!;
  }

  async hasAutomaticHide(q: Queryable, caseId: string): Promise<boolean> {
    const rows: unknown[] = await q.query(`SELECT 1 FROM moderation.decisions d WHERE d.case_id = $1 AND d.automatic AND d.action = 'HIDE' LIMIT 1`, [
      caseId,
    ]);
    return rows.length > 0;
  }

  async lock(q: Queryable, id: string): Promise<DecisionEntity | null> {
    const rows: DecisionEntity[] = await q.query(`SELECT ${DECISION_COLUMNS} FROM moderation.decisions d WHERE d.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async markApplied(q: Queryable, id: string): Promise<DecisionEntity> {
    const rows = rowsOf<DecisionEntity>(
      await q.query(
        `UPDATE moderation.decisions d SET applied_at = date_trunc('milliseconds', $2::timestamptz)
         WHERE d.id = $1 AND d.applied_at IS NULL RETURNING ${DECISION_COLUMNS}`,
        [id, this.clock.now()],
      ),
    );
    return rows[0]!;
  }
}
