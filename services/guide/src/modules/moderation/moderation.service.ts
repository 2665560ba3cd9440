import type { Viewer } from '@metropotes/auth';
import { badInput, conflict, isUuid, requireSystem } from '@metropotes/graphql-kit';
import type { ApplyModerationActionInput } from '@metropotes/database';
import type { GuideModerationRepository, ModerationApplicationRow } from './moderation.repository';

/** Applies moderation decisions (HIDE, RESTORE) to guide fiches and veille items. One instance per request. */
export class GuideModerationService {
  constructor(
    private readonly repository: GuideModerationRepository,
    private readonly viewer: Viewer,
  ) {}

  /**
   * Idempotent per decision: the first call records the decision and changes the content in one transaction;
   * a repeated call changes nothing and answers the first application. Content that no longer exists is
   * recorded as applied (nothing left to hide).
   */
  async apply(input: ApplyModerationActionInput): Promise<ModerationApplicationRow> {
    requireSystem(this.viewer);
    if (!isUuid(input.decisionId)) throw badInput("L'identifiant de la décision est invalide.", 'decisionId');
    if (!isUuid(input.targetId)) throw badInput("L'identifiant du contenu est invalide.", 'targetId');
    const targetType = input.targetType;
    if (targetType !== 'GUIDE_ARTICLE' && targetType !== 'WATCH_ITEM') {
      throw badInput("Ce service n'applique les décisions qu'aux fiches du guide et aux articles de la veille.", 'targetType');
    }
    if (input.action !== 'HIDE' && input.action !== 'RESTORE') {
      throw badInput('Seules les décisions de masquage et de rétablissement concernent le guide et la veille.', 'action');
    }
    return this.repository.transaction(async (manager) => {
      const row = { decisionId: input.decisionId, targetType, targetId: input.targetId, action: input.action };
      const recorded = await this.repository.record(manager, row, input.decidedAt ?? null);
      if (recorded) {
        await this.repository.setState(manager, targetType, input.targetId, await this.repository.stateInForce(manager, targetType, input.targetId));
        return recorded;
      }
      const existing = (await this.repository.find(manager, input.decisionId))!;
      if (existing.targetId !== input.targetId || existing.action !== input.action) {
        throw conflict('Cette décision a déjà été appliquée à un autre contenu ou avec une autre action.');
      }
      return existing;
    });
  }
}
