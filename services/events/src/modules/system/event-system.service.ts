import type { Viewer } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { badInput, decodeCursor, encodeCursor, isUuid, requireSystem } from '@metropotes/graphql-kit';
import type { DataSource } from 'typeorm';

export interface SystemConfirmedRegistration {
  registrationId: string;
  eventId: string;
  memberId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venueName: string | null;
  communeCode: string | null;
  onlineUrl: string | null;
  /** The event asks for the reminder a few hours before, besides the day-before one. */
  shortReminder: boolean;
  /** Opaque keyset cursor of this row, (starts_at to the microsecond, registration id): `after` reads the rows past it. */
  cursor: string;
}

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
  ) {}

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
              e.venue_name, e.commune_code, e.online_url, e.short_reminder,
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
      communeCode: r.commune_code as string | null,
      onlineUrl: r.online_url as string | null,
      shortReminder: r.short_reminder as boolean,
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
}

/** A member's first participation, as the workers copy it to members (`Member.firstParticipationAt`). */
export interface SystemFirstParticipation {
  memberId: string;
  firstParticipationAt: Date | null;
}

/** Members asked at most per `systemFirstParticipations` request. */
export const MAX_FIRST_PARTICIPATIONS = 500;

export interface EventSystemContext {
  eventSystem: EventSystemService;
}

/** Added to the events context (server.ts). */
export function eventSystemContext(base: BaseContext, deps: ServiceDeps): EventSystemContext {
  return { eventSystem: new EventSystemService(deps.dataSource, base.viewer) };
}
