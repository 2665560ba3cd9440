import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EventKind = 'POT_DU_POTE' | 'ATELIER' | 'FORMATION' | 'DEBAT' | 'MISSION' | 'AUTRE';
export type EventStatus = 'DRAFT' | 'PENDING_REVIEW' | 'PUBLISHED' | 'REJECTED' | 'CANCELLED';
export const EVENT_KINDS: readonly EventKind[] = ['POT_DU_POTE', 'ATELIER', 'FORMATION', 'DEBAT', 'MISSION', 'AUTRE'];

const numeric = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text' }) kind!: EventKind;
  @Column({ type: 'text', default: 'DRAFT' }) status!: EventStatus;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'venue_name', type: 'text', nullable: true }) venueName!: string | null;
  @Column({ name: 'venue_address', type: 'text', nullable: true }) venueAddress!: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'double precision', nullable: true, transformer: numeric }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true, transformer: numeric }) longitude!: number | null;
  @Column({ name: 'online_url', type: 'text', nullable: true }) onlineUrl!: string | null;
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @Column({ type: 'text', array: true, default: '{}' }) themes!: string[];
  /** Attendees also get the reminder a few hours before the start (the workers' smaller offsets), besides the day-before one. */
  @Column({ name: 'reminder_offsets_hours', type: 'integer', array: true, default: '{24}' }) reminderOffsetsHours!: number[];
  /** The skills an ATELIER or FORMATION develops (modules/skills), in the order given; empty for other kinds. */
  @Column({ name: 'skill_ids', type: 'uuid', array: true, default: '{}' }) skillIds!: string[];
  @Column({ name: 'confirmed_count', type: 'integer', default: 0 }) confirmedCount!: number;
  @Column({ name: 'waitlist_count', type: 'integer', default: 0 }) waitlistCount!: number;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason!: string | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ name: 'series_id', type: 'uuid', nullable: true }) seriesId!: string | null;
  @Column({ name: 'series_date', type: 'date', nullable: true }) seriesDate!: string | null;
  @Column({ name: 'detached_from_series', type: 'boolean', default: false }) detachedFromSeries!: boolean;
  /** The members' group it belongs to, if any (its admins proposed it for the group). */
  @Column({ name: 'group_id', type: 'uuid', nullable: true }) groupId!: string | null;
  /** Null once the organizer erased their account ("ancien membre"). */
  @Column({ name: 'organizer_id', type: 'uuid', nullable: true }) organizerId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** HIDDEN by a moderation decision: staff only (see modules/moderation). */
  /** The iCalendar SEQUENCE (raised by a trigger when the time, the place or the online link changes, and on cancellation). */
  @Column({ name: 'calendar_sequence', type: 'integer', default: 0 }) calendarSequence!: number;
  @Column({ name: 'moderation_state', type: 'text', default: 'VISIBLE' }) moderationState!: 'VISIBLE' | 'HIDDEN';
}

/** The columns an event is read with, aliased to the entity's property names (raw SQL). */
export const EVENT_COLUMNS = `e.id, e.title, e.description, e.kind, e.status, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
  e.venue_name AS "venueName", e.venue_address AS "venueAddress", e.commune_code AS "communeCode",
  e.latitude, e.longitude, e.online_url AS "onlineUrl", e.capacity, e.themes, e.reminder_offsets_hours AS "reminderOffsetsHours", e.skill_ids AS "skillIds",
  e.confirmed_count AS "confirmedCount", e.waitlist_count AS "waitlistCount",
  e.cancellation_reason AS "cancellationReason", e.rejection_reason AS "rejectionReason",
  e.series_id AS "seriesId", to_char(e.series_date, 'YYYY-MM-DD') AS "seriesDate", e.detached_from_series AS "detachedFromSeries",
  e.organizer_id AS "organizerId", e.group_id AS "groupId", e.created_at AS "createdAt", e.updated_at AS "updatedAt",
  e.moderation_state AS "moderationState", e.calendar_sequence AS "calendarSequence"`;

/** Values as they are written (snake_case columns). */
export interface EventWrite {
  title: string;
  description: string;
  kind: EventKind;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  capacity: number | null;
  themes: string[];
  reminderOffsetsHours: number[];
  skillIds?: string[];
  organizerId: string | null;
  groupId?: string | null;
  seriesId?: string | null;
  seriesDate?: string | null;
}

export const WRITE_COLUMNS: Record<keyof EventWrite, string> = {
  title: 'title',
  description: 'description',
  kind: 'kind',
  status: 'status',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  venueName: 'venue_name',
  venueAddress: 'venue_address',
  communeCode: 'commune_code',
  latitude: 'latitude',
  longitude: 'longitude',
  onlineUrl: 'online_url',
  capacity: 'capacity',
  themes: 'themes',
  reminderOffsetsHours: 'reminder_offsets_hours',
  skillIds: 'skill_ids',
  organizerId: 'organizer_id',
  groupId: 'group_id',
  seriesId: 'series_id',
  seriesDate: 'series_date',
};
