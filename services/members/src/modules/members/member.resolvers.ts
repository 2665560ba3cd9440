import type { Resolvers } from '../../generated/resolvers-types';

export const memberResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => ctx.members.me(),
    member: (_, args, ctx) => ctx.members.visible(args.id),
    members: (_, args, ctx) => ctx.members.list(args),
    newcomers: (_, args, ctx) => ctx.members.newcomers(args),
  },
  Mutation: {
    updateMyProfile: (_, args, ctx) => ctx.members.updateMyProfile(args.input),
    updateMyNotificationPreferences: (_, args, ctx) => ctx.members.updateMyNotificationPreferences(args.input),
    setMemberRole: (_, args, ctx) => ctx.members.setRole(args.memberId, args.role),
    welcomeMember: (_, args, ctx) => ctx.members.welcome(args.memberId, args.note),
    welcomeMembers: (_, args, ctx) => ctx.members.welcomeMany(args.memberIds, args.note),
    assignBuddy: (_, args, ctx) => ctx.members.assignBuddy(args.memberId, args.buddyId),
  },
  Member: {
    __resolveReference: (ref, ctx) => ctx.members.reference(ref.id),
    email: (member, _, ctx) => (ctx.members.canReadEmail(member) ? member.email : null),
    emailVerified: (member, _, ctx) => (ctx.members.canReadEmail(member) ? member.emailVerified : null),
    commune: (member, _, ctx) => ctx.territories.commune(member.communeCode),
    notificationPreferences: (member, _, ctx) => (ctx.members.canReadPreferences(member) ? { ...member.notificationPreferences, member } : null),
    isNewcomer: (member) => member.welcomeStatus === 'NEW' && !member.deleted,
    welcomeStatus: (member, _, ctx) => (ctx.members.isStaffViewer() || ctx.members.isSelf(member) ? member.welcomeStatus : null),
    welcomedAt: (member, _, ctx) => (ctx.members.isStaffViewer() || ctx.members.isSelf(member) ? member.welcomedAt : null),
    welcomedBy: (member, _, ctx) =>
      (ctx.members.isStaffViewer() || ctx.members.isSelf(member)) && member.welcomedById ? ctx.members.visible(member.welcomedById) : null,
    firstParticipationAt: (member, _, ctx) => (ctx.members.isStaffViewer() || ctx.members.isSelf(member) ? member.firstParticipationAt : null),
    weeksSinceSignUp: (member, _, ctx) => ctx.members.weeksSinceSignUp(member),
    welcomeNote: (member, _, ctx) => (ctx.members.isStaffViewer() ? member.welcomeNote : null),
    buddy: (member, _, ctx) => (member.buddyId && ctx.members.canReadBuddy(member) ? ctx.members.visible(member.buddyId) : null),
    suggestedBuddies: (member, args, ctx) => ctx.members.suggestedBuddies(member, args.first),
  },
  NotificationPreferences: {
    followedCommunes: (prefs, _, ctx) => ctx.territories.communesByCodes(prefs.followedCommuneCodes),
    followedTerritories: (prefs, _, ctx) => ctx.territories.territoriesByCodes(ctx.members.followedTerritoryCodes(prefs.member)),
  },
};
