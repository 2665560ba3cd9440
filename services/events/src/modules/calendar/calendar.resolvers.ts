import type { EventsContext } from '../../context';

export const calendarResolvers = {
  Member: {
    calendarFeedUrl: (member: { id: string }, _: unknown, ctx: EventsContext) => ctx.calendar.feedUrl(member.id),
  },
  Mutation: {
    resetMyCalendarFeed: (_: unknown, __: unknown, ctx: EventsContext) => ctx.calendar.reset(),
  },
};
