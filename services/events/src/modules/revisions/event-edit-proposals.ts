import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { requireMember } from '@metropotes/graphql-kit';
import type { EntityManager } from 'typeorm';
import {
  checkEventFields,
  cleanDescription,
  cleanOnlineUrl,
  cleanTitle,
  cleanVenue,
  type EditReview,
  type EventEntity,
  type ReviewedEdit,
  type VenueInput,
} from '../events';
import type { EventRevisionEntity, EventRevisionField } from './revision.entity';
import type { EventRevisionRepository, ProposedValues } from './revision.repository';

interface Reviewed {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venue: VenueInput | null;
  onlineUrl: string | null;
}

const venueOfRow = (row: EventEntity | EventRevisionEntity): VenueInput | null =>
  row.venueName !== null && row.communeCode !== null
    ? { name: row.venueName, address: row.venueAddress, communeCode: row.communeCode, latitude: row.latitude, longitude: row.longitude }
    : null;

const reviewedOf = (row: EventEntity | EventRevisionEntity): Reviewed => ({
  title: row.title,
  description: row.description,
  startsAt: row.startsAt,
  endsAt: row.endsAt,
  venue: venueOfRow(row),
  onlineUrl: row.onlineUrl,
});

const sameVenue = (a: VenueInput | null, b: VenueInput | null): boolean =>
  a === null || b === null
    ? a === b
    : a.name === b.name &&
      (a.address ?? null) === (b.address ?? null) &&
      a.communeCode === b.communeCode &&
      (a.latitude ?? null) === (b.latitude ?? null) &&
      (a.longitude ?? null) === (b.longitude ?? null);

/** Which reviewed fields of `proposed` differ from the published event. */
function changedFields(event: Reviewed, proposed: Reviewed): EventRevisionField[] {
  const changed: EventRevisionField[] = [];
  if (proposed.title !== event.title) changed.push('TITLE');
  if (proposed.description !== event.description) changed.push('DESCRIPTION');
  if (proposed.startsAt.getTime() !== event.startsAt.getTime()) changed.push('STARTS_AT');
  if (proposed.endsAt.getTime() !== event.endsAt.getTime()) changed.push('ENDS_AT');
  if (!sameVenue(proposed.venue, event.venue)) changed.push('VENUE');
  if (proposed.onlineUrl !== event.onlineUrl) changed.push('ONLINE_URL');
  return changed;
}

const valuesOf = (r: Reviewed): ProposedValues => ({
  title: r.title,
  description: r.description,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  venueName: r.venue?.name ?? null,
  venueAddress: r.venue?.address ?? null,
  communeCode: r.venue?.communeCode ?? null,
  latitude: r.venue?.latitude ?? null,
  longitude: r.venue?.longitude ?? null,
  onlineUrl: r.onlineUrl,
});

/**
 * Records a member's change to the text, links, place or time of their published event as its pending revision
 * (EventService.update calls it, in its transaction holding the event's row lock). A later edit builds on the
 * pending revision (fields left out keep their proposed value) and replaces it; an edit that takes every change back
 * withdraws it. The proposed event is checked as a direct edit would be.
 */
export class EventEditProposals implements EditReview {
  constructor(
    private readonly repository: EventRevisionRepository,
    private readonly viewer: Viewer,
    /** "Now" for the start check, as for a direct edit. */
    private readonly clock: Clock,
  ) {}

  async propose(manager: Pick<EntityManager, 'query'>, event: EventEntity, edit: ReviewedEdit): Promise<void> {
    const authorId = requireMember(this.viewer);
    const pending = await this.repository.lockPending(manager, event.id);
    const published = reviewedOf(event);
    const base = pending ? reviewedOf(pending) : published;
    const proposed: Reviewed = {
      title: edit.title === undefined || edit.title === null ? base.title : cleanTitle(edit.title),
      description: edit.description === undefined ? base.description : cleanDescription(edit.description),
      startsAt: edit.startsAt ?? base.startsAt,
      endsAt: edit.endsAt ?? base.endsAt,
      venue: edit.venue === undefined ? base.venue : cleanVenue(edit.venue),
      onlineUrl: edit.onlineUrl === undefined ? base.onlineUrl : cleanOnlineUrl(edit.onlineUrl),
    };
    checkEventFields(
      { ...proposed, capacity: event.capacity },
      { startChanged: proposed.startsAt.getTime() !== event.startsAt.getTime(), confirmedCount: event.confirmedCount, now: this.clock.now() },
    );
    const changed = changedFields(published, proposed);
    if (changed.length === 0) {
      if (pending) await this.repository.withdraw(manager, pending.id);
      return;
    }
    if (pending) await this.repository.replace(manager, pending.id, authorId, valuesOf(proposed), changed);
    else await this.repository.insert(manager, event.id, authorId, valuesOf(proposed), changed);
  }
}
