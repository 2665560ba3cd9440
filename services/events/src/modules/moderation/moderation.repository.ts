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

/** SQL of events.moderation_applications and of the events' moderation state. */
export class EventModerationRepository extends ModerationApplicationsRepository {
  constructor(dataSource: DataSource, clock: Clock) {
    super(dataSource, 'events', clock);
  }

  /** The event's updated_at becomes the clock's now, as for any other change of the event. */
  async setEventState(manager: EntityManager, eventId: string, state: 'VISIBLE' | 'HIDDEN'): Promise<void> {
    await manager.query(`UPDATE events.events SET moderation_state = $2, updated_at = $3::timestamptz WHERE id = $1`, [
      eventId,
      state,
      this.clock.now(),
    ]);
  }

  async setEventMessageState(manager: EntityManager, messageId: string, state: 'VISIBLE' | 'HIDDEN'): Promise<void> {
    await manager.query(`UPDATE events.event_messages SET moderation_state = $2 WHERE id = $1`, [messageId, state]);
  }
}
