import type { Connection } from '@metropotes/graphql-kit';
import type { EventEntity } from './event.entity';

export interface VenueModel {
  name: string;
  address: string | null;
  communeCode: string;
  latitude: number | null;
  longitude: number | null;
}

/** An event as the API shows it; rejectionReason is filtered by the resolver (organizer and staff only). */
export interface EventModel {
  id: string;
  title: string;
  description: string;
  kind: EventEntity['kind'];
  status: EventEntity['status'];
  startsAt: Date;
  endsAt: Date;
  venue: VenueModel | null;
  onlineUrl: string | null;
  capacity: number | null;
  attendeeCount: number;
  waitlistCount: number;
  themes: string[];
  reminderOffsetsHours: number[];
  calendarSequence: number;
  /** Resolved by modules/skills (Event.skills). */
  skillIds: string[];
  organizerId: string | null;
  /** The members' group it belongs to (Event.group). */
  groupId: string | null;
  seriesId: string | null;
  cancellationReason: string | null;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Shown to staff only (modules/moderation). */
  moderationState?: EventEntity['moderationState'];
}

/** A page of events (EventConnection), its totalCount counted when asked. */
export type EventConnectionModel = Connection<EventModel>;

export const toEventModel = (e: EventEntity): EventModel => ({
  id: e.id,
  title: e.title,
  description: e.description,
  kind: e.kind,
  status: e.status,
  startsAt: e.startsAt,
  endsAt: e.endsAt,
  venue:
    e.venueName !== null && e.communeCode !== null
      ? { name: e.venueName, address: e.venueAddress, communeCode: e.communeCode, latitude: e.latitude, longitude: e.longitude }
      : null,
  onlineUrl: e.onlineUrl,
  capacity: e.capacity,
  attendeeCount: e.confirmedCount,
  waitlistCount: e.waitlistCount,
  themes: e.themes,
  reminderOffsetsHours: e.reminderOffsetsHours,
  calendarSequence: e.calendarSequence ?? 0,
  skillIds: e.skillIds ?? [],
  organizerId: e.organizerId,
  groupId: e.groupId ?? null,
  seriesId: e.seriesId,
  cancellationReason: e.cancellationReason,
  rejectionReason: e.rejectionReason,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  moderationState: e.moderationState,
});
