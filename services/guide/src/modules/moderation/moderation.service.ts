import type { Viewer } from '@metropotes/auth';
import { applyModerationDecision, type ApplyModerationActionInput } from '@metropotes/moderation-kit';
import type { GuideModerationRepository, ModerationApplicationRow } from './moderation.repository';

/** What the module's resolvers need of the request's context. */
export interface GuideModerationContext {
  guideModeration: GuideModerationService;
}

/** Applies moderation decisions (HIDE, RESTORE) to guide fiches and veille items. One instance per request. */
export class GuideModerationService {
  constructor(
    private readonly repository: GuideModerationRepository,
    private readonly viewer: Viewer,
  ) {}

  /**
   * Idempotent per decision (`applyModerationDecision`): the fiche's or item's state becomes the one the latest
   * HIDE or RESTORE asks for. Content that no longer exists is recorded as applied (nothing left to hide).
   */
  async apply(input: ApplyModerationActionInput): Promise<ModerationApplicationRow> {
    const repository = this.repository;
    const hideOrRestore = {
      actions: ['HIDE', 'RESTORE'] as const,
      wrongAction: 'Seules les décisions de masquage et de rétablissement concernent le guide et la veille.',
    };
    return applyModerationDecision(this.viewer, input, {
      targets: { GUIDE_ARTICLE: hideOrRestore, WATCH_ITEM: hideOrRestore },
      wrongTarget: "Ce service n'applique les décisions qu'aux fiches du guide et aux articles de la veille.",
      repository,
      applyToTarget: async (manager, { targetType, targetId }) => {
        await repository.setState(manager, targetType, targetId, await repository.stateInForce(manager, targetType, targetId));
      },
    });
  }
}
