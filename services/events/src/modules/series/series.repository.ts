import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@metropotes/database';
import { EVENT_COLUMNS, type EventEntity } from '../events';
import { SERIES_COLUMNS, type EventSeriesEntity, type SeriesWrite } from './series.entity';

type Queryable = Pick<EntityManager, 'query'>;

const COLUMN_OF: Record<keyof SeriesWrite, string> = {
  title: 'title',
  description: 'description',
  kind: 'kind',
  rrule: 'rrule',
  startsOn: 'starts_on',
  startTime: 'start_time',
  durationMinutes: 'duration_minutes',
  venueName: 'venue_name',
  venueAddress: 'venue_address',
  communeCode: 'commune_code',
  latitude: 'latitude',
  longitude: 'longitude',
  onlineUrl: 'online_url',
  capacity: 'capacity',
  themes: 'themes',
  reminderOffsetsHours: 'reminder_offsets_hours',
  organizerId: 'organizer_id',
};

/** SQL of the series table. Rows record the clock's time when written (created_at, updated_at), never the database's. */
export class SeriesRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<EventSeriesEntity[]> {
    return this.dataSource.query(`SELECT ${SERIES_COLUMNS} FROM events.event_series s WHERE s.id = ANY($1::uuid[])`, [[...ids]]);
  }

  async allIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM events.event_series ORDER BY id`);
    return rows.map((r) => r.id);
  }

  async insert(manager: Queryable, values: SeriesWrite): Promise<EventSeriesEntity> {
    const keys = Object.keys(values) as (keyof SeriesWrite)[];
    const now = keys.length + 1;
    const rows: EventSeriesEntity[] = await manager.query(
      `INSERT INTO events.event_series AS s (${keys.map((k) => COLUMN_OF[k]).join(', ')}, created_at, updated_at)
       VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')}, $${now}::timestamptz, $${now}::timestamptz) RETURNING ${SERIES_COLUMNS}`,
      [...keys.map((k) => values[k]), this.clock.now()],
    );
    return rows[0]!;
  }

  async lock(manager: Queryable, id: string): Promise<EventSeriesEntity | null> {
    const rows: EventSeriesEntity[] = await manager.query(`SELECT ${SERIES_COLUMNS} FROM events.event_series s WHERE s.id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async update(manager: Queryable, id: string, values: SeriesWrite): Promise<EventSeriesEntity> {
    const keys = Object.keys(values) as (keyof SeriesWrite)[];
    const rows = rowsOf<EventSeriesEntity>(
      await manager.query(
        `UPDATE events.event_series s SET ${keys.map((k, i) => `${COLUMN_OF[k]} = $${i + 2}`).join(', ')}, updated_at = $${keys.length + 2}::timestamptz
         WHERE s.id = $1 RETURNING ${SERIES_COLUMNS}`,
        [id, ...keys.map((k) => values[k]), this.clock.now()],
      ),
    );
    return rows[0]!;
  }

  /** Every occurrence date the series has ever had (moved, cancelled and detached ones included). */
  async takenDates(manager: Queryable, seriesId: string): Promise<Set<string>> {
    const rows: { d: string }[] = await manager.query(
      `SELECT to_char(series_date, 'YYYY-MM-DD') AS d FROM events.events WHERE series_id = $1 AND series_date IS NOT NULL`,
      [seriesId],
    );
    return new Set(rows.map((r) => r.d));
  }

  /** Occurrences starting after `now` still following the series (not edited by hand, not cancelled), locked. */
  async lockFollowers(manager: Queryable, seriesId: string, now: Date): Promise<EventEntity[]> {
    return manager.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       WHERE e.series_id = $1 AND NOT e.detached_from_series AND e.status <> 'CANCELLED' AND e.starts_at > $2::timestamptz
       ORDER BY e.starts_at, e.id FOR UPDATE`,
      [seriesId, now],
    );
  }

  async deleteEvent(manager: Queryable, id: string): Promise<void> {
    await manager.query(`DELETE FROM events.events WHERE id = $1`, [id]);
  }
}
