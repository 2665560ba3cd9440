import type { EventsContext } from '../../context';
import type { EventModel } from './event.mapper';

export const eventResolvers = {
  Query: {
    event: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.events.visible(args.id),
  },
  Event: {
    __resolveReference: (ref: { id: string }, ctx: EventsContext) => ctx.events.visible(ref.id),
    organizer: (event: EventModel) => (event.organizerId ? { __typename: 'Member', id: event.organizerId } : null),
  },
  Member: {
    organizedEvents: (member: { id: string }, _: unknown, ctx: EventsContext) => ctx.events.organizedBy(member.id),
  },
};
