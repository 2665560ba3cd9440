import { isStaff } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import type { GroupModel } from '../groups/group.mapper';
import type { MemberModel } from '../members/member.mapper';
import { SessionVersions } from '../accounts/session-versions';
import { MemberModerationRepository } from './moderation.repository';
import type { ApplyModerationActionInput } from '@metropotes/moderation-kit';
import { MemberModerationService } from './moderation.service';

export interface MemberModerationContext {
  memberModeration: MemberModerationService;
}

/** Added to the members context (server.ts). */
export function memberModerationContext(base: BaseContext, deps: ServiceDeps): MemberModerationContext {
  return { memberModeration: new MemberModerationService(new MemberModerationRepository(deps.dataSource, deps.clock), base.viewer, new SessionVersions(deps.jobs)) };
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
