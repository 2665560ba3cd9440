import type { Viewer } from '@metropotes/auth';
import { applyModerationDecision, type ApplyModerationActionInput } from '@metropotes/moderation-kit';
import type { EventModerationRepository, ModerationApplicationRow } from './moderation.repository';

/** Applies moderation decisions to events (HIDE, RESTORE). One instance per request. */
export class EventModerationService {
  constructor(
    private readonly repository: EventModerationRepository,
    private readonly viewer: Viewer,
  ) {}

  /**
   * Idempotent per decision (`applyModerationDecision`): the event's state becomes the one the latest HIDE or
   * RESTORE asks for. An event that no longer exists is recorded as applied (nothing left to hide).
   */
  async apply(input: ApplyModerationActionInput): Promise<ModerationApplicationRow> {
    const repository = this.repository;
    return applyModerationDecision(this.viewer, input, {
      targets: {
        EVENT: { actions: ['HIDE', 'RESTORE'], wrongAction: 'Seules les décisions de masquage et de rétablissement concernent un événement.' },
        EVENT_MESSAGE: {
          actions: ['HIDE', 'RESTORE'],
          wrongAction: 'Seules les décisions de masquage et de rétablissement concernent un message aux inscrit·es.',
        },
      },
      wrongTarget: "Ce service n'applique les décisions qu'aux événements et à leurs messages.",
      repository,
      applyToTarget: async (manager, { targetType, targetId }) => {
        if (targetType === 'EVENT_MESSAGE') {
          await repository.setEventMessageState(manager, targetId, await repository.stateInForce(manager, 'EVENT_MESSAGE', targetId));
          return;
        }
        await repository.setEventState(manager, targetId, await repository.stateInForce(manager, 'EVENT', targetId));
      },
    });
  }
}
