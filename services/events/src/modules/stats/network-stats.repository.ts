import type { DataSource } from 'typeorm';
import type { EventKind } from '../events';

export interface MemberKindParticipations {
  memberId: string;
  kind: EventKind;
  participations: number;
  walkIns: number;
}

export interface KindEvents {
  kind: EventKind;
  events: number;
  walkInNonMembers: number;
}

/**
 * The SQL of `networkStats` (issue #19): a fixed number of statements whatever the number of members or events.
 * "Came" is a registration marked PRESENT: marks exist only where marking was open (published events, from their
 * start), so every mark counts.
 */
export class NetworkStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** PRESENT marks of events starting in [start, end), per member and kind of event, in one statement. */
  participations(start: Date, end: Date): Promise<MemberKindParticipations[]> {
    return this.dataSource.query(
      `SELECT r.member_id AS "memberId", e.kind, count(*)::int AS participations, count(*) FILTER (WHERE r.walk_in)::int AS "walkIns"
       FROM events.events e JOIN events.registrations r ON r.event_id = e.id
       WHERE e.starts_at >= $1 AND e.starts_at < $2 AND r.attendance = 'PRESENT'
       GROUP BY r.member_id, e.kind`,
      [start, end],
    );
  }

  /** Published events that started in [start, end) before `now`, per kind, with the non-members counted at their door. */
  eventsHeld(start: Date, end: Date, now: Date): Promise<KindEvents[]> {
    return this.dataSource.query(
      `SELECT e.kind, count(*)::int AS events, coalesce(sum(a.walk_in_count), 0)::int AS "walkInNonMembers"
       FROM events.events e LEFT JOIN events.event_attendance a ON a.event_id = e.id
       WHERE e.starts_at >= $1 AND e.starts_at < least($2::timestamptz, $3::timestamptz) AND e.status = 'PUBLISHED'
       GROUP BY e.kind`,
      [start, end, now],
    );
  }

  /** The start of the first event each of these members was marked PRESENT at (members who never came left out). */
  firstParticipations(memberIds: readonly string[]): Promise<{ memberId: string; firstAt: Date }[]> {
    if (!memberIds.length) return Promise.resolve([]);
    return this.dataSource.query(
      `SELECT r.member_id AS "memberId", min(e.starts_at) AS "firstAt"
       FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.member_id = ANY($1::uuid[]) AND r.attendance = 'PRESENT'
       GROUP BY r.member_id`,
      [[...memberIds]],
    );
  }
}
