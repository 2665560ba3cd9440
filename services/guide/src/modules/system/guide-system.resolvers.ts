import type { Resolvers } from '../../generated/resolvers-types';

export const guideSystemResolvers: Resolvers = {
  Query: {
    systemReviewedGuideArticle: (_, args, ctx) => ctx.guideSystem.reviewedArticle(args.id),
    systemGuideWaiting: (_, _args, ctx) => ctx.guideSystem.waiting(),
  },
};
