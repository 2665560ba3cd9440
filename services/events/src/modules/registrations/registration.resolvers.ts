import type { Resolvers } from '../../generated/resolvers-types';

export const registrationResolvers: Resolvers = {
  Mutation: {
    registerForEvent: (_, args, ctx) => ctx.registrations.register(args.eventId),
    cancelRegistration: (_, args, ctx) => ctx.registrations.cancel(args.eventId),
    setRegistrationReminders: (_, args, ctx) => ctx.registrations.setReminders(args.eventId, args.enabled),
    eraseMemberFromEvents: (_, args, ctx) => ctx.registrations.eraseMember(args.memberId),
  },
  Registration: {
    event: (r, _, ctx) => ctx.events.visible(r.eventId),
    member: (r) => ({ __typename: 'Member', id: r.memberId }),
  },
  Event: {
    myRegistration: (event, _, ctx) => ctx.registrations.myRegistration(event),
    attendees: (event, args, ctx) => ctx.registrations.attendees(event, args.first, args.after),
    waitlist: (event, args, ctx) => ctx.registrations.waitlist(event, args.first, args.after),
  },
  Member: {
    registrations: (member, args, ctx) => ctx.registrations.ofMember(member.id, args.upcoming, args.first, args.after),
  },
};
