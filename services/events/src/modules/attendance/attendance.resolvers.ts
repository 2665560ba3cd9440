import type { EventsContext } from '../../context';
import type { EventModel } from '../events';
import type { RegistrationModel } from '../registrations';
import type { MarkAttendanceInput } from './attendance.service';

export const attendanceResolvers = {
  Mutation: {
    markAttendance: (_: unknown, args: { input: MarkAttendanceInput }, ctx: EventsContext) => ctx.attendance.mark(args.input),
    checkIn: (_: unknown, args: { eventId: string; code: string }, ctx: EventsContext) => ctx.attendance.checkIn(args.eventId, args.code),
  },
  Registration: {
    attendance: async (r: RegistrationModel, _: unknown, ctx: EventsContext) => ((await ctx.attendance.canReadAttendance(r)) ? r.attendance : null),
    walkIn: async (r: RegistrationModel, _: unknown, ctx: EventsContext) => ((await ctx.attendance.canReadAttendance(r)) ? r.walkIn : null),
  },
  Event: {
    walkInCount: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.attendance.walkInCount(event),
    checkInCode: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.attendance.checkInCode(event),
    attendedCount: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.attendance.attendedCount(event),
    noShowCount: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.attendance.noShowCount(event),
  },
  Member: {
    attendedEvents: (
      member: { id: string; showAttendedEvents?: boolean | null },
      args: { first?: number | null; after?: string | null },
      ctx: EventsContext,
    ) => ctx.attendance.attendedEvents(member, args.first, args.after),
  },
};
