import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type WatchItemStatus = 'NEW' | 'SELECTED' | 'DISMISSED';

/** A feed the staff follow for the veille. */
@Entity({ name: 'watch_sources' })
export class WatchSourceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'feed_url', type: 'text', unique: true }) feedUrl!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) themes!: string[];
  @Column({ name: 'commune_codes', type: 'text', array: true, default: () => "'{}'" }) communeCodes!: string[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'last_fetched_at', type: 'timestamptz', nullable: true }) lastFetchedAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** An initiative found by the veille. */
@Entity({ name: 'watch_items' })
export class WatchItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'normalized_url', type: 'text', unique: true }) normalizedUrl!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ name: 'source_id', type: 'uuid', nullable: true }) sourceId!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' }) publishedAt!: Date;
  @Column({ name: 'commune_codes', type: 'text', array: true, default: () => "'{}'" }) communeCodes!: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) themes!: string[];
  @Column({ type: 'text', default: 'NEW' }) status!: WatchItemStatus;
  @Column({ name: 'curated_by', type: 'uuid', nullable: true }) curatedBy!: string | null;
  @Column({ name: 'curated_at', type: 'timestamptz', nullable: true }) curatedAt!: Date | null;
  @Column({ name: 'curation_note', type: 'text', nullable: true }) curationNote!: string | null;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** HIDDEN by a moderation decision: staff only (modules/moderation). */
  @Column({ name: 'moderation_state', type: 'text', default: 'VISIBLE' }) moderationState!: 'VISIBLE' | 'HIDDEN';
}
