import type { Viewer } from '@metropotes/auth';
import type {
  ApplyModerationActionInput,
  ContentType,
  ModerationAction,
  ModerationApplicationRow,
  ModerationApplicationsRepository,
} from './moderation-applications.repository';
import { badInput, conflict, isUuid, requireSystem } from '@metropotes/graphql-kit';
import type { EntityManager } from 'typeorm';

/** The actions a service applies to one content type, and the message (French) refusing any other. */
export interface ModerationTargetRule {
  actions: readonly ModerationAction[];
  wrongAction: string;
}

/** A decision whose target type the service handles. */
export type ModerationDecisionFor<T extends ContentType> = ApplyModerationActionInput & { targetType: T };

export interface ApplyModerationOptions<T extends ContentType> {
  /** The content types this service owns, each with the actions it applies to them. */
  targets: Record<T, ModerationTargetRule>;
  /** The message (French) refusing a target type the service does not own. */
  wrongTarget: string;
  /** The service's own checks of a decision it handles, before anything is recorded (BAD_USER_INPUT and such). */
  check?: (input: ModerationDecisionFor<T>) => void;
  repository: ModerationApplicationsRepository;
  /**
   * Changes the target, in the transaction that just recorded the decision (never for a decision already
   * recorded): a target that no longer exists is left alone, the decision stays recorded as applied.
   */
  applyToTarget: (manager: EntityManager, input: ModerationDecisionFor<T>) => Promise<void>;
}

/**
 * How members, events and the guide apply a moderation decision to the content they own (the workers call them
 * as the platform). Idempotent per decision: the first call records it (one decision at a time per target, see
 * `ModerationApplicationsRepository.record`) and applies it in one transaction; a repeated call changes nothing
 * and answers the first application, or CONFLICT when that was for another target or another action.
 */
export async function applyModerationDecision<T extends ContentType>(
  viewer: Viewer,
  input: ApplyModerationActionInput,
  options: ApplyModerationOptions<T>,
): Promise<ModerationApplicationRow> {
  requireSystem(viewer);
  if (!isUuid(input.decisionId)) throw badInput("L'identifiant de la décision est invalide.", 'decisionId');
  if (!isUuid(input.targetId)) throw badInput("L'identifiant du contenu est invalide.", 'targetId');
  if (!handles(options.targets, input)) throw badInput(options.wrongTarget, 'targetType');
  const rule: ModerationTargetRule = options.targets[input.targetType];
  if (!rule.actions.includes(input.action)) throw badInput(rule.wrongAction, 'action');
  options.check?.(input);
  const { repository } = options;
  return repository.transaction(async (manager) => {
    const row = { decisionId: input.decisionId, targetType: input.targetType, targetId: input.targetId, action: input.action };
    const recorded = await repository.record(manager, row, input.decidedAt ?? null);
    if (recorded) {
      await options.applyToTarget(manager, input);
      return recorded;
    }
    const existing = (await repository.find(manager, input.decisionId))!;
    if (existing.targetId !== input.targetId || existing.action !== input.action) {
      throw conflict('Cette décision a déjà été appliquée à un autre contenu ou avec une autre action.');
    }
    return existing;
  });
}

function handles<T extends ContentType>(
  targets: Record<T, ModerationTargetRule>,
  input: ApplyModerationActionInput,
): input is ModerationDecisionFor<T> {
  return Object.prototype.hasOwnProperty.call(targets, input.targetType);
}
