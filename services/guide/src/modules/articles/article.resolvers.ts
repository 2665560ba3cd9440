import type { GuideContext } from '../../context';
import type { ArticleModel } from './article.mapper';

export const articleResolvers = {
  Query: {
    guideArticle: (_: unknown, args: { id?: string; slug?: string }, ctx: GuideContext) => ctx.articles.visible(args),
  },
  GuideArticle: {
    __resolveReference: (ref: { id: string }, ctx: GuideContext) => ctx.articles.visible({ id: ref.id }),
    authors: (article: ArticleModel) => article.authorIds.map((id) => ({ __typename: 'Member', id })),
  },
  Member: {
    guideArticles: (member: { id: string }, _: unknown, ctx: GuideContext) => ctx.articles.byAuthorVisible(member.id),
  },
};
