import {
  ModerationApplicationsRepository,
  type ContentType,
  type ModerationAction,
  type ModerationApplicationRow,
  type ModerationState,
} from '@metropotes/moderation-kit';
import type { MemberRole } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';

export type { ContentType, ModerationAction, ModerationApplicationRow, ModerationState };

export interface MemberWarningRow {
  id: string;
  memberId: string;
  reason: string;
  createdAt: Date;
}

/**
 * SQL of members' moderation: applied decisions, warnings, hidden profiles and groups, sanctions. The times it writes
 * (updated_at, banned_at, a warning's created_at) come from the service's clock; the revocation of refresh tokens is
 * technical (real time, like their expiry).
 */
export class MemberModerationRepository extends ModerationApplicationsRepository {
  constructor(dataSource: DataSource, clock: Clock) {
    super(dataSource, 'members', clock);
  }

  /** Locks the member row and tells their role; null when there is no such member. */
  async lockMember(manager: EntityManager, memberId: string): Promise<{ role: MemberRole } | null> {
    const rows: { role: MemberRole }[] = await manager.query(`SELECT role FROM members.members WHERE id = $1 FOR UPDATE`, [memberId]);
    return rows[0] ?? null;
  }

  async setMemberState(manager: EntityManager, memberId: string, state: ModerationState): Promise<void> {
    await manager.query(`UPDATE members.members SET moderation_state = $2, updated_at = $3 WHERE id = $1`, [memberId, state, this.clock.now()]);
  }

  async setGroupState(manager: EntityManager, groupId: string, state: ModerationState): Promise<void> {
    await manager.query(`UPDATE members.groups SET moderation_state = $2, updated_at = $3 WHERE id = $1`, [groupId, state, this.clock.now()]);
  }

  async setGroupMessageState(manager: EntityManager, messageId: string, state: ModerationState): Promise<void> {
    await manager.query(`UPDATE members.group_messages SET moderation_state = $2 WHERE id = $1`, [messageId, state]);
  }

  async warn(manager: EntityManager, memberId: string, decisionId: string, reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO members.member_warnings (member_id, decision_id, reason, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (decision_id) DO NOTHING`,
      [memberId, decisionId, reason, this.clock.now()],
    );
  }

  /**
   * A later end replaces an earlier one (the decision taken last is applied last). `until` is an instant of the
   * platform's clock (moderation checks it is in the future of its clock): it is compared with this service's clock.
   */
  async suspend(manager: EntityManager, memberId: string, until: Date): Promise<void> {
    await manager.query(`UPDATE members.members SET suspended_until = $2, updated_at = $3 WHERE id = $1`, [memberId, until, this.clock.now()]);
  }

  async ban(manager: EntityManager, memberId: string): Promise<void> {
    await manager.query(`UPDATE members.members SET banned_at = coalesce(banned_at, $2::timestamptz), updated_at = $2 WHERE id = $1`, [
      memberId,
      this.clock.now(),
    ]);
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
