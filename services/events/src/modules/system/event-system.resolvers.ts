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
    systemEventChangeNotice: (_: unknown, args: { eventId: string }, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.changeNotice(args.eventId),
    systemDueEventChangeNotices: (_: unknown, args: { dueBefore: Date }, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.dueChangeNotices(args.dueBefore),
    systemFirstParticipations: (_: unknown, args: { memberIds: string[] }, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.firstParticipations(args.memberIds),
  },
  Mutation: {
    closeEventChangeNotice: (_: unknown, args: { noticeId: string; sent: boolean }, ctx: BaseContext & EventSystemContext) =>
      ctx.eventSystem.closeChangeNotice(args.noticeId, args.sent),
  },
};
