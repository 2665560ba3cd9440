import type { Resolvers } from '../../generated/resolvers-types';

export const eventSystemResolvers: Resolvers = {
  SystemDigestMember: {
    __resolveReference: (ref) => ref,
    upcomingRegistrations: (member, args, ctx) => ctx.eventSystem.digestRegistrations(member.memberId, args.from, args.before),
  },
  Query: {
    systemConfirmedRegistrations: (_, args, ctx) => ctx.eventSystem.confirmedRegistrations(args),
    systemReviewedEvent: (_, args, ctx) => ctx.eventSystem.reviewedEvent(args.id),
    systemEventChangeNotice: (_, args, ctx) => ctx.eventSystem.changeNotice(args.eventId),
    systemDueEventChangeNotices: (_, args, ctx) => ctx.eventSystem.dueChangeNotices(args.dueBefore),
    systemFirstParticipations: (_, args, ctx) => ctx.eventSystem.firstParticipations(args.memberIds),
  },
  Mutation: {
    closeEventChangeNotice: (_, args, ctx) => ctx.eventSystem.closeChangeNotice(args.noticeId, args.sent),
  },
};
