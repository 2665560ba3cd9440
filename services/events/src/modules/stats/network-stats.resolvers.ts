import type { Resolvers } from '../../generated/resolvers-types';
import { CalendarDateScalar } from './calendar-date.scalar';

export const networkStatsResolvers: Resolvers = {
  Date: CalendarDateScalar,
  Query: {
    networkStats: (_, args, ctx) => ctx.networkStats.networkStats(args.from, args.to),
  },
};
