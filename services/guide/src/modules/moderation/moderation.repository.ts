import {
  ModerationApplicationsRepository,
  type ContentType,
  type ModerationAction,
  type ModerationApplicationRow,
  type ModerationState,
} from '@metropotes/moderation-kit';
import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';

export type { ContentType, ModerationAction, ModerationApplicationRow, ModerationState };

/** SQL of guide.moderation_applications and of the guide's moderation state (fiches, veille items). */
export class GuideModerationRepository extends ModerationApplicationsRepository {
  constructor(dataSource: DataSource, clock: Clock) {
    super(dataSource, 'guide', clock);
  }

  async setState(manager: EntityManager, targetType: 'GUIDE_ARTICLE' | 'WATCH_ITEM', id: string, state: 'VISIBLE' | 'HIDDEN'): Promise<void> {
    if (targetType === 'GUIDE_ARTICLE') {
      await manager.query(`UPDATE guide.articles SET moderation_state = $2 WHERE id = $1`, [id, state]);
    } else {
      await manager.query(`UPDATE guide.watch_items SET moderation_state = $2 WHERE id = $1`, [id, state]);
    }
  }
}
