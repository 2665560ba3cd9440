import { renderMarkdown } from '@metropotes/markdown';
import type { GuideContext } from '../../context';
import type { ArticleModel } from '../articles/article.mapper';
import type { ProposedRevisionModel } from './proposed-revision.mapper';

export const proposedRevisionResolvers = {
  Query: {
    guideRevisionsToReview: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: GuideContext) =>
      ctx.proposedRevisions.toReview(args.first, args.after),
  },
  Mutation: {
    approveGuideArticleRevision: (_: unknown, args: { id: string }, ctx: GuideContext) => ctx.proposedRevisions.approve(args.id),
    rejectGuideArticleRevision: (_: unknown, args: { id: string; reason: string }, ctx: GuideContext) =>
      ctx.proposedRevisions.reject(args.id, args.reason),
  },
  GuideArticle: {
    pendingRevision: (article: ArticleModel, _: unknown, ctx: GuideContext) => ctx.proposedRevisions.pendingOf(article),
    proposedRevisions: (article: ArticleModel, _: unknown, ctx: GuideContext) => ctx.proposedRevisions.allOf(article),
  },
  GuideProposedRevision: {
    article: (proposal: ProposedRevisionModel, _: unknown, ctx: GuideContext) => ctx.proposedRevisions.articleOf(proposal),
    bodyHtml: (proposal: ProposedRevisionModel) => renderMarkdown(proposal.body),
    actors: (proposal: ProposedRevisionModel, _: unknown, ctx: GuideContext) => ctx.actors.byIds(proposal.actorIds),
    communes: (proposal: ProposedRevisionModel) => proposal.communeCodes.map((code) => ({ __typename: 'Commune', code })),
    proposedBy: (proposal: ProposedRevisionModel) => (proposal.authorId ? { __typename: 'Member', id: proposal.authorId } : null),
    reviewedBy: (proposal: ProposedRevisionModel) => (proposal.reviewedById ? { __typename: 'Member', id: proposal.reviewedById } : null),
  },
};
