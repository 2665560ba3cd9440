import type { BaseContext } from '@metropotes/graphql-kit';
import type { ConfirmedRegistrationsArgs, EventSystemContext } from './event-system.service';

export const eventSystemResolvers = {
  Query: {
    systemConfirmedRegistrations: (_: unknown, args: ConfirmedRegistrationsArgs, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.confirmedRegistrations(args),
    systemFirstParticipations: (_: unknown, args: { memberIds: string[] }, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.firstParticipations(args.memberIds),
  },
};
