import type { DataSource } from 'typeorm';
import { EVENT_COLUMNS, type EventEntity } from '../events';

/** Events a member may be seen at by anyone: published or cancelled, not hidden (as Member.attendedEvents). */
const PUBLIC_EVENT = `e.status IN ('PUBLISHED', 'CANCELLED') AND e.moderation_state = 'VISIBLE'`;

/** The kinds of event that develop skills (skill.service KINDS_WITH_SKILLS). */
const TRAINING_KINDS = `e.kind IN ('ATELIER', 'FORMATION')`;

/**
 * The training path (issue #19), read from registrations marked PRESENT × the skills their events declare: no table of
 * its own, so it cannot drift from attendance.
 */
export class TrainingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** FORMATION and ATELIER events the member was marked PRESENT at, oldest first. */
  attendedTrainings(memberId: string, publicOnly: boolean): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.member_id = $1 AND r.attendance = 'PRESENT' AND ${TRAINING_KINDS} ${publicOnly ? `AND ${PUBLIC_EVENT}` : ''}
       ORDER BY e.starts_at, e.id`,
      [memberId],
    );
  }

  /**
   * Each skill the member gained, once, with the first event (by start) that gave it; in the order gained, then in the
   * order the event lists its skills.
   */
  gainedSkills(memberId: string, publicOnly: boolean): Promise<(EventEntity & { skillId: string })[]> {
    return this.dataSource.query(
      `SELECT g.skill_id AS "skillId", ${EVENT_COLUMNS}
       FROM (SELECT DISTINCT ON (s.skill_id) s.skill_id, s.pos, e.id AS event_id, e.starts_at
             FROM events.registrations r JOIN events.events e ON e.id = r.event_id
             CROSS JOIN LATERAL unnest(e.skill_ids) WITH ORDINALITY AS s(skill_id, pos)
             WHERE r.member_id = $1 AND r.attendance = 'PRESENT' AND ${TRAINING_KINDS} ${publicOnly ? `AND ${PUBLIC_EVENT}` : ''}
             ORDER BY s.skill_id, e.starts_at, e.id) g
       JOIN events.events e ON e.id = g.event_id
       ORDER BY g.starts_at, g.event_id, g.pos`,
      [memberId],
    );
  }

  /**
   * Published, visible ateliers and formations starting after `now` that develop a skill not in `gainedSkillIds`, the
   * member not registered for them (cancelled registrations aside); soonest first.
   */
  suggestions(memberId: string, gainedSkillIds: readonly string[], now: Date, limit: number): Promise<EventEntity[]> {
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events.events e
       WHERE e.status = 'PUBLISHED' AND e.moderation_state = 'VISIBLE' AND ${TRAINING_KINDS} AND e.starts_at > $2::timestamptz
         AND EXISTS (SELECT 1 FROM unnest(e.skill_ids) AS s(skill_id) WHERE s.skill_id <> ALL($3::uuid[]))
         AND NOT EXISTS (SELECT 1 FROM events.registrations r WHERE r.event_id = e.id AND r.member_id = $1 AND r.status <> 'CANCELLED')
       ORDER BY e.starts_at, e.id LIMIT $4`,
      [memberId, now, [...gainedSkillIds], limit],
    );
  }
}
