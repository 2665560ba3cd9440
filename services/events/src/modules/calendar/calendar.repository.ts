import type { Clock } from '@metropotes/config';
import type { DataSource } from 'typeorm';
import { rowsOf } from '@metropotes/database';
import { EVENT_COLUMNS, type EventEntity, type EventKind } from '../events/event.entity';

const FEED_LIMIT = 1000;

/** The feeds' SQL. Their windows start from the clock's now (never the database's); tokens record the clock's time. */
export class CalendarRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Published and cancelled events from a month ago on, optionally in some communes or of some kinds. */
  publicEvents(communeCodes: string[] | null, kinds: EventKind[] | null): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       WHERE e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE' AND e.ends_at > $3::timestamptz - interval '30 days'
         AND ($1::text[] IS NULL OR e.commune_code = ANY($1::text[]))
         AND ($2::text[] IS NULL OR e.kind = ANY($2::text[]))
       ORDER BY e.starts_at, e.id LIMIT ${FEED_LIMIT}`,
      [communeCodes, kinds, this.clock.now()],
    );
  }

  /** The events a member is registered to (confirmed or waitlisted), from three months ago on. */
  memberEvents(memberId: string): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       JOIN events.registrations r ON r.event_id = e.id
       WHERE r.member_id = $1 AND r.status <> 'CANCELLED' AND e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE'
         AND e.ends_at > $2::timestamptz - interval '90 days'
       ORDER BY e.starts_at, e.id LIMIT ${FEED_LIMIT}`,
      [memberId, this.clock.now()],
    );
  }

  async memberOfToken(token: string): Promise<string | null> {
    const rows: { memberId: string }[] = await this.dataSource.query(
      `SELECT member_id AS "memberId" FROM events.calendar_feeds WHERE token = $1`,
      [token],
    );
    return rows[0]?.memberId ?? null;
  }

  /** The member's feed token, created on first use. */
  async tokenOf(memberId: string, fresh: string): Promise<string> {
    const rows: { token: string }[] = await this.dataSource.query(
      `WITH inserted AS (
         INSERT INTO events.calendar_feeds (member_id, token, created_at) VALUES ($1, $2, $3::timestamptz)
         ON CONFLICT (member_id) DO NOTHING RETURNING token
       )
       SELECT token FROM inserted UNION ALL SELECT token FROM events.calendar_feeds WHERE member_id = $1 LIMIT 1`,
      [memberId, fresh, this.clock.now()],
    );
    return rows[0]!.token;
  }

  async resetToken(memberId: string, fresh: string): Promise<void> {
    rowsOf(
      await this.dataSource.query(
        `INSERT INTO events.calendar_feeds (member_id, token, created_at) VALUES ($1, $2, $3::timestamptz)
         ON CONFLICT (member_id) DO UPDATE SET token = EXCLUDED.token, created_at = EXCLUDED.created_at`,
        [memberId, fresh, this.clock.now()],
      ),
    );
  }
}
