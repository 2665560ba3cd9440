import { isStaff } from '@metropotes/auth';
import type { BaseContext } from '@metropotes/graphql-kit';
import type { ModerationState, Resolvers } from '../../generated/resolvers-types';
import type { GuideModerationContext } from './moderation.service';

const stateForStaff = (state: ModerationState | undefined, ctx: BaseContext) => (isStaff(ctx.viewer) ? (state ?? 'VISIBLE') : null);

export const guideModerationResolvers: Resolvers<BaseContext & GuideModerationContext> = {
  Mutation: {
    applyGuideModerationAction: (_, args, ctx) => ctx.guideModeration.apply(args.input),
  },
  GuideArticle: {
    moderationState: (article, _, ctx) => stateForStaff(article.moderationState, ctx),
  },
  WatchItem: {
    moderationState: (item, _, ctx) => stateForStaff(item.moderationState, ctx),
  },
};
