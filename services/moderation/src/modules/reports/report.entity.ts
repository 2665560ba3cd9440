import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ContentType = 'MEMBER' | 'EVENT' | 'GUIDE_ARTICLE' | 'WATCH_ITEM' | 'GROUP';
export type ReportReason = 'SPAM' | 'HARASSMENT' | 'HATE' | 'MISINFORMATION' | 'PERSONAL_DATA' | 'OFF_TOPIC' | 'OTHER';

/** A member's report (signalement) on a piece of content. */
@Entity({ name: 'reports' })
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'reporter_id', type: 'uuid', nullable: true }) reporterId!: string | null;
  @Column({ name: 'target_type', type: 'text' }) targetType!: ContentType;
  @Column({ name: 'target_id', type: 'text' }) targetId!: string;
  @Column({ type: 'text' }) reason!: ReportReason;
  @Column({ type: 'text', nullable: true }) details!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
