import type { EventsContext } from '../../context';
import { CalendarDateScalar } from './calendar-date.scalar';

export const networkStatsResolvers = {
  Date: CalendarDateScalar,
  Query: {
    networkStats: (_: unknown, args: { from: string; to: string }, ctx: EventsContext) => ctx.networkStats.networkStats(args.from, args.to),
  },
};
