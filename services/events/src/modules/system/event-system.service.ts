import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { badInput, decodeCursor, encodeCursor, isUuid, requireSystem } from '@metropotes/graphql-kit';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { noticedFields, type EventEntity, type NoticedFields } from '../events';

export interface SystemConfirmedRegistration {
  registrationId: string;
  eventId: string;
  memberId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  onlineUrl: string | null;
  /** Hours before the start when the event's attendees get a reminder (largest first; empty: none). */
  reminderOffsetsHours: number[];
  /** The event's iCalendar SEQUENCE. */
  calendarSequence: number;
  /** The member's reminders for this registration (`setRegistrationReminders`). */
  remindersEnabled: boolean;
  /** Opaque keyset cursor of this row, (starts_at to the microsecond, registration id): `after` reads the rows past it. */
  cursor: string;
}

export interface SystemDigestRegistration {
  eventId: string;
  title: string;
  startsAt: Date;
  status: 'CONFIRMED' | 'WAITLISTED';
  venueName: string | null;
  onlineUrl: string | null;
}

/** Registrations « Mon agenda » lists at most per member. */
const DIGEST_REGISTRATIONS = 20;

/** Rows a request answers at most (and by default). */
export const MAX_ROWS = 5000;

/** `first`: default and at most MAX_ROWS, at least 1. */
function rowLimit(first: number | null | undefined): number {
  if (first === null || first === undefined) return MAX_ROWS;
  if (!Number.isInteger(first) || first < 1 || first > MAX_ROWS) {
    throw badInput(`Le nombre de lignes demandées doit être compris entre 1 et ${MAX_ROWS}.`, 'first');
  }
  return first;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A UTC instant as the cursor writes it, and a real one (no 30 February, which Postgres would refuse). */
function validInstant(text: string): boolean {
  if (!ISO_INSTANT.test(text)) return false;
  const time = Date.parse(text);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
}

/** `after` decoded to (starts_at as ISO text, registration id); BAD_USER_INPUT on `after` when it is not one of ours. */
function afterKey(after: string | null | undefined): { startsAt: string; registrationId: string } | null {
  if (after === null || after === undefined) return null;
  let values: unknown[] | null = null;
  try {
    values = decodeCursor(after, 2);
  } catch {
    // not base64url JSON of two values: refused below, with the message naming `after`
  }
  const [startsAt, registrationId] = values ?? [];
  if (typeof startsAt !== 'string' || !validInstant(startsAt) || typeof registrationId !== 'string' || !isUuid(registrationId)) {
    throw badInput("Le curseur de pagination (after) n'est pas valide.", 'after');
  }
  return { startsAt, registrationId };
}

/** The arguments of `systemConfirmedRegistrations`. */
export interface ConfirmedRegistrationsArgs {
  startsFrom: Date;
  startsBefore: Date;
  eventId?: string | null;
  memberIds?: string[] | null;
  first?: number | null;
  after?: string | null;
}

/**
 * Queries for the platform's workers only (system token): reminders read the registrations due — of public events only
 * (published, not hidden by moderation): a reminder e-mails the event's title and place.
 */
export class EventSystemService {
  /** One loader per window (the members of a digest batch all ask the same one). */
  private readonly agendaLoaders = new Map<string, DataLoader<string, SystemDigestRegistration[]>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
  ) {}

  /** A digest member's upcoming registrations (« Mon agenda »): one query for every member of the request. */
  async digestRegistrations(memberId: string, from: Date, before: Date): Promise<SystemDigestRegistration[]> {
    requireSystem(this.viewer);
    const key = `${from.toISOString()}|${before.toISOString()}`;
    let loader = this.agendaLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(
        async (ids: readonly string[]) => {
          const rows: (SystemDigestRegistration & { memberId: string })[] = await this.dataSource.query(
            `SELECT * FROM (
             SELECT r.member_id AS "memberId", e.id AS "eventId", e.title, e.starts_at AS "startsAt", r.status,
                    e.venue_name AS "venueName", e.online_url AS "onlineUrl",
                    row_number() OVER (PARTITION BY r.member_id ORDER BY e.starts_at, e.id) AS rank
             FROM events.registrations r JOIN events.events e ON e.id = r.event_id
             WHERE r.member_id = ANY($1::uuid[]) AND r.status IN ('CONFIRMED', 'WAITLISTED')
               AND e.status = 'PUBLISHED' AND e.moderation_state = 'VISIBLE' AND e.starts_at >= $2 AND e.starts_at < $3
           ) ranked WHERE rank <= $4 ORDER BY "startsAt", "eventId"`,
            [ids.filter(isUuid), from, before, DIGEST_REGISTRATIONS],
          );
          return ids.map((id) => rows.filter((r) => r.memberId === id));
        },
        { maxBatchSize: 1000 },
      );
      this.agendaLoaders.set(key, loader);
    }
    return loader.load(memberId);
  }

  /** The event's pending change notice with the event as it is now and who is to be told; null when none is pending. */
  async changeNotice(eventId: string): Promise<SystemEventChangeNotice | null> {
    requireSystem(this.viewer);
    if (!isUuid(eventId)) return null;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT n.id, n.before, n.first_change_at, n.due_at, e.id AS event_id, e.title, e.status, e.moderation_state,
              e.starts_at, e.ends_at, e.venue_name, e.venue_address, e.commune_code, e.online_url, e.calendar_sequence,
              ARRAY(SELECT r.member_id FROM events.registrations r
                    WHERE r.event_id = e.id AND r.status IN ('CONFIRMED', 'WAITLISTED') ORDER BY r.created_at, r.id LIMIT ${MAX_ROWS}) AS member_ids
       FROM events.event_change_notices n JOIN events.events e ON e.id = n.event_id
       WHERE n.event_id = $1 AND n.sent_at IS NULL`,
      [eventId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      noticeId: row.id as string,
      eventId: row.event_id as string,
      title: row.title as string,
      public: row.status === 'PUBLISHED' && row.moderation_state === 'VISIBLE',
      firstChangeAt: row.first_change_at as Date,
      dueAt: row.due_at as Date,
      before: row.before as NoticedFields,
      after: noticedFields({
        startsAt: row.starts_at as Date,
        endsAt: row.ends_at as Date,
        venueName: row.venue_name as string | null,
        venueAddress: row.venue_address as string | null,
        communeCode: row.commune_code as string | null,
        onlineUrl: row.online_url as string | null,
      }),
      calendarSequence: row.calendar_sequence as number,
      memberIds: row.member_ids as string[],
    };
  }

  /** The events whose pending notice is due at `dueBefore` (the workers' sweep: a notice whose job was lost). */
  async dueChangeNotices(dueBefore: Date): Promise<string[]> {
    requireSystem(this.viewer);
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT event_id FROM events.event_change_notices WHERE sent_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT 500`,
      [dueBefore],
    );
    return rows.map((r) => r.event_id);
  }

  /** Closes a pending notice: SENT (its e-mails are written) or UNCHANGED (nothing to tell). Idempotent. */
  async closeChangeNotice(noticeId: string, sent: boolean): Promise<boolean> {
    requireSystem(this.viewer);
    if (!isUuid(noticeId)) throw badInput("Cet identifiant d'avis n'est pas valide.", 'noticeId');
    await this.dataSource.query(`UPDATE events.event_change_notices SET sent_at = $2, outcome = $3 WHERE id = $1 AND sent_at IS NULL`, [
      noticeId,
      this.clock.now(),
      sent ? 'SENT' : 'UNCHANGED',
    ]);
    return true;
  }

  async confirmedRegistrations(args: ConfirmedRegistrationsArgs): Promise<SystemConfirmedRegistration[]> {
    requireSystem(this.viewer);
    const limit = rowLimit(args.first);
    const after = afterKey(args.after);
    if (args.eventId && !isUuid(args.eventId)) return [];
    const memberIds = args.memberIds?.filter(isUuid) ?? null;
    if (memberIds && memberIds.length > MAX_ROWS) throw badInput('Trop de membres demandés à la fois.', 'memberIds');
    // Keyset: rows strictly after (starts_at, id) of the cursor. The plain `e.starts_at >= $5` lets the scan of
    // events_status_start_idx (status, starts_at, id) begin at the cursor's start; rows sharing one start are then
    // sorted by registration id (incremental sort) and the LIMIT stops the scan early.
    // The cursor's start is written to the microsecond (to_char … US) so that no row is skipped or read twice.
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id AS registration_id, e.id AS event_id, r.member_id, e.title, e.starts_at, e.ends_at,
              e.venue_name, e.venue_address, e.commune_code, e.online_url, e.reminder_offsets_hours,
              e.calendar_sequence, r.reminders_enabled,
              to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_starts_at
       FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.status = 'CONFIRMED' AND e.status = 'PUBLISHED' AND e.moderation_state = 'VISIBLE'
         AND e.starts_at >= $1 AND e.starts_at < $2
         AND ($3::uuid IS NULL OR e.id = $3::uuid)
         AND ($4::uuid[] IS NULL OR r.member_id = ANY($4::uuid[]))
         AND ($5::timestamptz IS NULL OR (e.starts_at >= $5::timestamptz AND (e.starts_at, r.id) > ($5::timestamptz, $6::uuid)))
       ORDER BY e.starts_at, r.id
       LIMIT $7`,
      [args.startsFrom, args.startsBefore, args.eventId ?? null, memberIds, after?.startsAt ?? null, after?.registrationId ?? null, limit],
    );
    return rows.map((r) => ({
      registrationId: r.registration_id as string,
      eventId: r.event_id as string,
      memberId: r.member_id as string,
      title: r.title as string,
      startsAt: r.starts_at as Date,
      endsAt: r.ends_at as Date,
      venueName: r.venue_name as string | null,
      venueAddress: r.venue_address as string | null,
      communeCode: r.commune_code as string | null,
      onlineUrl: r.online_url as string | null,
      reminderOffsetsHours: r.reminder_offsets_hours as number[],
      calendarSequence: r.calendar_sequence as number,
      remindersEnabled: r.reminders_enabled as boolean,
      cursor: encodeCursor([r.cursor_starts_at as string, r.registration_id as string]),
    }));
  }

  /**
   * The first participation of each member asked (once each, in the order asked; unknown ids answer null): the
   * earliest start of an event where their registration is marked PRESENT (walk-ins and check-ins included), whatever
   * the event's state since. Read from the registrations each time, so a correction (PRESENT → ABSENT) is reflected.
   */
  async firstParticipations(memberIds: readonly string[]): Promise<SystemFirstParticipation[]> {
    requireSystem(this.viewer);
    const distinct = [...new Set(memberIds)];
    if (distinct.length > MAX_FIRST_PARTICIPATIONS) throw badInput(`${MAX_FIRST_PARTICIPATIONS} membres au plus par demande.`, 'memberIds');
    const ids = distinct.filter(isUuid);
    const rows: { member_id: string; first: Date }[] = ids.length
      ? await this.dataSource.query(
          `SELECT r.member_id, min(e.starts_at) AS first
           FROM events.registrations r JOIN events.events e ON e.id = r.event_id
           WHERE r.member_id = ANY($1::uuid[]) AND r.attendance = 'PRESENT'
           GROUP BY r.member_id`,
          [ids],
        )
      : [];
    const first = new Map(rows.map((r) => [r.member_id, r.first]));
    return distinct.map((memberId) => ({ memberId, firstParticipationAt: first.get(memberId) ?? null }));
  }

  /**
   * The workers tell an organizer that staff published or refused their event: its title, status, organizer and
   * refusal reason, whatever its status (the public `event` shows the system published events only). System only.
   */
  async reviewedEvent(id: string): Promise<SystemReviewedEvent | null> {
    requireSystem(this.viewer);
    if (!isUuid(id)) return null;
    const rows: { id: string; title: string; status: EventEntity['status']; organizer_id: string | null; rejection_reason: string | null }[] =
      await this.dataSource.query(`SELECT id, title, status, organizer_id, rejection_reason FROM events.events WHERE id = $1`, [id]);
    const row = rows[0];
    return row ? { id: row.id, title: row.title, status: row.status, organizerId: row.organizer_id, rejectionReason: row.rejection_reason } : null;
  }
}

/** An event as its organizer is told of staff's review (`proposal.reviewed`). */
export interface SystemReviewedEvent {
  id: string;
  title: string;
  status: EventEntity['status'];
  organizerId: string | null;
  rejectionReason: string | null;
}

/** What `systemEventChangeNotice` answers. */
export interface SystemEventChangeNotice {
  noticeId: string;
  eventId: string;
  title: string;
  public: boolean;
  firstChangeAt: Date;
  dueAt: Date;
  before: NoticedFields;
  after: NoticedFields;
  calendarSequence: number;
  memberIds: string[];
}

/** A member's first participation, as the workers copy it to members (`Member.firstParticipationAt`). */
export interface SystemFirstParticipation {
  memberId: string;
  firstParticipationAt: Date | null;
}

/** Members asked at most per `systemFirstParticipations` request. */
export const MAX_FIRST_PARTICIPATIONS = 500;
