import type { Resolvers } from '../../generated/resolvers-types';

export const attendanceResolvers: Resolvers = {
  Mutation: {
    markAttendance: (_, args, ctx) => ctx.attendance.mark(args.input),
    checkIn: (_, args, ctx) => ctx.attendance.checkIn(args.eventId, args.code),
  },
  Registration: {
    attendance: async (r, _, ctx) => ((await ctx.attendance.canReadAttendance(r)) ? r.attendance : null),
    walkIn: async (r, _, ctx) => ((await ctx.attendance.canReadAttendance(r)) ? r.walkIn : null),
  },
  Event: {
    walkInCount: (event, _, ctx) => ctx.attendance.walkInCount(event),
    checkInCode: (event, _, ctx) => ctx.attendance.checkInCode(event),
    attendedCount: (event, _, ctx) => ctx.attendance.attendedCount(event),
    noShowCount: (event, _, ctx) => ctx.attendance.noShowCount(event),
  },
  Member: {
    attendedEvents: (member, args, ctx) => ctx.attendance.attendedEvents(member, args.first, args.after),
  },
};
