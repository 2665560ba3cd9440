import { renderMarkdown } from '@metropotes/markdown';
import type { Resolvers } from '../../generated/resolvers-types';

export const proposedRevisionResolvers: Resolvers = {
  Query: {
    guideRevisionsToReview: (_, args, ctx) => ctx.proposedRevisions.toReview(args.first, args.after),
  },
  Mutation: {
    approveGuideArticleRevision: (_, args, ctx) => ctx.proposedRevisions.approve(args.id),
    rejectGuideArticleRevision: (_, args, ctx) => ctx.proposedRevisions.reject(args.id, args.reason),
  },
  GuideArticle: {
    pendingRevision: (article, _, ctx) => ctx.proposedRevisions.pendingOf(article),
    proposedRevisions: (article, _, ctx) => ctx.proposedRevisions.allOf(article),
  },
  GuideProposedRevision: {
    article: (proposal, _, ctx) => ctx.proposedRevisions.articleOf(proposal),
    bodyHtml: (proposal) => renderMarkdown(proposal.body),
    actors: (proposal, _, ctx) => ctx.actors.byIds(proposal.actorIds),
    communes: (proposal) => proposal.communeCodes.map((code) => ({ __typename: 'Commune', code })),
    proposedBy: (proposal) => (proposal.authorId ? { __typename: 'Member', id: proposal.authorId } : null),
    reviewedBy: (proposal) => (proposal.reviewedById ? { __typename: 'Member', id: proposal.reviewedById } : null),
  },
};
