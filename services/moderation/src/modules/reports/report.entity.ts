import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CONTENT_TYPES = ['MEMBER', 'EVENT', 'GUIDE_ARTICLE', 'WATCH_ITEM', 'GROUP', 'GROUP_MESSAGE', 'EVENT_MESSAGE'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export type ReportReason = 'SPAM' | 'HARASSMENT' | 'HATE' | 'MISINFORMATION' | 'PERSONAL_DATA' | 'OFF_TOPIC' | 'OTHER';

/** A member's report (signalement) on a piece of content. */
@Entity({ name: 'reports' })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'reporter_id', type: 'uuid', nullable: true }) reporterId!: string | null;
  @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId!: string | null;
  @Column({ name: 'target_type', type: 'text' }) targetType!: ContentType;
  @Column({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ type: 'text' }) reason!: ReportReason;
  @Column({ type: 'text', nullable: true }) details!: string | null;
  /** Verified address and account old enough when they (last) reported: counts towards the automatic hiding. */
  @Column({ type: 'boolean', default: false }) trusted!: boolean;
  /** The reporter asked to hear the outcome of their report (e-mailed when the case is decided). Off by default. */
  @Column({ name: 'notify_outcome', type: 'boolean', default: false }) notifyOutcome!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

export const REPORT_COLUMNS = `r.id, r.reporter_id AS "reporterId", r.case_id AS "caseId", r.target_type AS "targetType",
  r.target_id AS "targetId", r.reason, r.details, r.trusted, r.notify_outcome AS "notifyOutcome", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;

/** One accepted report submission, counted by the per-member rate limit. */
@Entity({ name: 'report_submissions' })
export class ReportSubmissionEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
