import { renderMarkdown } from '@metropotes/markdown';
import type { EventsContext } from '../../context';
import { toParisIso } from '../../lib/paris-time';
import type { EventModel } from '../events';
import type { EventRevisionModel } from './revision.mapper';

export const eventRevisionResolvers = {
  Query: {
    eventRevisionsToReview: (_: unknown, args: { first?: number | null; after?: string | null }, ctx: EventsContext) =>
      ctx.eventRevisions.toReview(args.first, args.after),
  },
  Mutation: {
    approveEventRevision: (_: unknown, args: { id: string }, ctx: EventsContext) => ctx.eventRevisions.approve(args.id),
    rejectEventRevision: (_: unknown, args: { id: string; reason: string }, ctx: EventsContext) => ctx.eventRevisions.reject(args.id, args.reason),
  },
  Event: {
    pendingRevision: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.eventRevisions.pendingOf(event),
    proposedRevisions: (event: EventModel, _: unknown, ctx: EventsContext) => ctx.eventRevisions.allOf(event),
  },
  EventRevision: {
    event: (revision: EventRevisionModel, _: unknown, ctx: EventsContext) => ctx.eventRevisions.eventOf(revision),
    descriptionHtml: (revision: EventRevisionModel) => renderMarkdown(revision.description),
    startsAtLocal: (revision: EventRevisionModel) => toParisIso(revision.startsAt),
    endsAtLocal: (revision: EventRevisionModel) => toParisIso(revision.endsAt),
    author: (revision: EventRevisionModel) => (revision.authorId ? { __typename: 'Member', id: revision.authorId } : null),
    reviewedBy: (revision: EventRevisionModel) => (revision.reviewedById ? { __typename: 'Member', id: revision.reviewedById } : null),
  },
};
