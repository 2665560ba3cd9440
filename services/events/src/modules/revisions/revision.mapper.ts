import type { Connection } from '@metropotes/graphql-kit';
import type { VenueModel } from '../events';
import type { EventRevisionEntity } from './revision.entity';

/** A proposed change as the API shows it (to its author and staff). */
export interface EventRevisionModel {
  id: string;
  eventId: string;
  authorId: string | null;
  status: EventRevisionEntity['status'];
  changedFields: EventRevisionEntity['changedFields'];
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: VenueModel | null;
  onlineUrl: string | null;
  rejectionReason: string | null;
  reviewedById: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A page of proposed changes (EventRevisionConnection), its totalCount counted when asked. */
export type EventRevisionConnectionModel = Connection<EventRevisionModel>;

export const toEventRevisionModel = (v: EventRevisionEntity): EventRevisionModel => ({
  id: v.id,
  eventId: v.eventId,
  authorId: v.authorId,
  status: v.status,
  changedFields: v.changedFields,
  title: v.title,
  description: v.description,
  startsAt: v.startsAt,
  endsAt: v.endsAt,
  venue:
    v.venueName !== null && v.communeCode !== null
      ? { name: v.venueName, address: v.venueAddress, communeCode: v.communeCode, latitude: v.latitude, longitude: v.longitude }
      : null,
  onlineUrl: v.onlineUrl,
  rejectionReason: v.rejectionReason,
  reviewedById: v.reviewedBy,
  reviewedAt: v.reviewedAt,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt,
});
