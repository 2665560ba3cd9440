import type { MemberRole } from '@metropotes/auth';
import type { MembersContext } from '../../context';
import type { MemberModel } from './member.mapper';
import type { MemberFilter, NewcomerFilter, NotificationPreferencesInput, UpdateProfileInput } from './member.service';

type PreferencesParent = MemberModel['notificationPreferences'] & { member: MemberModel };

export const memberResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: MembersContext) => ctx.members.me(),
    member: (_: unknown, args: { id: string }, ctx: MembersContext) => ctx.members.visible(args.id),
    members: (_: unknown, args: { filter?: MemberFilter; first?: number; after?: string }, ctx: MembersContext) => ctx.members.list(args),
    newcomers: (_: unknown, args: { first?: number; after?: string; filter?: NewcomerFilter | null }, ctx: MembersContext) =>
      ctx.members.newcomers(args),
  },
  Mutation: {
    updateMyProfile: (_: unknown, args: { input: UpdateProfileInput }, ctx: MembersContext) => ctx.members.updateMyProfile(args.input),
    updateMyNotificationPreferences: (_: unknown, args: { input: NotificationPreferencesInput }, ctx: MembersContext) =>
      ctx.members.updateMyNotificationPreferences(args.input),
    setMemberRole: (_: unknown, args: { memberId: string; role: MemberRole }, ctx: MembersContext) => ctx.members.setRole(args.memberId, args.role),
    welcomeMember: (_: unknown, args: { memberId: string; note?: string | null }, ctx: MembersContext) =>
      ctx.members.welcome(args.memberId, args.note),
    welcomeMembers: (_: unknown, args: { memberIds: string[]; note?: string | null }, ctx: MembersContext) =>
      ctx.members.welcomeMany(args.memberIds, args.note),
    assignBuddy: (_: unknown, args: { memberId: string; buddyId: string }, ctx: MembersContext) =>
      ctx.members.assignBuddy(args.memberId, args.buddyId),
  },
  Member: {
    __resolveReference: (ref: { id: string }, ctx: MembersContext) => ctx.members.reference(ref.id),
    email: (member: MemberModel, _: unknown, ctx: MembersContext) => (ctx.members.canReadEmail(member) ? member.email : null),
    emailVerified: (member: MemberModel, _: unknown, ctx: MembersContext) => (ctx.members.canReadEmail(member) ? member.emailVerified : null),
    commune: (member: MemberModel, _: unknown, ctx: MembersContext) => ctx.territories.commune(member.communeCode),
    notificationPreferences: (member: MemberModel, _: unknown, ctx: MembersContext): PreferencesParent | null =>
      ctx.members.canReadPreferences(member) ? { ...member.notificationPreferences, member } : null,
    isNewcomer: (member: MemberModel) => member.welcomeStatus === 'NEW' && !member.deleted,
    welcomeStatus: (member: MemberModel, _: unknown, ctx: MembersContext) =>
      ctx.members.isStaffViewer() || ctx.members.isSelf(member) ? member.welcomeStatus : null,
    welcomedAt: (member: MemberModel, _: unknown, ctx: MembersContext) =>
      ctx.members.isStaffViewer() || ctx.members.isSelf(member) ? member.welcomedAt : null,
    welcomedBy: (member: MemberModel, _: unknown, ctx: MembersContext) =>
      (ctx.members.isStaffViewer() || ctx.members.isSelf(member)) && member.welcomedById ? ctx.members.visible(member.welcomedById) : null,
    firstParticipationAt: (member: MemberModel, _: unknown, ctx: MembersContext) =>
      ctx.members.isStaffViewer() || ctx.members.isSelf(member) ? member.firstParticipationAt : null,
    weeksSinceSignUp: (member: MemberModel, _: unknown, ctx: MembersContext) => ctx.members.weeksSinceSignUp(member),
    welcomeNote: (member: MemberModel, _: unknown, ctx: MembersContext) => (ctx.members.isStaffViewer() ? member.welcomeNote : null),
    buddy: (member: MemberModel, _: unknown, ctx: MembersContext) =>
      member.buddyId && ctx.members.canReadBuddy(member) ? ctx.members.visible(member.buddyId) : null,
    suggestedBuddies: (member: MemberModel, args: { first?: number }, ctx: MembersContext) => ctx.members.suggestedBuddies(member, args.first),
  },
  NotificationPreferences: {
    followedCommunes: (prefs: PreferencesParent, _: unknown, ctx: MembersContext) => ctx.territories.communesByCodes(prefs.followedCommuneCodes),
    followedTerritories: (prefs: PreferencesParent, _: unknown, ctx: MembersContext) =>
      ctx.territories.territoriesByCodes(ctx.members.followedTerritoryCodes(prefs.member)),
  },
};
