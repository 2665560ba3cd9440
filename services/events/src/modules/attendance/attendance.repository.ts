import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_COLUMNS, type EventEntity } from '../events';
import { REGISTRATION_COLUMNS, type AttendanceStatus, type RegistrationEntity } from '../registrations';

type Queryable = Pick<EntityManager, 'query'>;

/** Attendance rows: registrations' `attendance`, `events.event_attendance`, `events.check_in_failures`. */
export class AttendanceRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Attended (PRESENT) and no-show (ABSENT) counts of several events, in one statement; events with none left out. */
  counts(eventIds: readonly string[]): Promise<{ eventId: string; present: number; absent: number }[]> {
    return this.dataSource.query(
      `SELECT event_id AS "eventId", count(*) FILTER (WHERE attendance = 'PRESENT')::int AS present,
              count(*) FILTER (WHERE attendance = 'ABSENT')::int AS absent
       FROM events.registrations WHERE event_id = ANY($1::uuid[]) AND attendance IS NOT NULL GROUP BY event_id`,
      [[...eventIds]],
    );
  }

  /** The walk-in counts of several events (rows only for events that have one). */
  walkInCounts(eventIds: readonly string[]): Promise<{ eventId: string; walkInCount: number | null }[]> {
    return this.dataSource.query(
      `SELECT event_id AS "eventId", walk_in_count AS "walkInCount" FROM events.event_attendance WHERE event_id = ANY($1::uuid[])`,
      [[...eventIds]],
    );
  }

  /** The event's check-in code, stored with `proposed` the first time it is asked for (concurrent askers get the same). */
  async checkInCode(eventId: string, proposed: string): Promise<string> {
    const rows: { code: string }[] = await this.dataSource.query(
      `INSERT INTO events.event_attendance AS a (event_id, check_in_code) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET check_in_code = COALESCE(a.check_in_code, EXCLUDED.check_in_code)
       RETURNING a.check_in_code AS code`,
      [eventId, proposed],
    );
    return rows[0]!.code;
  }

  /** Registrations of one event for the given members. */
  findForEvent(manager: Queryable, eventId: string, memberIds: readonly string[]): Promise<RegistrationEntity[]> {
    return manager.query(`SELECT ${REGISTRATION_COLUMNS} FROM events.registrations r WHERE r.event_id = $1 AND r.member_id = ANY($2::uuid[])`, [
      eventId,
      [...memberIds],
    ]);
  }

  // --- Inside a transaction holding the event row lock ---------------------------------------------

  async setAttendance(manager: Queryable, eventId: string, entries: readonly { memberId: string; status: AttendanceStatus }[]): Promise<void> {
    if (!entries.length) return;
    await manager.query(
      `UPDATE events.registrations r SET attendance = e.status, updated_at = $4::timestamptz
       FROM unnest($2::uuid[], $3::text[]) AS e(member_id, status)
       WHERE r.event_id = $1 AND r.member_id = e.member_id`,
      [eventId, entries.map((e) => e.memberId), entries.map((e) => e.status), this.clock.now()],
    );
  }

  /**
   * Registrations for members who came without one: confirmed (the event has started: no waitlist is concerned),
   * marked PRESENT and `walk_in`. A registration that appeared meanwhile is only marked PRESENT.
   */
  async insertWalkIns(manager: Queryable, eventId: string, memberIds: readonly string[]): Promise<RegistrationEntity[]> {
    if (!memberIds.length) return [];
    return manager.query(
      `INSERT INTO events.registrations AS r (event_id, member_id, status, attendance, walk_in, created_at, updated_at)
       SELECT $1, m, 'CONFIRMED', 'PRESENT', true, $3::timestamptz, $3::timestamptz FROM unnest($2::uuid[]) AS m
       ON CONFLICT (event_id, member_id) DO UPDATE SET attendance = 'PRESENT', updated_at = EXCLUDED.updated_at
       RETURNING ${REGISTRATION_COLUMNS}`,
      [eventId, [...memberIds], this.clock.now()],
    );
  }

  async setWalkInCount(manager: Queryable, eventId: string, count: number | null): Promise<void> {
    await manager.query(
      `INSERT INTO events.event_attendance AS a (event_id, walk_in_count) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET walk_in_count = EXCLUDED.walk_in_count`,
      [eventId, count],
    );
  }

  // --- Check-in rate limit --------------------------------------------------------------------------

  /** Records a wrong code, and forgets the member's ones older than `keepSince` (of no use to the limit). */
  async recordFailure(memberId: string, eventId: string, keepSince: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM events.check_in_failures WHERE member_id = $1 AND at < $2::timestamptz`, [memberId, keepSince]);
    await this.dataSource.query(`INSERT INTO events.check_in_failures (member_id, event_id, at) VALUES ($1, $2, $3::timestamptz)`, [
      memberId,
      eventId,
      this.clock.now(),
    ]);
  }

  /** The member's wrong codes since `since`: how many, and the oldest (when the window frees a try). */
  async failuresSince(memberId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
    const rows: { count: number; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count, min(at) AS oldest FROM events.check_in_failures WHERE member_id = $1 AND at > $2::timestamptz`,
      [memberId, since],
    );
    return rows[0]!;
  }

  async eraseMember(manager: Queryable, memberId: string): Promise<void> {
    await manager.query(`DELETE FROM events.check_in_failures WHERE member_id = $1`, [memberId]);
  }

  // --- Member.attendedEvents -------------------------------------------------------------------------

  /** Events the member was marked PRESENT at, latest first; `publicOnly`: published or cancelled, not hidden. */
  attendedEvents(memberId: string, publicOnly: boolean, after: { startsAt: Date; id: string } | null, limit: number): Promise<EventEntity[]> {
    const params: unknown[] = [memberId, limit + 1];
    const clauses = [`r.member_id = $1`, `r.attendance = 'PRESENT'`];
    if (publicOnly) clauses.push(`e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE'`);
    if (after) {
      params.push(after.startsAt, after.id);
      clauses.push(`(e.starts_at, e.id) < ($3::timestamptz, $4::uuid)`);
    }
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE ${clauses.join(' AND ')} ORDER BY e.starts_at DESC, e.id DESC LIMIT $2`,
      params,
    );
  }

  async countAttendedEvents(memberId: string, publicOnly: boolean): Promise<number> {
    const extra = publicOnly ? `AND e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE'` : '';
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.member_id = $1 AND r.attendance = 'PRESENT' ${extra}`,
      [memberId],
    );
    return rows[0]!.n;
  }
}
