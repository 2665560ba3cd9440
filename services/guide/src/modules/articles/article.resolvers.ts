import { renderMarkdown } from '@metropotes/markdown';
import type { GuideContext } from '../../context';
import type { StepData } from './article.entity';
import type { ArticleModel, RevisionModel } from './article.mapper';
import type { ArticleFilter, ArticleInput } from './article.service';

type UpdateInput = ArticleInput & { expectedVersion: number };

export const articleResolvers = {
  Query: {
    guideArticle: (_: unknown, args: { id?: string; slug?: string }, ctx: GuideContext) => ctx.articles.visible(args),
    guideArticles: (_: unknown, args: { filter?: ArticleFilter; first?: number; after?: string }, ctx: GuideContext) =>
      ctx.articles.list(args.filter, args.first, args.after),
    searchGuide: (_: unknown, args: { query: string; first?: number }, ctx: GuideContext) => ctx.articles.search(args.query, args.first),
  },
  Mutation: {
    createGuideArticle: (_: unknown, args: { input: ArticleInput }, ctx: GuideContext) => ctx.articles.create(args.input),
    updateGuideArticle: (_: unknown, args: { id: string; input: UpdateInput }, ctx: GuideContext) => ctx.articles.update(args.id, args.input),
    submitGuideArticle: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.articles.submit(args.id),
    publishGuideArticle: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.articles.publish(args.id),
    archiveGuideArticle: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.articles.archive(args.id),
    returnGuideArticleToDraft: (_: unknown, args: { id: string; reason: string }, ctx: GuideContext) =>
      ctx.articles.returnToDraft(args.id, args.reason),
    eraseMemberFromGuide: (_: unknown, args: { memberId: string }, ctx: GuideContext) => ctx.articles.eraseMember(args.memberId),
  },
  GuideArticle: {
    __resolveReference: (ref: { id: string }, ctx: GuideContext) => ctx.articles.visible({ id: ref.id }),
    bodyHtml: (article: ArticleModel) => renderMarkdown(article.body),
    authors: (article: ArticleModel) => article.authorIds.map((id) => ({ __typename: 'Member', id })),
    communes: (article: ArticleModel) => article.communeCodes.map((code) => ({ __typename: 'Commune', code })),
    actors: (article: ArticleModel, _: unknown, ctx: GuideContext) => ctx.actors.byIds(article.actorIds),
    revisions: (article: ArticleModel, _: unknown, ctx: GuideContext) => ctx.articles.revisions(article),
    reviewNote: (article: ArticleModel, _: unknown, ctx: GuideContext) => ctx.articles.reviewNote(article),
  },
  GuideStep: {
    textHtml: (step: StepData) => renderMarkdown(step.text),
  },
  GuideRevision: {
    editedBy: (revision: RevisionModel) => (revision.editedById ? { __typename: 'Member', id: revision.editedById } : null),
  },
  Member: {
    guideArticles: (member: { id: string }, _: unknown, ctx: GuideContext) => ctx.articles.byAuthorVisible(member.id),
  },
};
