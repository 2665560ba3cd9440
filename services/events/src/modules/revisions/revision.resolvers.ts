import { renderMarkdown } from '@metropotes/markdown';
import type { Resolvers } from '../../generated/resolvers-types';
import { toParisIso } from '../../lib/paris-time';

export const eventRevisionResolvers: Resolvers = {
  Query: {
    eventRevisionsToReview: (_, args, ctx) => ctx.eventRevisions.toReview(args.first, args.after),
  },
  Mutation: {
    approveEventRevision: (_, args, ctx) => ctx.eventRevisions.approve(args.id),
    rejectEventRevision: (_, args, ctx) => ctx.eventRevisions.reject(args.id, args.reason),
  },
  Event: {
    pendingRevision: (event, _, ctx) => ctx.eventRevisions.pendingOf(event),
    proposedRevisions: (event, _, ctx) => ctx.eventRevisions.allOf(event),
  },
  EventRevision: {
    event: (revision, _, ctx) => ctx.eventRevisions.eventOf(revision),
    descriptionHtml: (revision) => renderMarkdown(revision.description),
    startsAtLocal: (revision) => toParisIso(revision.startsAt),
    endsAtLocal: (revision) => toParisIso(revision.endsAt),
    author: (revision) => (revision.authorId ? { __typename: 'Member', id: revision.authorId } : null),
    reviewedBy: (revision) => (revision.reviewedById ? { __typename: 'Member', id: revision.reviewedById } : null),
  },
};
