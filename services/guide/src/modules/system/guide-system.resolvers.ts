import type { GuideContext } from '../../context';

export const guideSystemResolvers = {
  Query: {
    systemReviewedGuideArticle: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.guideSystem.reviewedArticle(args.id),
    systemGuideWaiting: (_: unknown, _args: unknown, ctx: GuideContext) => ctx.guideSystem.waiting(),
  },
};
