import type { MembersContext } from '../../context';
import type { MemberModel } from '../members';
import type { GroupMemberModel, GroupModel } from './group.mapper';
import type { CreateGroupInput, GroupFilter, SetGroupMemberRoleInput, UpdateGroupInput } from './group.service';

export const groupResolvers = {
  Query: {
    groups: (_: unknown, args: { filter?: GroupFilter; first?: number; after?: string }, ctx: MembersContext) => ctx.groups.list(args),
    group: (_: unknown, args: { id: string }, ctx: MembersContext) => ctx.groups.group(args.id),
  },
  Mutation: {
    createGroup: async (_: unknown, args: { input: CreateGroupInput }, ctx: MembersContext) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.create(args.input);
    },
    joinGroup: async (_: unknown, args: { groupId: string }, ctx: MembersContext) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.join(args.groupId);
    },
    leaveGroup: (_: unknown, args: { groupId: string }, ctx: MembersContext) => ctx.groups.leave(args.groupId),
    updateGroup: async (_: unknown, args: { input: UpdateGroupInput }, ctx: MembersContext) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.update(args.input);
    },
    setGroupMemberRole: async (_: unknown, args: { input: SetGroupMemberRoleInput }, ctx: MembersContext) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.setRole(args.input);
    },
    removeGroupMember: async (_: unknown, args: { groupId: string; memberId: string }, ctx: MembersContext) => {
      await ctx.members.requireActiveMember();
      return ctx.groups.removeMember(args.groupId, args.memberId);
    },
  },
  Group: {
    __resolveReference: (ref: { id: string }, ctx: MembersContext) => ctx.groups.group(ref.id),
    commune: (group: GroupModel, _: unknown, ctx: MembersContext) => ctx.territories.commune(group.communeCode),
    /** Only the members the viewer may see (MemberService.canSee). */
    members: async (group: GroupModel, _: unknown, ctx: MembersContext) => {
      const memberships = await ctx.groups.memberships(group.id);
      const members = await Promise.all(memberships.map((m) => ctx.members.visible(m.memberId)));
      return memberships
        .map((m, i) => ({ ...m, member: members[i] }))
        .filter((m): m is GroupMemberModel & { member: MemberModel } => m.member !== null);
    },
    memberCount: async (group: GroupModel, _: unknown, ctx: MembersContext) => (await ctx.groups.memberships(group.id)).length,
    viewerRole: (group: GroupModel, _: unknown, ctx: MembersContext) => ctx.groups.viewerRole(group.id),
  },
  Member: {
    groups: (member: MemberModel, _: unknown, ctx: MembersContext) => ctx.groups.groupsOfMember(member.id),
  },
};
