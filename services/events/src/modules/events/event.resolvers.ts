import { renderMarkdown } from '@metropotes/markdown';
import type { EventsContext } from '../../context';
import { toParisIso } from '../../lib/paris-time';
import type { EventModel, VenueModel } from './event.mapper';
import type { AgendaFilter, CreateEventInput, UpdateEventInput } from './event.service';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const eventResolvers = {
  Query: {
    event: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.events.visible(args.id),
    agenda: (_: unknown, args: PageArgs & { filter?: AgendaFilter | null }, ctx: EventsContext) =>
      ctx.events.agenda(args.filter, args.first, args.after),
    eventsToReview: (_: unknown, args: PageArgs, ctx: EventsContext) => ctx.events.toReview(args.first, args.after),
    reminderOffsetChoices: (_: unknown, __: unknown, ctx: EventsContext) => [...ctx.events.settings.reminderOffsetsHours],
  },
  Mutation: {
    createEvent: (_: unknown, args: { input: CreateEventInput }, ctx: EventsContext) => ctx.events.create(args.input),
    updateEvent: (_: unknown, args: { id: string; input: UpdateEventInput }, ctx: EventsContext) => ctx.events.update(args.id, args.input),
    publishEvent: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.events.publish(args.id),
    rejectEvent: (_: unknown, args: { id: string; reason: string }, ctx: EventsContext) => ctx.events.reject(args.id, args.reason),
    cancelEvent: (_: unknown, args: { id: string; reason: string }, ctx: EventsContext) => ctx.events.cancel(args.id, args.reason),
  },
  Event: {
    __resolveReference: (ref: { id: string }, ctx: EventsContext) => ctx.events.visible(ref.id),
    descriptionHtml: (event: EventModel) => renderMarkdown(event.description),
    startsAtLocal: (event: EventModel) => toParisIso(event.startsAt),
    endsAtLocal: (event: EventModel) => toParisIso(event.endsAt),
    spotsLeft: (event: EventModel) => (event.capacity === null ? null : Math.max(0, event.capacity - event.attendeeCount)),
    organizer: (event: EventModel) => (event.organizerId ? { __typename: 'Member', id: event.organizerId } : null),
    group: (event: EventModel) => (event.groupId ? { __typename: 'Group', id: event.groupId } : null),
    rejectionReason: (event: EventModel, _: unknown, ctx: EventsContext) => (ctx.events.canManage(event) ? event.rejectionReason : null),
  },
  Venue: {
    commune: (venue: VenueModel) => ({ __typename: 'Commune', code: venue.communeCode }),
  },
  Commune: {
    upcomingEvents: (commune: { code: string }, args: { first?: number | null }, ctx: EventsContext) =>
      ctx.events.upcomingInCommune(commune.code, args.first),
  },
  Group: {
    events: (group: { id: string }, args: { first?: number | null }, ctx: EventsContext) => ctx.events.upcomingOfGroup(group.id, args.first),
  },
  Member: {
    organizedEvents: (member: { id: string }, _: unknown, ctx: EventsContext) => ctx.events.organizedBy(member.id),
  },
};
