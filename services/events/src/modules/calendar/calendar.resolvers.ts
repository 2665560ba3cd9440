import type { Resolvers } from '../../generated/resolvers-types';

export const calendarResolvers: Resolvers = {
  Member: {
    calendarFeedUrl: (member, _, ctx) => ctx.calendar.feedUrl(member.id),
  },
  Mutation: {
    resetMyCalendarFeed: (_, __, ctx) => ctx.calendar.reset(),
  },
};
