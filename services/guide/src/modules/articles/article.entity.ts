import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ArticleStatus = 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'ARCHIVED';

export interface StepData {
  title: string;
  text: string;
}

/** A fiche of the guide of local and metropolitan action. */
@Entity({ name: 'articles' })
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'text', default: '' }) body!: string;
  @Column({ name: 'body_text', type: 'text', default: '' }) bodyText!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) scales!: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) themes!: string[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) steps!: StepData[];
  @Column({ name: 'actor_ids', type: 'uuid', array: true, default: () => "'{}'" }) actorIds!: string[];
  @Column({ name: 'commune_codes', type: 'text', array: true, default: () => "'{}'" }) communeCodes!: string[];
  @Column({ type: 'text', default: 'DRAFT' }) status!: ArticleStatus;
  @Column({ name: 'author_ids', type: 'uuid', array: true, default: () => "'{}'" }) authorIds!: string[];
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** HIDDEN by a moderation decision: staff only (modules/moderation). */
  /** Why staff sent the fiche back to its authors (returnGuideArticleToDraft); null once it is submitted again. */
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote!: string | null;
  @Column({ name: 'moderation_state', type: 'text', default: 'VISIBLE' }) moderationState!: 'VISIBLE' | 'HIDDEN';
  // The `search` tsvector column is maintained by a trigger and never read through the entity.
}
