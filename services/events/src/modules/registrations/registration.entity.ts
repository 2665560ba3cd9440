import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RegistrationStatus = 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED';
export type AttendanceStatus = 'PRESENT' | 'ABSENT' | 'EXCUSED';

@Entity({ name: 'registrations' })
export class RegistrationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'member_id', type: 'uuid' }) memberId!: string;
  @Column({ type: 'text' }) status!: RegistrationStatus;
  @Column({ name: 'waitlist_position', type: 'integer', nullable: true }) waitlistPosition!: number | null;
  /** How many times it got a place from the waitlist: the number of its latest promotion (its job id and e-mail key). */
  @Column({ type: 'integer', default: 0 }) promotions!: number;
  /** Whether the member came (modules/attendance); null until marked. */
  @Column({ type: 'text', nullable: true }) attendance!: AttendanceStatus | null;
  /** Created for a member who came without registering (modules/attendance). */
  @Column({ name: 'walk_in', type: 'boolean', default: false }) walkIn!: boolean;
  /** The member's reminders for this registration (on by default; their global preference still applies). */
  @Column({ name: 'reminders_enabled', type: 'boolean', default: true }) remindersEnabled!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const REGISTRATION_COLUMNS = `r.id, r.event_id AS "eventId", r.member_id AS "memberId", r.status,
  r.waitlist_position AS "waitlistPosition", r.promotions, r.attendance, r.walk_in AS "walkIn", r.reminders_enabled AS "remindersEnabled", r.created_at AS "createdAt", r.updated_at AS "updatedAt"`;
