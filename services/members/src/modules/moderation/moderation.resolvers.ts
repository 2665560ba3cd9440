import { isStaff } from '@metropotes/auth';
import type { BaseContext } from '@metropotes/graphql-kit';
import type { GroupModel } from '../groups';
import type { MemberModel } from '../members';
import type { ApplyModerationActionInput } from '@metropotes/moderation-kit';
import type { MemberModerationService } from './moderation.service';

export interface MemberModerationContext {
  memberModeration: MemberModerationService;
}

type Ctx = BaseContext & MemberModerationContext;

const stateForStaff = (state: string | undefined, ctx: BaseContext) => (isStaff(ctx.viewer) ? (state ?? 'VISIBLE') : null);

export const memberModerationResolvers = {
  Mutation: {
    applyMemberModerationAction: (_: unknown, args: { input: ApplyModerationActionInput }, ctx: Ctx) => ctx.memberModeration.apply(args.input),
  },
  Member: {
    moderationState: (member: MemberModel, _: unknown, ctx: Ctx) => stateForStaff(member.moderationState, ctx),
    warnings: (member: MemberModel, _: unknown, ctx: Ctx) => (member.deleted ? null : ctx.memberModeration.warnings(member.id)),
  },
  Group: {
    moderationState: (group: GroupModel, _: unknown, ctx: Ctx) => stateForStaff(group.moderationState, ctx),
  },
};
