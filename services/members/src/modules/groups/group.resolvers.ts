import type { Resolvers } from '../../generated/resolvers-types';
import type { MemberModel } from '../members';
import type { GroupMemberModel } from './group.mapper';

export const groupResolvers: Resolvers = {
  Query: {
    groups: (_, args, ctx) => ctx.groups.list(args),
    group: (_, args, ctx) => ctx.groups.group(args.id),
  },
  Mutation: {
    createGroup: async (_, args, ctx) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.create(args.input);
    },
    joinGroup: async (_, args, ctx) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.join(args.groupId);
    },
    leaveGroup: (_, args, ctx) => ctx.groups.leave(args.groupId),
    updateGroup: async (_, args, ctx) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.update(args.input);
    },
    setGroupMemberRole: async (_, args, ctx) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.setRole(args.input);
    },
    removeGroupMember: async (_, args, ctx) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.removeMember(args.groupId, args.memberId);
    },
  },
  Group: {
    __resolveReference: (ref, ctx) => ctx.groups.group(ref.id),
    commune: (group, _, ctx) => ctx.territories.commune(group.communeCode),
    /** Only the members the viewer may see (MemberService.canSee). */
    members: async (group, _, ctx) => {
      const memberships = await ctx.groups.memberships(group.id);
      const members = await Promise.all(memberships.map((m) => ctx.members.visible(m.memberId)));
      return memberships
        .map((m, i) => ({ ...m, member: members[i] }))
        .filter((m): m is GroupMemberModel & { member: MemberModel } => m.member !== null);
    },
    memberCount: async (group, _, ctx) => (await ctx.groups.memberships(group.id)).length,
    viewerRole: (group, _, ctx) => ctx.groups.viewerRole(group.id),
  },
  Member: {
    groups: (member, _, ctx) => ctx.groups.groupsOfMember(member.id),
  },
};
