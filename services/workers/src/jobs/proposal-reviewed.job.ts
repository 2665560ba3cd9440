import { UnrecoverableError } from 'bullmq';
import { writeMemberEmails } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const REVIEWED_EVENT = graphql(`
  query WorkerReviewedEvent($id: ID!) {
    systemReviewedEvent(id: $id) {
      id
      title
      status
      organizerId
      rejectionReason
    }
  }
`);

const REVIEWED_FICHE = graphql(`
  query WorkerReviewedGuideArticle($id: ID!) {
    systemReviewedGuideArticle(id: $id) {
      id
      slug
      title
      status
      authorIds
      reviewNote
    }
  }
`);

/** Whom to tell, and what: read back as the system (the job carries ids only). Null: nothing to tell any more. */
interface Proposal {
  memberIds: string[];
  params: Record<string, string>;
}

async function readEvent(rt: WorkersRuntime, id: string, decision: 'PUBLISHED' | 'REJECTED'): Promise<Proposal | null> {
  const { systemReviewedEvent: e } = await rt.gateway.call(REVIEWED_EVENT, { id });
  // Changed again since (republished, edited and proposed again…): that state is what the organizer sees now.
  if (!e || !e.organizerId || e.status !== decision) return null;
  if (decision === 'REJECTED' && !e.rejectionReason) return null;
  return {
    memberIds: [e.organizerId],
    params: { contentType: 'EVENT', contentId: e.id, title: e.title, ...(decision === 'REJECTED' ? { reason: e.rejectionReason! } : {}) },
  };
}

async function readFiche(rt: WorkersRuntime, id: string, decision: 'PUBLISHED' | 'REJECTED'): Promise<Proposal | null> {
  const { systemReviewedGuideArticle: a } = await rt.gateway.call(REVIEWED_FICHE, { id });
  if (!a) return null;
  // A fiche sent back is a draft with staff's note until it is submitted again.
  if (decision === 'PUBLISHED' ? a.status !== 'PUBLISHED' : a.status !== 'DRAFT' || !a.reviewNote) return null;
  return {
    memberIds: a.authorIds,
    params: {
      contentType: 'GUIDE_ARTICLE',
      contentId: a.id,
      slug: a.slug,
      title: a.title,
      ...(decision === 'REJECTED' ? { reason: a.reviewNote! } : {}),
    },
  };
}

/**
 * Staff published or refused what a member proposed (an event, a fiche): its organizer or authors (but the staff
 * member who decided) get 'proposal-published' or 'proposal-rejected' with staff's reason, one e-mail per decision
 * and member (key `proposal:<type>:<id>:<decision>:<decidedAt>:<member>`). Nothing when the content changed state
 * since (the reason of a later state is not this decision's). Safe to run again.
 */
export function proposalReviewedJob(rt: WorkersRuntime): JobHandler<'proposal.reviewed'> {
  return async ({ contentType, contentId, decision, decidedAt, reviewerId }, ctx) => {
    if (!isUuid(contentId) || (contentType !== 'EVENT' && contentType !== 'GUIDE_ARTICLE') || (decision !== 'PUBLISHED' && decision !== 'REJECTED')) {
      throw new UnrecoverableError('proposal.reviewed needs a content type, a content uuid and a decision');
    }
    const proposal = contentType === 'EVENT' ? await readEvent(rt, contentId, decision) : await readFiche(rt, contentId, decision);
    if (!proposal) {
      ctx.log.info({ contentType, contentId, decision }, 'proposal changed since the decision: no e-mail');
      return;
    }
    const template = decision === 'PUBLISHED' ? ('proposal-published' as const) : ('proposal-rejected' as const);
    const result = await writeMemberEmails(
      rt,
      proposal.memberIds
        .filter((memberId) => memberId !== reviewerId)
        .map((memberId) => ({
          template,
          memberId,
          dedupeKey: `proposal:${contentType}:${contentId}:${decision}:${decidedAt}:${memberId}`,
          params: proposal.params,
        })),
    );
    ctx.log.info({ contentType, contentId, decision, ...result }, 'review e-mails recorded');
  };
}
