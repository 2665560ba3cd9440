import { isStaff } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import type { ArticleModel } from '../articles/article.mapper';
import type { WatchItemModel } from '../watch/watch.mapper';
import { GuideModerationRepository } from './moderation.repository';
import type { ApplyModerationActionInput } from '@metropotes/moderation-kit';
import { GuideModerationService } from './moderation.service';

export interface GuideModerationContext {
  guideModeration: GuideModerationService;
}

/** Added to the guide context (server.ts). */
export function guideModerationContext(base: BaseContext, deps: ServiceDeps): GuideModerationContext {
  return { guideModeration: new GuideModerationService(new GuideModerationRepository(deps.dataSource, deps.clock), base.viewer) };
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
