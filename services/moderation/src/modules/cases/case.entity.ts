import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentType } from '../reports';

export type CaseStatus = 'OPEN' | 'RESOLVED';

/** The reports on one target and the decisions about it. At most one OPEN case per target. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'target_type', type: 'text' }) targetType!: ContentType;
  @Column({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ type: 'text' }) status!: CaseStatus;
  @Column({ name: 'report_count', type: 'integer' }) reportCount!: number;
  /** Reports from trusted reporters: they alone count towards the automatic hiding. */
  @Column({ name: 'trusted_report_count', type: 'integer' }) trustedReportCount!: number;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const CASE_COLUMNS = `c.id, c.target_type AS "targetType", c.target_id AS "targetId", c.status, c.report_count AS "reportCount",
  c.trusted_report_count AS "trustedReportCount",
  c.assignee_id AS "assigneeId", c.opened_at AS "openedAt", c.resolved_at AS "resolvedAt", c.updated_at AS "updatedAt"`;
