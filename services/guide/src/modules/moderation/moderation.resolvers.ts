import { isStaff } from '@metropotes/auth';
import type { BaseContext } from '@metropotes/graphql-kit';
import type { ArticleModel } from '../articles/article.mapper';
import type { WatchItemModel } from '../watch/watch.mapper';
import type { ApplyModerationActionInput } from '@metropotes/moderation-kit';
import type { GuideModerationService } from './moderation.service';

export interface GuideModerationContext {
  guideModeration: GuideModerationService;
}

const stateForStaff = (state: string | undefined, ctx: BaseContext) => (isStaff(ctx.viewer) ? (state ?? 'VISIBLE') : null);

export const guideModerationResolvers = {
  Mutation: {
    applyGuideModerationAction: (_: unknown, args: { input: ApplyModerationActionInput }, ctx: BaseContext & GuideModerationContext) =>
      ctx.guideModeration.apply(args.input),
  },
  GuideArticle: {
    moderationState: (article: ArticleModel, _: unknown, ctx: BaseContext) => stateForStaff(article.moderationState, ctx),
  },
  WatchItem: {
    moderationState: (item: WatchItemModel, _: unknown, ctx: BaseContext) => stateForStaff(item.moderationState, ctx),
  },
};
