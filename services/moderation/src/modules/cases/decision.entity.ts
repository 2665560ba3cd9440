import type { MemberRole } from '@metropotes/auth';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentType } from '../reports';

export const MODERATION_ACTIONS = ['DISMISS', 'HIDE', 'RESTORE', 'WARN', 'SUSPEND', 'BAN'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId!: string;
  @Column({ name: 'target_type', type: 'text' }) targetType!: ContentType;
  @Column({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ type: 'text' }) action!: ModerationAction;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'moderator_id', type: 'uuid', nullable: true }) moderatorId!: string | null;
  /** The moderator's role when they decided (null: automatic, or decided before the column existed). */
  @Column({ name: 'moderator_role', type: 'text', nullable: true }) moderatorRole!: MemberRole | null;
  @Column({ type: 'boolean' }) automatic!: boolean;
  @Column({ name: 'suspended_until', type: 'timestamptz', nullable: true }) suspendedUntil!: Date | null;
  @Column({ name: 'requires_application', type: 'boolean' }) requiresApplication!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true }) appliedAt!: Date | null;
}

export const DECISION_COLUMNS = `d.id, d.case_id AS "caseId", d.target_type AS "targetType", d.target_id AS "targetId", d.action, d.reason,
  d.moderator_id AS "moderatorId", d.moderator_role AS "moderatorRole", d.automatic, d.suspended_until AS "suspendedUntil",
  d.requires_application AS "requiresApplication", d.created_at AS "createdAt", d.applied_at AS "appliedAt"`;

/**
 * Decisions that must take effect in the service owning the target: hiding and restoring content,
 * and sanctions on a member (a warning only when it concerns a member).
 */
export function requiresApplication(action: ModerationAction, targetType: ContentType): boolean {
  if (action === 'DISMISS') return false;
  if (action === 'WARN') return targetType === 'MEMBER';
  return true;
}
