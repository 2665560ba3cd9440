import type { DataSource } from 'typeorm';

/** SQL of the events service's part of a member's data export (everything events holds about the member). */
export class DataExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ofMember(memberId: string): Promise<Record<string, unknown>> {
    const q = <T = Record<string, unknown>>(sql: string): Promise<T[]> => this.dataSource.query(sql, [memberId]);
    const [
      registrations,
      organizedEvents,
      organizedSeries,
      proposedChanges,
      skillsGained,
      checkInFailures,
      calendarFeed,
      certificates,
      messagesWritten,
    ] = await Promise.all([
      q(`SELECT r.id, r.event_id AS "eventId", e.title AS "eventTitle", e.starts_at AS "eventStartsAt", r.status, r.waitlist_position AS "waitlistPosition",
                r.attendance, r.walk_in AS "walkIn", r.reminders_enabled AS "remindersEnabled", r.promotions, r.created_at AS "createdAt", r.updated_at AS "updatedAt"
         FROM events.registrations r JOIN events.events e ON e.id = r.event_id WHERE r.member_id = $1 ORDER BY r.created_at, r.id`),
      q(`SELECT id, title, kind, status, starts_at AS "startsAt", ends_at AS "endsAt", series_id AS "seriesId", created_at AS "createdAt"
         FROM events.events WHERE organizer_id = $1 ORDER BY created_at, id`),
      q(`SELECT id, title, kind, rrule, created_at AS "createdAt" FROM events.event_series WHERE organizer_id = $1 ORDER BY created_at, id`),
      q(`SELECT id, event_id AS "eventId", status, changed_fields AS "changedFields", title, starts_at AS "startsAt", ends_at AS "endsAt",
                rejection_reason AS "rejectionReason", created_at AS "createdAt", reviewed_at AS "reviewedAt"
         FROM events.event_revisions WHERE author_id = $1 ORDER BY created_at, id`),
      q(`SELECT s.id, s.name, min(e.starts_at) AS "firstGainedAt", count(DISTINCT e.id)::int AS "events"
         FROM events.registrations r JOIN events.events e ON e.id = r.event_id JOIN events.skills s ON s.id = ANY (e.skill_ids)
         WHERE r.member_id = $1 AND r.attendance = 'PRESENT' GROUP BY s.id, s.name ORDER BY min(e.starts_at), s.name`),
      q(`SELECT event_id AS "eventId", at FROM events.check_in_failures WHERE member_id = $1 ORDER BY at, id`),
      q(`SELECT created_at AS "createdAt", version FROM events.calendar_feeds WHERE member_id = $1`),
      q(`SELECT code, issued_at AS "issuedAt", content FROM events.participation_certificates WHERE member_id = $1 ORDER BY issued_at, id`),
      q(`SELECT id, event_id AS "eventId", subject, body, moderation_state AS "moderationState", created_at AS "createdAt"
         FROM events.event_messages WHERE author_id = $1 ORDER BY created_at, id`),
    ]);
    return {
      service: 'events',
      registrations,
      checkIns: {
        present: (registrations as { attendance: string | null; eventId: string }[]).filter((r) => r.attendance === 'PRESENT').map((r) => r.eventId),
        wrongCodes: checkInFailures,
      },
      organizedEvents,
      organizedSeries,
      proposedChanges,
      skillsGained,
      calendarFeed: calendarFeed[0] ?? null,
      participationCertificates: certificates,
      messagesWritten,
    };
  }
}
