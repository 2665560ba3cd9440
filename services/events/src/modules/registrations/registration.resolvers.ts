import type { EventsContext } from '../../context';
import type { EventModel } from '../events';
import type { RegistrationModel } from './registration.mapper';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export const registrationResolvers = {
  Mutation: {
    registerForEvent: (_: unknown, args: { eventId: string }, ctx: EventsContext) => ctx.registrations.register(args.eventId),
    cancelRegistration: (_: unknown, args: { eventId: string }, ctx: EventsContext) => ctx.registrations.cancel(args.eventId),
    setRegistrationReminders: (_: unknown, args: { eventId: string; enabled: boolean }, ctx: EventsContext) =>
      ctx.registrations.setReminders(args.eventId, args.enabled),
    eraseMemberFromEvents: (_: unknown, args: { memberId: string }, ctx: EventsContext) => ctx.registrations.eraseMember(args.memberId),
  },
  Registration: {
    event: (r: RegistrationModel, _: unknown, ctx: EventsContext) => ctx.events.visible(r.eventId),
    member: (r: RegistrationModel) => ({ __typename: 'Member', id: r.memberId }),
  },
  Event: {
    myRegistration: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.registrations.myRegistration(event),
    attendees: (event: EventModel, args: PageArgs, ctx: EventsContext) => ctx.registrations.attendees(event, args.first, args.after),
    waitlist: (event: EventModel, args: PageArgs, ctx: EventsContext) => ctx.registrations.waitlist(event, args.first, args.after),
  },
  Member: {
    registrations: (member: { id: string }, args: PageArgs & { upcoming?: boolean | null }, ctx: EventsContext) =>
      ctx.registrations.ofMember(member.id, args.upcoming, args.first, args.after),
  },
};
