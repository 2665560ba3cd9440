import type { Viewer } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { badInput, isUuid, requireSystem } from '@metropotes/graphql-kit';
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
}

const MAX_ROWS = 5000;

/** Queries for the platform's workers only (system token): reminders read the registrations due. */
export class EventSystemService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
  ) {}

  async confirmedRegistrations(args: {
    startsFrom: Date;
    startsBefore: Date;
    eventId?: string | null;
    memberIds?: string[] | null;
  }): Promise<SystemConfirmedRegistration[]> {
    requireSystem(this.viewer);
    if (args.eventId && !isUuid(args.eventId)) return [];
    const memberIds = args.memberIds?.filter(isUuid) ?? null;
    if (memberIds && memberIds.length > MAX_ROWS) throw badInput('Trop de membres demandés à la fois.', 'memberIds');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id AS registration_id, e.id AS event_id, r.member_id, e.title, e.starts_at, e.ends_at,
              e.venue_name, e.commune_code, e.online_url, e.short_reminder
       FROM events.registrations r JOIN events.events e ON e.id = r.event_id
       WHERE r.status = 'CONFIRMED' AND e.status = 'PUBLISHED'
         AND e.starts_at >= $1 AND e.starts_at < $2
         AND ($3::uuid IS NULL OR e.id = $3::uuid)
         AND ($4::uuid[] IS NULL OR r.member_id = ANY($4::uuid[]))
       ORDER BY e.starts_at, r.id
       LIMIT ${MAX_ROWS}`,
      [args.startsFrom, args.startsBefore, args.eventId ?? null, memberIds],
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
    }));
  }
}

export interface EventSystemContext {
  eventSystem: EventSystemService;
}

/** Added to the events context (server.ts). */
export function eventSystemContext(base: BaseContext, deps: ServiceDeps): EventSystemContext {
  return { eventSystem: new EventSystemService(deps.dataSource, base.viewer) };
}
