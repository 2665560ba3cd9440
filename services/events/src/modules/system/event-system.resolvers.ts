import type { BaseContext } from '@metropotes/graphql-kit';
import type { EventSystemContext } from './event-system.service';

export const eventSystemResolvers = {
  Query: {
    systemConfirmedRegistrations: (
      _: unknown,
      args: {
        startsFrom: Date;
        startsBefore: Date;
        eventId?: string | null;
        memberIds?: string[] | null;
        first?: number | null;
        after?: string | null;
      },
      ctx: BaseContext & EventSystemContext,
    ) => ctx.eventSystem.confirmedRegistrations(args),
  },
};
