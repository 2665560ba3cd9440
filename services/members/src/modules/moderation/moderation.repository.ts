import type { DataSource, EntityManager } from 'typeorm';

export type ContentType = 'MEMBER' | 'EVENT' | 'GUIDE_ARTICLE' | 'WATCH_ITEM' | 'GROUP';
export type ModerationAction = 'DISMISS' | 'HIDE' | 'RESTORE' | 'WARN' | 'SUSPEND' | 'BAN';
export type ModerationState = 'VISIBLE' | 'HIDDEN';

export interface ModerationApplicationRow {
  decisionId: string;
  targetType: ContentType;
  targetId: string;
  action: ModerationAction;
  appliedAt: Date;
}

export interface MemberWarningRow {
  id: string;
  memberId: string;
  reason: string;
  createdAt: Date;
}

const COLUMNS = `decision_id AS "decisionId", target_type AS "targetType", target_id AS "targetId", action, applied_at AS "appliedAt"`;

/** SQL of members' moderation: applied decisions, warnings, hidden profiles and groups, sanctions. */
export class MemberModerationRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Records the decision once; null when it was already recorded (nothing to do again). */
  async record(
    manager: EntityManager,
    row: Omit<ModerationApplicationRow, 'appliedAt'>,
    decidedAt: Date | null,
  ): Promise<ModerationApplicationRow | null> {
    const rows: ModerationApplicationRow[] = await manager.query(
      `INSERT INTO members.moderation_applications (decision_id, target_type, target_id, action, decided_at)
       VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()))
       ON CONFLICT (decision_id) DO NOTHING RETURNING ${COLUMNS}`,
      [row.decisionId, row.targetType, row.targetId, row.action, decidedAt],
    );
    return rows[0] ?? null;
  }

  /**
   * The state the latest HIDE or RESTORE decision applied to this target asks for (decisions may be applied out
   * of order when a job is retried): HIDDEN or VISIBLE.
   */
  async stateInForce(manager: EntityManager, targetType: ContentType, targetId: string): Promise<'VISIBLE' | 'HIDDEN'> {
    const rows: { action: ModerationAction }[] = await manager.query(
      `SELECT action FROM members.moderation_applications
       WHERE target_type = $1 AND target_id = $2 AND action IN ('HIDE', 'RESTORE')
       ORDER BY decided_at DESC, applied_at DESC LIMIT 1`,
      [targetType, targetId],
    );
    return rows[0]?.action === 'HIDE' ? 'HIDDEN' : 'VISIBLE';
  }

  async find(manager: EntityManager, decisionId: string): Promise<ModerationApplicationRow | null> {
    const rows: ModerationApplicationRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM members.moderation_applications WHERE decision_id = $1`,
      [decisionId],
    );
    return rows[0] ?? null;
  }

  /** Locks the member row; false when there is no such member. */
  async lockMember(manager: EntityManager, memberId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT id FROM members.members WHERE id = $1 FOR UPDATE`, [memberId]);
    return rows.length > 0;
  }

  async setMemberState(manager: EntityManager, memberId: string, state: ModerationState): Promise<void> {
    await manager.query(`UPDATE members.members SET moderation_state = $2, updated_at = now() WHERE id = $1`, [memberId, state]);
  }

  async setGroupState(manager: EntityManager, groupId: string, state: ModerationState): Promise<void> {
    await manager.query(`UPDATE members.groups SET moderation_state = $2, updated_at = now() WHERE id = $1`, [groupId, state]);
  }

  async warn(manager: EntityManager, memberId: string, decisionId: string, reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO members.member_warnings (member_id, decision_id, reason) VALUES ($1, $2, $3) ON CONFLICT (decision_id) DO NOTHING`,
      [memberId, decisionId, reason],
    );
  }

  /** A later end replaces an earlier one (the decision taken last is applied last). */
  async suspend(manager: EntityManager, memberId: string, until: Date): Promise<void> {
    await manager.query(`UPDATE members.members SET suspended_until = $2, updated_at = now() WHERE id = $1`, [memberId, until]);
  }

  async ban(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`UPDATE members.members SET banned_at = coalesce(banned_at, now()), updated_at = now() WHERE id = $1`, [memberId]);
  }

  /** Revokes every refresh token of the member: no new access token is issued (the current one lasts ~15 minutes). */
  async revokeSessions(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`UPDATE members.refresh_tokens SET revoked_at = now() WHERE member_id = $1 AND revoked_at IS NULL`, [memberId]);
  }

  async warningsOf(memberIds: readonly string[]): Promise<MemberWarningRow[]> {
    return this.dataSource.query(
      `SELECT id, member_id AS "memberId", reason, created_at AS "createdAt"
       FROM members.member_warnings WHERE member_id = ANY($1::uuid[]) ORDER BY created_at DESC, id`,
      [[...memberIds]],
    );
  }
}
