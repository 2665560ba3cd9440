import type { Clock } from '@metropotes/config';
import type { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@metropotes/database';
import { REGISTRATION_COLUMNS, type RegistrationEntity, type RegistrationStatus } from './registration.entity';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * A registration's created_at (when the member registered: it orders the attendees) and updated_at are the
 * platform's time, read from the clock when the statement runs (in the transaction holding the event row lock, so
 * they follow the order of the registrations), as JavaScript milliseconds: they round-trip through cursors exactly.
 * "Upcoming" compares with the clock too, never with the database's now().
 */
export class RegistrationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  findByIds(ids: readonly string[]): Promise<RegistrationEntity[]> {
    return this.dataSource.query(`SELECT ${REGISTRATION_COLUMNS} FROM events.registrations r WHERE r.id = ANY($1::uuid[])`, [[...ids]]);
  }

  /** One member's registrations to many events, in one query. */
  findForMember(memberId: string, eventIds: readonly string[]): Promise<RegistrationEntity[]> {
    return this.dataSource.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM events.registrations r WHERE r.member_id = $1 AND r.event_id = ANY($2::uuid[])`,
      [memberId, [...eventIds]],
    );
  }

  /** Confirmed registrations of an event, by registration time. */
  attendees(eventId: string, after: { createdAt: Date; id: string } | null, limit: number): Promise<RegistrationEntity[]> {
    const params: unknown[] = [eventId];
    let cursor = '';
    if (after) {
      params.push(after.createdAt, after.id);
      cursor = `AND (r.created_at, r.id) > ($2::timestamptz, $3::uuid)`;
    }
    params.push(limit + 1);
    return this.dataSource.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM events.registrations r
       WHERE r.event_id = $1 AND r.status = 'CONFIRMED' ${cursor}
       ORDER BY r.created_at, r.id LIMIT $${params.length}`,
      params,
    );
  }

  /** Waitlisted registrations of an event, by waitlist position. */
  waitlist(eventId: string, afterPosition: number | null, limit: number): Promise<RegistrationEntity[]> {
    const params: unknown[] = [eventId, afterPosition ?? 0, limit + 1];
    return this.dataSource.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM events.registrations r
       WHERE r.event_id = $1 AND r.status = 'WAITLISTED' AND r.waitlist_position > $2
       ORDER BY r.waitlist_position LIMIT $3`,
      params,
    );
  }

  /**
   * One page of active registrations (confirmed or waitlisted) for each of several members (a page of profiles: one
   * statement, not one per member); `upcoming`: events not finished yet at `now` (true) or finished (false). Past
   * ones (false) newest first (event start then id, descending), the others soonest first (ascending): the order
   * people read them in. `limit + 1` rows per member so the caller knows whether there is more.
   */
  async ofMembers(
    memberIds: readonly string[],
    upcoming: boolean | null,
    after: { startsAt: Date; id: string } | null,
    limit: number,
    now: Date,
  ): Promise<(RegistrationEntity & { startsAt: Date })[]> {
    const newestFirst = upcoming === false;
    const direction = newestFirst ? 'DESC' : 'ASC';
    const params: unknown[] = [[...memberIds], limit + 1];
    const clauses = [`r.member_id = ANY($1::uuid[])`, `r.status <> 'CANCELLED'`];
    if (after) {
      params.push(after.startsAt, after.id);
      clauses.push(`(e.starts_at, r.id) ${newestFirst ? '<' : '>'} ($3::timestamptz, $4::uuid)`);
    }
    if (upcoming !== null) {
      params.push(now);
      clauses.push(`e.ends_at ${upcoming ? '>' : '<='} $${params.length}::timestamptz`);
    }
    const rows: (RegistrationEntity & { startsAt: Date; rank: string })[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT ${REGISTRATION_COLUMNS}, e.starts_at AS "startsAt",
                row_number() OVER (PARTITION BY r.member_id ORDER BY e.starts_at ${direction}, r.id ${direction}) AS rank
         FROM events.registrations r JOIN events.events e ON e.id = r.event_id
         WHERE ${clauses.join(' AND ')}
       ) page WHERE rank <= $2 ORDER BY "memberId", rank`,
      params,
    );
    return rows.map(({ rank: _rank, ...row }) => row);
  }

  /**
   * How many active registrations each of several members has (one statement), `upcoming` as in `ofMembers`;
   * members with none are left out.
   */
  countOfMembers(memberIds: readonly string[], upcoming: boolean | null, now: Date): Promise<{ memberId: string; n: number }[]> {
    const extra = upcoming === null ? '' : `AND e.ends_at ${upcoming ? '>' : '<='} $2::timestamptz`;
    return this.dataSource.query(
      `SELECT r.member_id AS "memberId", count(*)::int AS n FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.member_id = ANY($1::uuid[]) AND r.status <> 'CANCELLED' ${extra} GROUP BY r.member_id`,
      upcoming === null ? [[...memberIds]] : [[...memberIds], now],
    );
  }

  /** Events a member has a registration to, in id order (a stable lock order). */
  async eventIdsOfMember(manager: Queryable, memberId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT event_id AS id FROM events.registrations WHERE member_id = $1 ORDER BY event_id`,
      [memberId],
    );
    return rows.map((r) => r.id);
  }

  async delete(manager: Queryable, id: string): Promise<void> {
    await manager.query(`DELETE FROM events.registrations WHERE id = $1`, [id]);
  }

  /** Whatever else names the member: organizer links become null ("ancien membre"), the feed goes. */
  async anonymiseMember(manager: Queryable, memberId: string): Promise<void> {
    await manager.query(`UPDATE events.events SET organizer_id = NULL WHERE organizer_id = $1`, [memberId]);
    await manager.query(`UPDATE events.event_series SET organizer_id = NULL WHERE organizer_id = $1`, [memberId]);
    // Changes they proposed to their events, or reviewed as staff, keep no link to them (modules/revisions).
    await manager.query(`UPDATE events.event_revisions SET author_id = NULL WHERE author_id = $1`, [memberId]);
    await manager.query(`UPDATE events.event_revisions SET reviewed_by = NULL WHERE reviewed_by = $1`, [memberId]);
    // Messages they wrote to attendees stay (the attendees got them), without their author (modules/event-messages).
    await manager.query(`UPDATE events.event_messages SET author_id = NULL WHERE author_id = $1`, [memberId]);
    await manager.query(`DELETE FROM events.calendar_feeds WHERE member_id = $1`, [memberId]);
  }

  // --- Inside a transaction holding the event row lock ---------------------------------------------

  async findOne(manager: Queryable, eventId: string, memberId: string): Promise<RegistrationEntity | null> {
    const rows: RegistrationEntity[] = await manager.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM events.registrations r WHERE r.event_id = $1 AND r.member_id = $2`,
      [eventId, memberId],
    );
    return rows[0] ?? null;
  }

  /** Creates the member's registration, or reuses their cancelled one. */
  async upsert(
    manager: Queryable,
    eventId: string,
    memberId: string,
    status: RegistrationStatus,
    waitlistPosition: number | null,
  ): Promise<RegistrationEntity> {
    const rows: RegistrationEntity[] = await manager.query(
      `INSERT INTO events.registrations AS r (event_id, member_id, status, waitlist_position, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz)
       ON CONFLICT (event_id, member_id) DO UPDATE
         SET status = EXCLUDED.status, waitlist_position = EXCLUDED.waitlist_position,
             created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
       RETURNING ${REGISTRATION_COLUMNS}`,
      [eventId, memberId, status, waitlistPosition, this.clock.now()],
    );
    return rows[0]!;
  }

  /** Turns the reminders of one registration on or off. */
  async setReminders(manager: Queryable, id: string, enabled: boolean): Promise<RegistrationEntity> {
    const rows = rowsOf<RegistrationEntity>(
      await manager.query(
        `UPDATE events.registrations r SET reminders_enabled = $2, updated_at = $3::timestamptz
         WHERE r.id = $1 RETURNING ${REGISTRATION_COLUMNS}`,
        [id, enabled, this.clock.now()],
      ),
    );
    return rows[0]!;
  }

  async cancel(manager: Queryable, id: string): Promise<RegistrationEntity> {
    const rows = rowsOf<RegistrationEntity>(
      await manager.query(
        `UPDATE events.registrations r SET status = 'CANCELLED', waitlist_position = NULL, updated_at = $2::timestamptz
         WHERE r.id = $1 RETURNING ${REGISTRATION_COLUMNS}`,
        [id, this.clock.now()],
      ),
    );
    return rows[0]!;
  }

  /** Closes the gap a waitlisted registration left behind it. */
  async closeWaitlistGap(manager: Queryable, eventId: string, position: number): Promise<void> {
    await manager.query(
      `UPDATE events.registrations SET waitlist_position = waitlist_position - 1
       WHERE event_id = $1 AND status = 'WAITLISTED' AND waitlist_position > $2`,
      [eventId, position],
    );
  }

  /**
   * Confirms the first `count` people of the waitlist, in order, and moves the others up. Returns who was promoted,
   * each with the number of this promotion (`promotions`, counted up).
   */
  async promote(manager: Queryable, eventId: string, count: number): Promise<RegistrationEntity[]> {
    if (count <= 0) return [];
    const promoted = rowsOf<RegistrationEntity>(
      await manager.query(
        `UPDATE events.registrations r SET status = 'CONFIRMED', waitlist_position = NULL, promotions = r.promotions + 1, updated_at = $3::timestamptz
         WHERE r.event_id = $1 AND r.status = 'WAITLISTED' AND r.waitlist_position <= $2
         RETURNING ${REGISTRATION_COLUMNS}`,
        [eventId, count, this.clock.now()],
      ),
    );
    if (promoted.length) {
      await manager.query(
        `UPDATE events.registrations SET waitlist_position = waitlist_position - $2
         WHERE event_id = $1 AND status = 'WAITLISTED'`,
        [eventId, promoted.length],
      );
    }
    return promoted;
  }

  /** Recounts the event's confirmed and waitlisted registrations into its row. */
  async syncCounts(manager: Queryable, eventId: string): Promise<{ confirmed: number; waitlisted: number }> {
    const rows = rowsOf<{ confirmed: number; waitlisted: number }>(
      await manager.query(
        `UPDATE events.events e SET
           confirmed_count = (SELECT count(*) FROM events.registrations WHERE event_id = $1 AND status = 'CONFIRMED'),
           waitlist_count = (SELECT count(*) FROM events.registrations WHERE event_id = $1 AND status = 'WAITLISTED')
         WHERE e.id = $1 RETURNING e.confirmed_count AS confirmed, e.waitlist_count AS waitlisted`,
        [eventId],
      ),
    );
    return rows[0]!;
  }
}
