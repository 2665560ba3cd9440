import type { Clock } from '@metropotes/config';
import { rowsOf } from '@metropotes/database';
import type { DataSource, EntityManager } from 'typeorm';
import { REVISION_COLUMNS, type EventRevisionEntity, type EventRevisionField, type EventRevisionStatus } from './revision.entity';

type Queryable = Pick<EntityManager, 'query'>;

/** The reviewed fields of an event as a revision proposes them (column values). */
export interface ProposedValues {
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
}

const VALUE_COLUMNS: Record<keyof ProposedValues, string> = {
  title: 'title',
  description: 'description',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
  venueName: 'venue_name',
  venueAddress: 'venue_address',
  communeCode: 'commune_code',
  latitude: 'latitude',
  longitude: 'longitude',
  onlineUrl: 'online_url',
};
const VALUE_KEYS = Object.keys(VALUE_COLUMNS) as (keyof ProposedValues)[];

/**
 * SQL of the proposed changes to published events. Their times (created_at, updated_at, reviewed_at) come from the
 * service's clock. Writes take the caller's transaction (which holds the event's row lock).
 */
export class EventRevisionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<EventRevisionEntity[]> {
    return this.dataSource.query(`SELECT ${REVISION_COLUMNS} FROM events.event_revisions v WHERE v.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** The pending revision of many events in one query. */
  pendingOf(eventIds: readonly string[]): Promise<EventRevisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${REVISION_COLUMNS} FROM events.event_revisions v WHERE v.event_id = ANY($1::uuid[]) AND v.status = 'PENDING'`,
      [[...eventIds]],
    );
  }

  /** Every revision of many events in one query, newest first. */
  allOf(eventIds: readonly string[]): Promise<EventRevisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${REVISION_COLUMNS} FROM events.event_revisions v WHERE v.event_id = ANY($1::uuid[]) ORDER BY v.created_at DESC, v.id DESC`,
      [[...eventIds]],
    );
  }

  /** Pending revisions, oldest first, strictly after the cursor; `limit + 1` rows tell whether more follow. */
  toReview(after: { createdAt: Date; id: string } | null, limit: number): Promise<EventRevisionEntity[]> {
    return this.dataSource.query(
      `SELECT ${REVISION_COLUMNS} FROM events.event_revisions v
       WHERE v.status = 'PENDING' AND ($1::timestamptz IS NULL OR (v.created_at, v.id) > ($1::timestamptz, $2::uuid))
       ORDER BY v.created_at, v.id LIMIT $3`,
      [after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
  }

  async countToReview(): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM events.event_revisions WHERE status = 'PENDING'`);
    return rows[0]!.n;
  }

  // --- Inside a transaction holding the event's row lock ------------------------------------------

  async lockPending(manager: Queryable, eventId: string): Promise<EventRevisionEntity | null> {
    const rows: EventRevisionEntity[] = await manager.query(
      `SELECT ${REVISION_COLUMNS} FROM events.event_revisions v WHERE v.event_id = $1 AND v.status = 'PENDING' FOR UPDATE`,
      [eventId],
    );
    return rows[0] ?? null;
  }

  async lock(manager: Queryable, id: string): Promise<EventRevisionEntity | null> {
    const rows: EventRevisionEntity[] = await manager.query(`SELECT ${REVISION_COLUMNS} FROM events.event_revisions v WHERE v.id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async insert(
    manager: Queryable,
    eventId: string,
    authorId: string,
    values: ProposedValues,
    changed: EventRevisionField[],
  ): Promise<EventRevisionEntity> {
    const columns = VALUE_KEYS.map((k) => VALUE_COLUMNS[k]);
    const n = VALUE_KEYS.length;
    const rows: EventRevisionEntity[] = await manager.query(
      `INSERT INTO events.event_revisions AS v (event_id, author_id, changed_fields, ${columns.join(', ')}, created_at, updated_at)
       VALUES ($1, $2, $3::text[], ${VALUE_KEYS.map((_, i) => `$${i + 4}`).join(', ')}, $${n + 4}, $${n + 4})
       RETURNING ${REVISION_COLUMNS}`,
      [eventId, authorId, changed, ...VALUE_KEYS.map((k) => values[k]), this.clock.now()],
    );
    return rows[0]!;
  }

  /** The pending revision replaced by a later edit of its event (by the same member or another organizer). */
  async replace(
    manager: Queryable,
    id: string,
    authorId: string,
    values: ProposedValues,
    changed: EventRevisionField[],
  ): Promise<EventRevisionEntity> {
    const n = VALUE_KEYS.length;
    const rows = rowsOf<EventRevisionEntity>(
      await manager.query(
        `UPDATE events.event_revisions v SET author_id = $2, changed_fields = $3::text[],
           ${VALUE_KEYS.map((k, i) => `${VALUE_COLUMNS[k]} = $${i + 4}`).join(', ')}, updated_at = $${n + 4}
         WHERE v.id = $1 AND v.status = 'PENDING' RETURNING ${REVISION_COLUMNS}`,
        [id, authorId, changed, ...VALUE_KEYS.map((k) => values[k]), this.clock.now()],
      ),
    );
    return rows[0]!;
  }

  /** A pending revision whose every change the member took back: nothing is left to review. */
  async withdraw(manager: Queryable, id: string): Promise<void> {
    await manager.query(`DELETE FROM events.event_revisions WHERE id = $1 AND status = 'PENDING'`, [id]);
  }

  async review(
    manager: Queryable,
    id: string,
    status: Exclude<EventRevisionStatus, 'PENDING'>,
    reviewerId: string | null,
    reason: string | null,
  ): Promise<EventRevisionEntity> {
    const now = this.clock.now();
    const rows = rowsOf<EventRevisionEntity>(
      await manager.query(
        `UPDATE events.event_revisions v SET status = $2, reviewed_by = $3, rejection_reason = $4, reviewed_at = $5, updated_at = $5
         WHERE v.id = $1 AND v.status = 'PENDING' RETURNING ${REVISION_COLUMNS}`,
        [id, status, reviewerId, reason, now],
      ),
    );
    return rows[0]!;
  }
}
