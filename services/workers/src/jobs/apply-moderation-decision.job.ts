import { createTokenSigner, SYSTEM_ISSUER, type TokenSigner } from '@metropotes/auth';
import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

type ContentType = 'MEMBER' | 'EVENT' | 'GUIDE_ARTICLE' | 'WATCH_ITEM' | 'GROUP';

interface DecisionToApply {
  id: string;
  targetType: ContentType;
  targetId: string;
  action: string;
  reason: string;
  suspendedUntil: string | null;
  createdAt: string;
  appliedAt: string | null;
}

/** The mutation of the subgraph that owns each kind of target. */
export const APPLY_MUTATION_OF: Record<ContentType, string> = {
  MEMBER: 'applyMemberModerationAction',
  GROUP: 'applyMemberModerationAction',
  EVENT: 'applyEventModerationAction',
  GUIDE_ARTICLE: 'applyGuideModerationAction',
  WATCH_ITEM: 'applyGuideModerationAction',
};

const DECISION_TO_APPLY = `query WorkerDecisionToApply($id: ID!) {
  decisionToApply(id: $id) { id targetType targetId action reason suspendedUntil createdAt appliedAt }
}`;

const MARK_APPLIED = `mutation WorkerMarkDecisionApplied($id: ID!) { markDecisionApplied(id: $id) { id appliedAt } }`;

const applyMutation = (field: string) => `mutation WorkerApplyModerationAction($input: ApplyModerationActionInput!) {
  ${field}(input: $input) { decisionId appliedAt }
}`;

/** A failure talking to the gateway (unreachable, error answer): the job throws and BullMQ retries it. */
export class ModerationApplyError extends Error {
  override name = 'ModerationApplyError';
}

/** Calls the gateway as the system (the workers never read another service's tables). */
export class SystemGatewayClient {
  constructor(
    private readonly gatewayUrl: string,
    private readonly signer: TokenSigner,
    private readonly timeoutMs = 10_000,
  ) {}

  async request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const token = await this.signer.sign({ sub: 'workers', role: 'SYSTEM' }, 120);
    let response: Response;
    try {
      response = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ModerationApplyError(`gateway unreachable: ${(error as Error).message}`);
    }
    let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new ModerationApplyError(`gateway answered HTTP ${response.status} without JSON`);
    }
    if (body.errors?.length) {
      const codes = body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ');
      throw new ModerationApplyError(`gateway answered HTTP ${response.status} with errors: ${codes}`);
    }
    if (!response.ok || !body.data) throw new ModerationApplyError(`gateway answered HTTP ${response.status} without data`);
    return body.data;
  }
}

/**
 * `moderation.apply-decision { decisionId }`: reads the decision from moderation (as the system), asks the
 * service that owns the target to apply it (idempotent there, keyed by the decision), then tells moderation
 * it is applied (idempotent too). Any failure throws: BullMQ retries with its backoff, and every step can
 * safely run again.
 */
export function applyModerationDecisionJob(rt: WorkersRuntime): JobHandler<'moderation.apply-decision'> {
  let client: Promise<SystemGatewayClient> | null = null;
  const gateway = () =>
    (client ??= createTokenSigner(rt.config.systemPrivateKey, SYSTEM_ISSUER).then((signer) => new SystemGatewayClient(rt.config.gatewayUrl, signer)));

  return async ({ decisionId }, ctx) => {
    const api = await gateway();
    const { decisionToApply: decision } = await api.request<{ decisionToApply: DecisionToApply | null }>(DECISION_TO_APPLY, { id: decisionId });
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
    await api.request(applyMutation(field), {
      input: {
        targetType: decision.targetType,
        targetId: decision.targetId,
        action: decision.action,
        decisionId: decision.id,
        suspendedUntil: decision.suspendedUntil,
        reason: decision.reason,
        decidedAt: decision.createdAt,
      },
    });
    await api.request(MARK_APPLIED, { id: decisionId });
    ctx.log.info({ decisionId, targetType: decision.targetType, action: decision.action }, 'moderation decision applied');
  };
}
