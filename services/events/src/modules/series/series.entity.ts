import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EventKind } from '../events';

@Entity({ name: 'event_series' })
export class EventSeriesEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'text' }) kind!: EventKind;
  @Column({ type: 'text' }) rrule!: string;
  @Column({ name: 'starts_on', type: 'date' }) startsOn!: string;
  @Column({ name: 'start_time', type: 'text' }) startTime!: string;
  @Column({ name: 'duration_minutes', type: 'integer' }) durationMinutes!: number;
  @Column({ name: 'venue_name', type: 'text', nullable: true }) venueName!: string | null;
  @Column({ name: 'venue_address', type: 'text', nullable: true }) venueAddress!: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'double precision', nullable: true }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude!: number | null;
  @Column({ name: 'online_url', type: 'text', nullable: true }) onlineUrl!: string | null;
  @Column({ type: 'integer', nullable: true }) capacity!: number | null;
  @Column({ type: 'text', array: true, default: '{}' }) themes!: string[];
  /** Copied to the occurrences that follow the series. */
  @Column({ name: 'reminder_offsets_hours', type: 'integer', array: true, default: '{24}' }) reminderOffsetsHours!: number[];
  @Column({ name: 'organizer_id', type: 'uuid', nullable: true }) organizerId!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const SERIES_COLUMNS = `s.id, s.title, s.description, s.kind, s.rrule, to_char(s.starts_on, 'YYYY-MM-DD') AS "startsOn",
  s.start_time AS "startTime", s.duration_minutes AS "durationMinutes", s.venue_name AS "venueName",
  s.venue_address AS "venueAddress", s.commune_code AS "communeCode", s.latitude, s.longitude,
  s.online_url AS "onlineUrl", s.capacity, s.themes, s.reminder_offsets_hours AS "reminderOffsetsHours", s.organizer_id AS "organizerId",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/** What a series writes (and copies to the occurrences that follow it). */
export interface SeriesWrite {
  title: string;
  description: string;
  kind: EventKind;
  rrule: string;
  startsOn: string;
  startTime: string;
  durationMinutes: number;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  capacity: number | null;
  themes: string[];
  reminderOffsetsHours: number[];
  organizerId: string | null;
}
