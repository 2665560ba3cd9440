import type { Viewer } from '@metropotes/auth';
import { badInput, conflict, isUuid, requireSystem } from '@metropotes/graphql-kit';
import type { ApplyModerationActionInput } from '@metropotes/database';
import type { EventModerationRepository, ModerationApplicationRow } from './moderation.repository';

/** Applies moderation decisions to events (HIDE, RESTORE). One instance per request. */
export class EventModerationService {
  constructor(
    private readonly repository: EventModerationRepository,
    private readonly viewer: Viewer,
  ) {}

  /**
   * Idempotent per decision: the first call records the decision and changes the event in one transaction;
   * a repeated call changes nothing and answers the first application. An event that no longer exists is
   * recorded as applied (nothing left to hide).
   */
  async apply(input: ApplyModerationActionInput): Promise<ModerationApplicationRow> {
    requireSystem(this.viewer);
    if (!isUuid(input.decisionId)) throw badInput("L'identifiant de la décision est invalide.", 'decisionId');
    if (!isUuid(input.targetId)) throw badInput("L'identifiant du contenu est invalide.", 'targetId');
    if (input.targetType !== 'EVENT') throw badInput("Ce service n'applique les décisions qu'aux événements.", 'targetType');
    if (input.action !== 'HIDE' && input.action !== 'RESTORE') {
      throw badInput('Seules les décisions de masquage et de rétablissement concernent un événement.', 'action');
    }
    return this.repository.transaction(async (manager) => {
      const row = { decisionId: input.decisionId, targetType: input.targetType, targetId: input.targetId, action: input.action };
      const recorded = await this.repository.record(manager, row, input.decidedAt ?? null);
      if (recorded) {
        await this.repository.setEventState(manager, input.targetId, await this.repository.stateInForce(manager, 'EVENT', input.targetId));
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
