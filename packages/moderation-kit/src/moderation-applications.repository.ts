import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';
import { lockKey } from '@metropotes/database';

export type ContentType = 'MEMBER' | 'EVENT' | 'GUIDE_ARTICLE' | 'WATCH_ITEM' | 'GROUP' | 'GROUP_MESSAGE' | 'EVENT_MESSAGE';
export type ModerationAction = 'DISMISS' | 'HIDE' | 'RESTORE' | 'WARN' | 'SUSPEND' | 'BAN';
export type ModerationState = 'VISIBLE' | 'HIDDEN';

export interface ModerationApplicationRow {
  decisionId: string;
  targetType: ContentType;
  targetId: string;
  action: ModerationAction;
  appliedAt: Date;
}

/** A decision to apply, as the workers send it (`ApplyModerationActionInput` of the shared moderation SDL). */
export interface ApplyModerationActionInput {
  targetType: ContentType;
  targetId: string;
  action: ModerationAction;
  decisionId: string;
  suspendedUntil?: Date | null;
  reason?: string | null;
  decidedAt?: Date | null;
  /** The role of who took the decision, when they took it (null: recorded automatically). */
  decidedByRole?: 'MEMBER' | 'STAFF' | 'ADMIN' | null;
}

const COLUMNS = `decision_id AS "decisionId", target_type AS "targetType", target_id AS "targetId", action, applied_at AS "appliedAt"`;

/**
 * The moderation decisions a service applied to the content it owns, in its own `<schema>.moderation_applications`
 * table (one row per decision: applying one twice changes nothing). Each owning service (members, events, guide)
 * extends it with the SQL that hides or shows its own rows.
 */
export class ModerationApplicationsRepository {
  constructor(
    protected readonly dataSource: DataSource,
    private readonly schema: string,
    /** The owning service's clock: when a decision was applied (and decided, when the workers give no time). */
    protected readonly clock: Clock,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Records the decision once; null when it was already recorded (nothing to do again). Decisions on one target are
   * applied one at a time (a transaction-scoped advisory lock on the target): two applied at once would each see
   * only its own row in `stateInForce`, and the last to commit would win, whichever was decided last.
   */
  async record(
    manager: EntityManager,
    row: Omit<ModerationApplicationRow, 'appliedAt'>,
    decidedAt: Date | null,
  ): Promise<ModerationApplicationRow | null> {
    await lockKey(manager, `${this.schema}:${row.targetType}:${row.targetId}`);
    const rows: ModerationApplicationRow[] = await manager.query(
      `INSERT INTO ${this.schema}.moderation_applications (decision_id, target_type, target_id, action, decided_at, applied_at)
       VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, $6::timestamptz), $6::timestamptz)
       ON CONFLICT (decision_id) DO NOTHING RETURNING ${COLUMNS}`,
      [row.decisionId, row.targetType, row.targetId, row.action, decidedAt, this.clock.now()],
    );
    return rows[0] ?? null;
  }

  /**
   * The state the latest HIDE or RESTORE decision applied to this target asks for (decisions may be applied out
   * of order when a job is retried): HIDDEN or VISIBLE.
   */
  async stateInForce(manager: EntityManager, targetType: ContentType, targetId: string): Promise<ModerationState> {
    const rows: { action: ModerationAction }[] = await manager.query(
      `SELECT action FROM ${this.schema}.moderation_applications
       WHERE target_type = $1 AND target_id = $2 AND action IN ('HIDE', 'RESTORE')
       ORDER BY decided_at DESC, applied_at DESC LIMIT 1`,
      [targetType, targetId],
    );
    return rows[0]?.action === 'HIDE' ? 'HIDDEN' : 'VISIBLE';
  }

  async find(manager: EntityManager, decisionId: string): Promise<ModerationApplicationRow | null> {
    const rows: ModerationApplicationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${this.schema}.moderation_applications WHERE decision_id = $1`,
      [decisionId],
    );
    return rows[0] ?? null;
  }
}
