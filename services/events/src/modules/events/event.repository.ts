import { MAX_EVENT_DAYS } from './event.validation';
import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@metropotes/database';
import { EVENT_COLUMNS, WRITE_COLUMNS, type EventEntity, type EventKind, type EventStatus, type EventWrite } from './event.entity';

export interface AgendaQuery {
  /** Null: any status (staff). */
  statuses: EventStatus[] | null;
  from: Date | null;
  to: Date | null;
  kinds: EventKind[] | null;
  communeCodes: string[] | null;
  themes: string[] | null;
  search: string | null;
  seriesId?: string | null;
  /** Leave out events hidden by moderation (everyone but staff). */
  visibleOnly?: boolean;
  after: { startsAt: Date; id: string } | null;
  limit: number;
}

type Queryable = Pick<EntityManager, 'query'>;

/**
 * SQL of the events table. Reads go through the data source; writes take the caller's transaction manager.
 * "Now" is never the database's: windows take the caller's instant, and rows record the clock's time
 * (created_at, updated_at) when they are written.
 */
export class EventRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async findByIds(ids: readonly string[]): Promise<EventEntity[]> {
    return this.dataSource.query(`SELECT ${EVENT_COLUMNS} FROM events.events e WHERE e.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** Events of many organizers in one query, by start. */
  async findByOrganizers(organizerIds: readonly string[]): Promise<EventEntity[]> {
    return this.dataSource.query(`SELECT ${EVENT_COLUMNS} FROM events.events e WHERE e.organizer_id = ANY($1::uuid[]) ORDER BY e.starts_at, e.id`, [
      [...organizerIds],
    ]);
  }

  /** The events of many groups not finished at `now`, by start (statuses null: any), at most `limit` per group. */
  async upcomingByGroups(groupIds: readonly string[], limit: number, now: Date, statuses: EventStatus[] | null): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT ${EVENT_COLUMNS}, row_number() OVER (PARTITION BY e.group_id ORDER BY e.starts_at, e.id) AS rank
         FROM events.events e
         WHERE e.group_id = ANY($1::uuid[]) AND e.ends_at > $3::timestamptz
           AND ($4::text[] IS NULL OR (e.status = ANY($4::text[]) AND e.moderation_state = 'VISIBLE'))
       ) ranked WHERE rank <= $2 ORDER BY "startsAt", id`,
      [[...groupIds], limit, now, statuses],
    );
  }

  /** The next published events of many communes in one query (not finished at `now`): at most `limit` per commune. */
  async upcomingByCommunes(codes: readonly string[], limit: number, now: Date): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT ${EVENT_COLUMNS}, row_number() OVER (PARTITION BY e.commune_code ORDER BY e.starts_at, e.id) AS rank
         FROM events.events e
         WHERE e.commune_code = ANY($1::text[]) AND e.status = 'PUBLISHED' AND e.moderation_state = 'VISIBLE' AND e.ends_at > $3::timestamptz
       ) ranked WHERE rank <= $2 ORDER BY "startsAt", id`,
      [[...codes], limit, now],
    );
  }

  private agendaWhere(q: Omit<AgendaQuery, 'after' | 'limit'>): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const clauses: string[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.statuses) clauses.push(`e.status = ANY(${p(q.statuses)}::text[])`);
    if (q.visibleOnly) clauses.push(`e.moderation_state = 'VISIBLE'`);
    if (q.from) {
      // Same rows as `ends_at > from` alone (events last at most MAX_EVENT_DAYS), but the start-time index applies.
      const from = p(q.from);
      clauses.push(`e.ends_at > ${from}`, `e.starts_at > ${from}::timestamptz - interval '${MAX_EVENT_DAYS} days'`);
    }
    if (q.to) clauses.push(`e.starts_at < ${p(q.to)}`);
    if (q.kinds) clauses.push(`e.kind = ANY(${p(q.kinds)}::text[])`);
    if (q.communeCodes) clauses.push(`e.commune_code = ANY(${p(q.communeCodes)}::text[])`);
    if (q.themes) clauses.push(`e.themes && ${p(q.themes)}::text[]`);
    if (q.seriesId) clauses.push(`e.series_id = ${p(q.seriesId)}::uuid`);
    if (q.search) clauses.push(`e.search @@ websearch_to_tsquery('french', ${p(q.search)})`);
    return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** One page of the agenda, ordered by (starts_at, id); `limit + 1` rows tell whether more follow. */
  async agenda(q: AgendaQuery): Promise<EventEntity[]> {
    const { where, params } = this.agendaWhere(q);
    let sql = `SELECT ${EVENT_COLUMNS} FROM events.events e ${where}`;
    if (q.after) {
      params.push(q.after.startsAt, q.after.id);
      sql += `${where ? ' AND' : ' WHERE'} (e.starts_at, e.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(q.limit + 1);
    sql += ` ORDER BY e.starts_at, e.id LIMIT $${params.length}`;
    return this.dataSource.query(sql, params);
  }

  async countAgenda(q: Omit<AgendaQuery, 'after' | 'limit'>): Promise<number> {
    const { where, params } = this.agendaWhere(q);
    const rows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM events.events e ${where}`, params);
    return rows[0]!.n;
  }

  /**
   * The occurrence of a series just before or just after (starts_at, id) — finished or not —, among `statuses`
   * (null: any) and, with `visibleOnly`, not hidden by moderation.
   */
  async seriesNeighbour(
    seriesId: string,
    from: { startsAt: Date; id: string },
    direction: 'previous' | 'next',
    statuses: EventStatus[] | null,
    visibleOnly: boolean,
  ): Promise<EventEntity | null> {
    const [compare, order] = direction === 'previous' ? ['<', 'DESC'] : ['>', 'ASC'];
    const rows: EventEntity[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       WHERE e.series_id = $1::uuid AND (e.starts_at, e.id) ${compare} ($2::timestamptz, $3::uuid)
         AND ($4::text[] IS NULL OR e.status = ANY($4::text[])) AND (NOT $5::boolean OR e.moderation_state = 'VISIBLE')
       ORDER BY e.starts_at ${order}, e.id ${order} LIMIT 1`,
      [seriesId, from.startsAt, from.id, statuses, visibleOnly],
    );
    return rows[0] ?? null;
  }

  /** Locks the event row until the end of the transaction (registrations, capacity changes). */
  async lock(manager: Queryable, id: string): Promise<EventEntity | null> {
    const rows: EventEntity[] = await manager.query(`SELECT ${EVENT_COLUMNS} FROM events.events e WHERE e.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  /** Inserts an event; created_at and updated_at are the clock's now. */
  async insert(manager: Queryable, values: EventWrite): Promise<EventEntity> {
    const keys = Object.keys(values) as (keyof EventWrite)[];
    const columns = keys.map((k) => WRITE_COLUMNS[k]);
    const now = keys.length + 1;
    const rows: EventEntity[] = await manager.query(
      `INSERT INTO events.events AS e (${columns.join(', ')}, created_at, updated_at)
       VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${now}::timestamptz, $${now}::timestamptz)
       RETURNING ${EVENT_COLUMNS}`,
      [...keys.map((k) => values[k]), this.clock.now()],
    );
    return rows[0]!;
  }

  /**
   * Updates the given columns (and updated_at, to the clock's now); extra raw assignments may be added
   * (`detached_from_series = true`).
   */
  async update(
    manager: Queryable,
    id: string,
    values: Partial<EventWrite> & { cancellationReason?: string | null; rejectionReason?: string | null },
    extra: string[] = [],
  ): Promise<EventEntity> {
    const columns: Record<string, string> = { ...WRITE_COLUMNS, cancellationReason: 'cancellation_reason', rejectionReason: 'rejection_reason' };
    const keys = Object.keys(values).filter((k) => (values as Record<string, unknown>)[k] !== undefined);
    const sets = keys.map((k, i) => `${columns[k]} = $${i + 2}`);
    const updatedAt = `updated_at = $${keys.length + 2}::timestamptz`;
    const rows = rowsOf<EventEntity>(
      await manager.query(`UPDATE events.events e SET ${[...sets, ...extra, updatedAt].join(', ')} WHERE e.id = $1 RETURNING ${EVENT_COLUMNS}`, [
        id,
        ...keys.map((k) => (values as Record<string, unknown>)[k]),
        this.clock.now(),
      ]),
    );
    return rows[0]!;
  }
}
