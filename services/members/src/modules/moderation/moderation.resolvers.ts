import { isStaff } from '@metropotes/auth';
import type { BaseContext } from '@metropotes/graphql-kit';
import type { Resolvers } from '../../generated/resolvers-types';

const stateForStaff = <S extends string>(state: S | undefined, ctx: BaseContext) => (isStaff(ctx.viewer) ? (state ?? 'VISIBLE') : null);

export const memberModerationResolvers: Resolvers = {
  Mutation: {
    applyMemberModerationAction: (_, args, ctx) => ctx.memberModeration.apply(args.input),
  },
  Member: {
    moderationState: (member, _, ctx) => stateForStaff(member.moderationState, ctx),
    warnings: (member, _, ctx) => (member.deleted ? null : ctx.memberModeration.warnings(member.id)),
  },
  Group: {
    moderationState: (group, _, ctx) => stateForStaff(group.moderationState, ctx),
  },
};
