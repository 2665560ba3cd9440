import type { Clock } from '@metropotes/config';
import { lockKey } from '@metropotes/database';
import type { DataSource, EntityManager } from 'typeorm';

export interface EventMessageRow {
  id: string;
  eventId: string;
  authorId: string | null;
  subject: string;
  body: string;
  moderationState: 'VISIBLE' | 'HIDDEN';
  createdAt: Date;
}

const COLUMNS = `m.id, m.event_id AS "eventId", m.author_id AS "authorId", m.subject, m.body, m.moderation_state AS "moderationState", m.created_at AS "createdAt"`;

/** SQL of event messages (events.event_messages). */
export class EventMessageRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findByIds(ids: readonly string[]): Promise<EventMessageRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM events.event_messages m WHERE m.id = ANY($1::uuid[])`, [[...ids]]);
  }

  latest(eventId: string, limit: number, withHidden: boolean): Promise<EventMessageRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM events.event_messages m WHERE m.event_id = $1 ${withHidden ? '' : `AND m.moderation_state = 'VISIBLE'`}
       ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
      [eventId, limit],
    );
  }

  async isConfirmedAttendee(eventId: string, memberId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM events.registrations WHERE event_id = $1 AND member_id = $2 AND status = 'CONFIRMED'`,
      [eventId, memberId],
    );
    return rows.length > 0;
  }

  /** Locks the event's messages for the transaction and tells when those of the window were sent (hidden ones too). */
  async lockAndCountSince(manager: EntityManager, eventId: string, since: Date): Promise<Date[]> {
    await lockKey(manager, `events:event-messages:${eventId}`);
    const rows: { createdAt: Date }[] = await manager.query(
      `SELECT created_at AS "createdAt" FROM events.event_messages WHERE event_id = $1 AND created_at > $2 ORDER BY created_at`,
      [eventId, since],
    );
    return rows.map((r) => new Date(r.createdAt));
  }

  async insert(manager: EntityManager, row: { eventId: string; authorId: string; subject: string; body: string }): Promise<EventMessageRow> {
    const rows: EventMessageRow[] = await manager.query(
      `INSERT INTO events.event_messages AS m (event_id, author_id, subject, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.eventId, row.authorId, row.subject, row.body, this.clock.now()],
    );
    return rows[0]!;
  }

  async setState(manager: EntityManager, messageId: string, state: 'VISIBLE' | 'HIDDEN'): Promise<void> {
    await manager.query(`UPDATE events.event_messages SET moderation_state = $2 WHERE id = $1`, [messageId, state]);
  }

  /** The confirmed attendees of the message's event, by member id after `after`. */
  async recipients(eventId: string, after: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT member_id AS id FROM events.registrations WHERE event_id = $1 AND status = 'CONFIRMED' AND ($2::uuid IS NULL OR member_id > $2::uuid)
       ORDER BY member_id LIMIT $3`,
      [eventId, after, limit],
    );
    return rows.map((r) => r.id);
  }
}
