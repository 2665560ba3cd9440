import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

/**
 * Placeholder written by the moderation engineer so the workers start with the contract's new job:
 * the real handler (owned by the workers) reads `decisionToApply(id)` through the gateway as the system,
 * asks the owning service to apply it, then calls `markDecisionApplied(id)`. Until then the decision
 * stays recorded in moderation (outbox row, appliedAt null) and nothing is applied.
 */
export function applyModerationDecisionJob(rt: WorkersRuntime): JobHandler<'moderation.apply-decision'> {
  return async ({ decisionId }, ctx) => {
    ctx.log.warn({ decisionId }, 'moderation decision received; applying it is not implemented yet');
    void rt;
  };
}
