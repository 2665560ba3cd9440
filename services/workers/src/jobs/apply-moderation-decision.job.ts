import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';
import type { WorkerApplyMemberModerationActionMutationVariables } from '../generated/gateway/graphql';
import type { GatewayOperation } from '../gateway/system-gateway';

type ContentType = 'MEMBER' | 'EVENT' | 'GUIDE_ARTICLE' | 'WATCH_ITEM' | 'GROUP' | 'GROUP_MESSAGE' | 'EVENT_MESSAGE';

/** The mutation of the subgraph that owns each kind of target. */
export const APPLY_MUTATION_OF: Record<ContentType, ApplyField> = {
  MEMBER: 'applyMemberModerationAction',
  GROUP: 'applyMemberModerationAction',
  GROUP_MESSAGE: 'applyMemberModerationAction',
  EVENT_MESSAGE: 'applyEventModerationAction',
  EVENT: 'applyEventModerationAction',
  GUIDE_ARTICLE: 'applyGuideModerationAction',
  WATCH_ITEM: 'applyGuideModerationAction',
};

const DECISION_TO_APPLY = graphql(`
  query WorkerDecisionToApply($id: ID!) {
    decisionToApply(id: $id) {
      id
      targetType
      targetId
      action
      reason
      suspendedUntil
      createdAt
      appliedAt
      moderatorRole
    }
  }
`);

const MARK_APPLIED = graphql(`
  mutation WorkerMarkDecisionApplied($id: ID!) {
    markDecisionApplied(id: $id) {
      id
      appliedAt
    }
  }
`);

/** The apply mutation of each owning service, one typed document each. */
type ApplyField = 'applyMemberModerationAction' | 'applyEventModerationAction' | 'applyGuideModerationAction';
const APPLY_DOCUMENTS: Record<ApplyField, GatewayOperation<unknown, WorkerApplyMemberModerationActionMutationVariables>> = {
  applyMemberModerationAction: graphql(`
    mutation WorkerApplyMemberModerationAction($input: ApplyModerationActionInput!) {
      applyMemberModerationAction(input: $input) {
        decisionId
        appliedAt
      }
    }
  `),
  applyEventModerationAction: graphql(`
    mutation WorkerApplyEventModerationAction($input: ApplyModerationActionInput!) {
      applyEventModerationAction(input: $input) {
        decisionId
        appliedAt
      }
    }
  `),
  applyGuideModerationAction: graphql(`
    mutation WorkerApplyGuideModerationAction($input: ApplyModerationActionInput!) {
      applyGuideModerationAction(input: $input) {
        decisionId
        appliedAt
      }
    }
  `),
};

/** A decision on a kind of content no service applies: retried (a newer version of the workers may know it). */
export class ModerationApplyError extends Error {
  override name = 'ModerationApplyError';
}

/**
 * `moderation.apply-decision { decisionId }`: reads the decision from moderation (as the system), asks the
 * service that owns the target to apply it (idempotent there, keyed by the decision), then tells moderation
 * it is applied (idempotent too). Any failure throws: BullMQ retries with its backoff, and every step can
 * safely run again.
 */
export function applyModerationDecisionJob(rt: WorkersRuntime): JobHandler<'moderation.apply-decision'> {
  return async ({ decisionId }, ctx) => {
    // The runtime's system client: a failure to reach the gateway or an error answer throws (BullMQ retries).
    const api = rt.gateway;
    const { decisionToApply: decision } = await api.call(DECISION_TO_APPLY, { id: decisionId });
    if (!decision) {
      ctx.log.info({ decisionId }, 'moderation decision: nothing to apply');
      return;
    }
    if (decision.appliedAt) {
      ctx.log.info({ decisionId }, 'moderation decision already applied');
      return;
    }
    const field = APPLY_MUTATION_OF[decision.targetType];
    if (!field) throw new ModerationApplyError(`no service applies decisions on ${decision.targetType}`);
    await api.call(APPLY_DOCUMENTS[field], {
      input: {
        targetType: decision.targetType,
        targetId: decision.targetId,
        action: decision.action,
        decisionId: decision.id,
        suspendedUntil: decision.suspendedUntil,
        reason: decision.reason,
        decidedAt: decision.createdAt,
        decidedByRole: decision.moderatorRole,
      },
    });
    await api.call(MARK_APPLIED, { id: decisionId });
    ctx.log.info({ decisionId, targetType: decision.targetType, action: decision.action }, 'moderation decision applied');
  };
}
