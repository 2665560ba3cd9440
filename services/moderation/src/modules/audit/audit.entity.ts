import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentType } from '../reports';

export type AuditAction =
  'CASE_ASSIGNED' | 'DISMISS' | 'HIDE' | 'RESTORE' | 'WARN' | 'SUSPEND' | 'BAN' | 'AUTO_HIDE' | 'DECISION_APPLIED' | 'ROLE_CHANGED';

/** One entry of the append-only moderation log (the database refuses UPDATE, DELETE and TRUNCATE). */
@Entity({ name: 'audit_log' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) action!: AuditAction;
  @Column({ name: 'target_type', type: 'text' }) targetType!: ContentType;
  @Column({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ name: 'decision_id', type: 'uuid', nullable: true }) decisionId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}

export const AUDIT_COLUMNS = `a.id, a.actor_id AS "actorId", a.action, a.target_type AS "targetType", a.target_id AS "targetId",
  a.case_id AS "caseId", a.decision_id AS "decisionId", a.reason, a.at`;

export interface NewAuditEntry {
  actorId: string | null;
  action: AuditAction;
  targetType: ContentType;
  targetId: string;
  caseId?: string | null;
  decisionId?: string | null;
  reason?: string | null;
}
