import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EventRevisionStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
/** The fields of an event staff review when its organizer (not staff) changes them after publication. */
export type EventRevisionField = 'TITLE' | 'DESCRIPTION' | 'STARTS_AT' | 'ENDS_AT' | 'VENUE' | 'ONLINE_URL';

const numeric = { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/**
 * A change a member proposed to the text, links, place or time of their published event. The row holds the event's
 * reviewed fields as they would be (the changed ones, and the others as they were when proposed); approving applies
 * the changed ones only. At most one PENDING revision per event.
 */
@Entity({ name: 'event_revisions' })
export class EventRevisionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  /** Null once the member erased their account. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) status!: EventRevisionStatus;
  @Column({ name: 'changed_fields', type: 'text', array: true }) changedFields!: EventRevisionField[];
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt!: Date;
  @Column({ name: 'ends_at', type: 'timestamptz' }) endsAt!: Date;
  @Column({ name: 'venue_name', type: 'text', nullable: true }) venueName!: string | null;
  @Column({ name: 'venue_address', type: 'text', nullable: true }) venueAddress!: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  @Column({ type: 'double precision', nullable: true, transformer: numeric }) latitude!: number | null;
  @Column({ type: 'double precision', nullable: true, transformer: numeric }) longitude!: number | null;
  @Column({ name: 'online_url', type: 'text', nullable: true }) onlineUrl!: string | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: string | null;
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true }) reviewedBy!: string | null;
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true }) reviewedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const REVISION_COLUMNS = `v.id, v.event_id AS "eventId", v.author_id AS "authorId", v.status, v.changed_fields AS "changedFields",
  v.title, v.description, v.starts_at AS "startsAt", v.ends_at AS "endsAt", v.venue_name AS "venueName",
  v.venue_address AS "venueAddress", v.commune_code AS "communeCode", v.latitude, v.longitude, v.online_url AS "onlineUrl",
  v.rejection_reason AS "rejectionReason", v.reviewed_by AS "reviewedBy", v.reviewed_at AS "reviewedAt",
  v.created_at AS "createdAt", v.updated_at AS "updatedAt"`;
