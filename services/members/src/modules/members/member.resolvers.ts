import type { MembersContext } from '../../context';
import type { MemberModel } from './member.mapper';

export const memberResolvers = {
  Query: {
    me: (_: unknown, __: unknown, ctx: MembersContext) => ctx.members.me(),
    member: (_: unknown, args: { id: string }, ctx: MembersContext) => ctx.members.visible(args.id),
  },
  Member: {
    __resolveReference: (ref: { id: string }, ctx: MembersContext) => ctx.members.visible(ref.id),
    email: (member: MemberModel, _: unknown, ctx: MembersContext) => (ctx.members.canReadEmail(member) ? member.email : null),
  },
};
