import type { Clock } from '@metropotes/config';
import { forgetMemberInOutbox } from '@metropotes/jobs';
import type { DataSource } from 'typeorm';

const SANCTIONS = `('WARN', 'SUSPEND', 'BAN')`;

/** SQL of moderation's part of a member's data export, and of their erasure from moderation. */
export class DataExportRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async ofMember(memberId: string): Promise<Record<string, unknown>> {
    const q = <T = Record<string, unknown>>(sql: string): Promise<T[]> => this.dataSource.query(sql, [memberId]);
    const [reports, sanctions] = await Promise.all([
      q(`SELECT r.id, r.target_type AS "targetType", r.target_id AS "targetId", r.reason, r.details, c.status AS "caseStatus",
                r.created_at AS "createdAt", r.updated_at AS "updatedAt"
         FROM moderation.reports r LEFT JOIN moderation.cases c ON c.id = r.case_id WHERE r.reporter_id = $1 ORDER BY r.created_at, r.id`),
      q(`SELECT d.id, d.action, d.reason, d.suspended_until AS "suspendedUntil", d.automatic, d.created_at AS "decidedAt", d.applied_at AS "appliedAt"
         FROM moderation.decisions d WHERE d.target_type = 'MEMBER' AND d.target_id = $1 AND d.action IN ${SANCTIONS} ORDER BY d.created_at, d.id`),
    ]);
    return { service: 'moderation', reports, sanctionsReceived: sanctions };
  }

  /** Everything moderation holds that names the member, erased or unlinked in one transaction (idempotent). */
  async eraseMember(memberId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE moderation.reports SET reporter_id = NULL, details = NULL, reporter_erased_at = $2 WHERE reporter_id = $1`, [
        memberId,
        this.clock.now(),
      ]);
      await m.query(`DELETE FROM moderation.report_submissions WHERE member_id = $1`, [memberId]);
      // Where the member was the target: their id becomes the erased marker of the row (unique: one open case per target).
      for (const table of ['reports', 'cases', 'decisions', 'audit_log']) {
        await m.query(`UPDATE moderation.${table} SET target_id = 'erased:' || id::text WHERE target_type = 'MEMBER' AND target_id = $1`, [memberId]);
      }
      await m.query(`UPDATE moderation.decisions SET moderator_id = NULL WHERE moderator_id = $1`, [memberId]);
      await m.query(`UPDATE moderation.cases SET assignee_id = NULL WHERE assignee_id = $1`, [memberId]);
      await m.query(`UPDATE moderation.audit_log SET actor_id = NULL WHERE actor_id = $1`, [memberId]);
      await forgetMemberInOutbox(m, 'moderation', memberId);
    });
  }
}
