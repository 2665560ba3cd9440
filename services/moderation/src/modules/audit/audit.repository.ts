import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import type { Queryable } from '@metropotes/database';
import type { ContentType } from '../reports';
import { AUDIT_COLUMNS, type AuditEntryEntity, type NewAuditEntry } from './audit.entity';

export interface AuditFilter {
  actorId?: string | null;
  targetType?: ContentType | null;
  targetId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

function where(filter: AuditFilter, params: unknown[]): string[] {
  const clauses: string[] = [];
  if (filter.actorId) {
    params.push(filter.actorId);
    clauses.push(`a.actor_id = $${params.length}`);
  }
  if (filter.targetType) {
    params.push(filter.targetType);
    clauses.push(`a.target_type = $${params.length}`);
  }
  if (filter.targetId) {
    params.push(filter.targetId);
    clauses.push(`a.target_id = $${params.length}`);
  }
  if (filter.from) {
    params.push(filter.from);
    clauses.push(`a.at >= $${params.length}`);
  }
  if (filter.to) {
    params.push(filter.to);
    clauses.push(`a.at < $${params.length}`);
  }
  return clauses;
}

/**
 * The moderation log: entries are only ever inserted. An entry's time (`at`, which the log is ordered and filtered by)
 * is the service's clock, to the millisecond; a role change carries its own (`changedAt`, members' clock).
 */
export class AuditRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async append(q: Queryable, entry: NewAuditEntry): Promise<void> {
    await q.query(
      `INSERT INTO moderation.audit_log (actor_id, action, target_type, target_id, case_id, decision_id, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, date_trunc('milliseconds', $8::timestamptz))`,
      [
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.caseId ?? null,
        entry.decisionId ?? null,
        entry.reason ?? null,
        this.clock.now(),
      ],
    );
  }

  /**
   * A role change, once per member and instant (unique index audit_log_role_change_once): the entry, new or
   * recorded before.
   */
  async appendRoleChange(entry: { actorId: string | null; memberId: string; reason: string; at: Date }): Promise<AuditEntryEntity> {
    const inserted: AuditEntryEntity[] = await this.dataSource.query(
      `INSERT INTO moderation.audit_log AS a (actor_id, action, target_type, target_id, reason, at)
       VALUES ($1, 'ROLE_CHANGED', 'MEMBER', $2, $3, $4)
       ON CONFLICT (target_id, at) WHERE action = 'ROLE_CHANGED' DO NOTHING
       RETURNING ${AUDIT_COLUMNS}`,
      [entry.actorId, entry.memberId, entry.reason, entry.at],
    );
    if (inserted[0]) return inserted[0];
    const existing: AuditEntryEntity[] = await this.dataSource.query(
      `SELECT ${AUDIT_COLUMNS} FROM moderation.audit_log a WHERE a.action = 'ROLE_CHANGED' AND a.target_id = $1 AND a.at = $2`,
      [entry.memberId, entry.at],
    );
    return existing[0]!;
  }

  /** Newest first. */
  list(filter: AuditFilter, after: { at: Date; id: string } | null, limit: number): Promise<AuditEntryEntity[]> {
    const params: unknown[] = [];
    const clauses = where(filter, params);
    if (after) {
      params.push(after.at, after.id);
      clauses.push(`(a.at, a.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    return this.dataSource.query(
      `SELECT ${AUDIT_COLUMNS} FROM moderation.audit_log a
       ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}
       ORDER BY a.at DESC, a.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async count(filter: AuditFilter): Promise<number> {
    const params: unknown[] = [];
    const clauses = where(filter, params);
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM moderation.audit_log a ${clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''}`,
      params,
    );
    return rows[0]!.n;
  }
}
