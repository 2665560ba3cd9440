import type { BaseContext } from '@metropotes/graphql-kit';
import type { ConfirmedRegistrationsArgs, EventSystemContext } from './event-system.service';

export const eventSystemResolvers = {
  SystemDigestMember: {
    __resolveReference: (ref: { memberId: string }) => ref,
    upcomingRegistrations: (member: { memberId: string }, args: { from: Date; before: Date }, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.digestRegistrations(member.memberId, args.from, args.before),
  },
  Query: {
    systemConfirmedRegistrations: (_: unknown, args: ConfirmedRegistrationsArgs, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.confirmedRegistrations(args),
    systemReviewedEvent: (_: unknown, args: { id: string }, ctx: BaseContext & EventSystemContext) => ctx.eventSystem.reviewedEvent(args.id),
  },
};
