import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StepData } from './article.entity';

/** The text of a fiche as it was before an edit. */
@Entity({ name: 'article_revisions' })
export class RevisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'article_id', type: 'uuid' }) articleId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'jsonb' }) steps!: StepData[];
  @Column({ name: 'edited_by', type: 'uuid', nullable: true }) editedBy!: string | null;
  @Column({ name: 'edited_at', type: 'timestamptz' }) editedAt!: Date;
}
