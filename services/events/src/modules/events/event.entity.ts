import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EventKind = 'POT_DU_POTE' | 'ATELIER' | 'FORMATION' | 'DEBAT' | 'MISSION' | 'AUTRE';
export type EventStatus = 'DRAFT' | 'PENDING_REVIEW' | 'PUBLISHED' | 'CANCELLED';

@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text' }) kind!: EventKind;
  @Column({ type: 'text', default: 'DRAFT' }) status!: EventStatus;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  /** Null once the organizer erased their account ("ancien membre"). */
  @Column({ name: 'organizer_id', type: 'uuid', nullable: true }) organizerId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
