import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StepData } from '../articles';

export type ProposedRevisionStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * A member's edit of a published fiche, waiting for staff (or reviewed): the whole content as it would be, and the
 * version of the fiche it was made on. At most one PENDING per fiche.
 */
@Entity({ name: 'proposed_revisions' })
export class ProposedRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'article_id', type: 'uuid' }) articleId!: string;
  @Column({ name: 'base_version', type: 'int' }) baseVersion!: number;
  /** Null once the member erased their account. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) status!: ProposedRevisionStatus;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'body_text', type: 'text' }) bodyText!: string;
  @Column({ type: 'text', array: true }) scales!: string[];
  @Column({ type: 'text', array: true }) themes!: string[];
  @Column({ type: 'jsonb' }) steps!: StepData[];
  @Column({ name: 'actor_ids', type: 'uuid', array: true }) actorIds!: string[];
  @Column({ name: 'commune_codes', type: 'text', array: true }) communeCodes!: string[];
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const PROPOSED_COLUMNS = `p.id, p.article_id AS "articleId", p.base_version AS "baseVersion", p.author_id AS "authorId", p.status,
  p.title, p.summary, p.body, p.body_text AS "bodyText", p.scales, p.themes, p.steps, p.actor_ids AS "actorIds",
  p.commune_codes AS "communeCodes", p.rejection_reason AS "rejectionReason", p.reviewed_by AS "reviewedBy",
  p.reviewed_at AS "reviewedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
