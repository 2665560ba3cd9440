import { renderMarkdown } from '@metropotes/markdown';
import type { Resolvers } from '../../generated/resolvers-types';
import { toParisIso } from '../../lib/paris-time';

export const eventResolvers: Resolvers = {
  Query: {
    event: (_, args, ctx) => ctx.events.visible(args.id),
    agenda: (_, args, ctx) => ctx.events.agenda(args.filter, args.first, args.after),
    eventsToReview: (_, args, ctx) => ctx.events.toReview(args.first, args.after),
    reminderOffsetChoices: (_, __, ctx) => [...ctx.events.settings.reminderOffsetsHours],
  },
  Mutation: {
    createEvent: (_, args, ctx) => ctx.events.create(args.input),
    updateEvent: (_, args, ctx) => ctx.events.update(args.id, args.input),
    publishEvent: (_, args, ctx) => ctx.events.publish(args.id),
    rejectEvent: (_, args, ctx) => ctx.events.reject(args.id, args.reason),
    cancelEvent: (_, args, ctx) => ctx.events.cancel(args.id, args.reason),
  },
  Event: {
    __resolveReference: (ref, ctx) => ctx.events.visible(ref.id),
    descriptionHtml: (event) => renderMarkdown(event.description),
    startsAtLocal: (event) => toParisIso(event.startsAt),
    endsAtLocal: (event) => toParisIso(event.endsAt),
    spotsLeft: (event) => (event.capacity === null ? null : Math.max(0, event.capacity - event.attendeeCount)),
    organizer: (event) => (event.organizerId ? { __typename: 'Member', id: event.organizerId } : null),
    group: (event) => (event.groupId ? { __typename: 'Group', id: event.groupId } : null),
    rejectionReason: (event, _, ctx) => (ctx.events.canManage(event) ? event.rejectionReason : null),
  },
  Venue: {
    commune: (venue) => ({ __typename: 'Commune', code: venue.communeCode }),
  },
  Commune: {
    upcomingEvents: (commune, args, ctx) => ctx.events.upcomingInCommune(commune.code, args.first),
  },
  Group: {
    events: (group, args, ctx) => ctx.events.upcomingOfGroup(group.id, args.first),
  },
  Member: {
    organizedEvents: (member, _, ctx) => ctx.events.organizedBy(member.id),
  },
};
