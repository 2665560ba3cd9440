import { memberIdOf, type Viewer } from '@metropotes/auth';
import { withOutbox } from '@metropotes/jobs';
import type { Clock } from '@metropotes/config';
import {
  apiError,
  badInput,
  decodeCursor,
  forbidden,
  isUuid,
  notFound,
  pageSize,
  requireMember,
  rowLoader,
  toConnection,
  type GatewayClient,
} from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { NOT_FOUND_EVENT, toEventModel, type EventEntity, type EventModel, type EventRepository, type EventService } from '../events';
import { toRegistrationModel, type AttendanceStatus, type RegistrationModel, type RegistrationRepository } from '../registrations';
import type { AttendanceRepository } from './attendance.repository';
import { newCheckInCode, normaliseCheckInCode } from './check-in-code';
import { graphql } from '../../generated/gateway';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Attendance may be marked from the start of the event until this long after its end. */
export const MARKING_CLOSES_AFTER_END_MS = 30 * DAY_MS;
/** Members may check in from this long before the start until the end. */
export const CHECK_IN_OPENS_BEFORE_START_MS = 60 * 60 * 1000;
/** Wrong check-in codes: at most this many per member per window. */
export const CHECK_IN_MAX_FAILURES = 5;
export const CHECK_IN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** At most this many entries in one markAttendance, of which this many walk-ins (each is looked up at members). */
const MAX_ENTRIES = 1000;
const MAX_WALK_INS = 100;
const MAX_WALK_IN_COUNT = 100_000;
const STATUSES: readonly AttendanceStatus[] = ['PRESENT', 'ABSENT', 'EXCUSED'];

export interface MarkAttendanceInput {
  eventId: string;
  entries: { memberId: string; status: AttendanceStatus }[];
  walkInCount?: number | null;
}

/** Whether members exist (as the viewer may see them), asked through the gateway: events never reads members' tables. */
export interface MemberDirectory {
  existing(memberIds: readonly string[]): Promise<Set<string>>;
}

/** Members asked per gateway request: one alias each, under the gateway's alias limit (15, graphql-armor). */
const MEMBERS_PER_LOOKUP = 10;

/** MEMBERS_PER_LOOKUP aliases; a shorter chunk repeats its first id in the slots left (members loads each id once). */
const WALK_INS = graphql(`
  query AttendanceWalkIns($m0: ID!, $m1: ID!, $m2: ID!, $m3: ID!, $m4: ID!, $m5: ID!, $m6: ID!, $m7: ID!, $m8: ID!, $m9: ID!) {
    m0: member(id: $m0) {
      id
    }
    m1: member(id: $m1) {
      id
    }
    m2: member(id: $m2) {
      id
    }
    m3: member(id: $m3) {
      id
    }
    m4: member(id: $m4) {
      id
    }
    m5: member(id: $m5) {
      id
    }
    m6: member(id: $m6) {
      id
    }
    m7: member(id: $m7) {
      id
    }
    m8: member(id: $m8) {
      id
    }
    m9: member(id: $m9) {
      id
    }
  }
`);

export function gatewayMemberDirectory(gateway: GatewayClient): MemberDirectory {
  const lookUp = async (memberIds: readonly string[]) => {
    const id = (i: number) => memberIds[i] ?? memberIds[0]!;
    const data = await gateway.query(WALK_INS, {
      m0: id(0),
      m1: id(1),
      m2: id(2),
      m3: id(3),
      m4: id(4),
      m5: id(5),
      m6: id(6),
      m7: id(7),
      m8: id(8),
      m9: id(9),
    });
    return [...new Set(Object.values(data).flatMap((m) => (m ? [m.id] : [])))];
  };
  return {
    async existing(memberIds) {
      const chunks: string[][] = [];
      for (let i = 0; i < memberIds.length; i += MEMBERS_PER_LOOKUP) chunks.push(memberIds.slice(i, i + MEMBERS_PER_LOOKUP));
      return new Set((await Promise.all(chunks.map(lookUp))).flat());
    },
  };
}

const unknownMember = (memberId: string) =>
  apiError('NOT_FOUND', `Aucun membre ne correspond à l'identifiant « ${memberId} ».`, { field: 'entries', memberId });

/** Who came to events: marking by the organizer and staff, self check-in with the venue's code, counts. */
export class AttendanceService {
  private readonly countsLoader: DataLoader<string, { eventId: string; present: number; absent: number } | null>;
  private readonly walkInLoader: DataLoader<string, { eventId: string; walkInCount: number | null } | null>;
  /** Events by id, for the registration readers' check (the organizer of a registration's event). */
  private readonly eventLoader: DataLoader<string, EventEntity | null>;

  constructor(
    private readonly repository: AttendanceRepository,
    private readonly registrations: RegistrationRepository,
    private readonly eventRepository: EventRepository,
    private readonly events: EventService,
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    private readonly clock: Clock,
    private readonly members: MemberDirectory,
  ) {
    this.countsLoader = rowLoader(
      (ids) => repository.counts(ids),
      (r) => r.eventId,
    );
    this.walkInLoader = rowLoader(
      (ids) => repository.walkInCounts(ids),
      (r) => r.eventId,
    );
    this.eventLoader = rowLoader(
      (ids) => eventRepository.findByIds(ids),
      (e) => e.id,
    );
  }

  /** A registration's attendance: the member themself, the event's organizer and staff. */
  async canReadAttendance(registration: RegistrationModel): Promise<boolean> {
    if (registration.memberId === memberIdOf(this.viewer) || this.events.viewerIsStaff) return true;
    const event = await this.eventLoader.load(registration.eventId);
    return event !== null && this.events.isOrganizer(event);
  }

  async attendedCount(event: EventModel): Promise<number | null> {
    if (!this.events.canManage(event)) return null;
    return (await this.countsLoader.load(event.id))?.present ?? 0;
  }

  async noShowCount(event: EventModel): Promise<number | null> {
    if (!this.events.canManage(event)) return null;
    return (await this.countsLoader.load(event.id))?.absent ?? 0;
  }

  async walkInCount(event: EventModel): Promise<number | null> {
    if (!this.events.canManage(event)) return null;
    return (await this.walkInLoader.load(event.id))?.walkInCount ?? null;
  }

  /** Stored the first time the organizer or staff read it. */
  async checkInCode(event: EventModel): Promise<string | null> {
    if (!this.events.canManage(event)) return null;
    return this.repository.checkInCode(event.id, newCheckInCode());
  }

  private assertMarkingOpen(event: EventEntity): void {
    if (event.status === 'CANCELLED') throw badInput('Cet événement a été annulé : il n’y a pas de présences à noter.', 'eventId');
    if (event.status !== 'PUBLISHED') throw badInput("Cet événement n'est pas publié : il n’y a pas de présences à noter.", 'eventId');
    const now = this.clock.now().getTime();
    if (now < event.startsAt.getTime()) throw badInput("Les présences se notent à partir du début de l'événement.", 'eventId');
    if (now > event.endsAt.getTime() + MARKING_CLOSES_AFTER_END_MS) {
      throw badInput("Les présences ne se notent plus : elles se notent jusqu'à 30 jours après la fin de l'événement.", 'eventId');
    }
  }

  async mark(input: MarkAttendanceInput): Promise<EventModel> {
    requireMember(this.viewer);
    const entries = input.entries ?? [];
    if (entries.length > MAX_ENTRIES) throw badInput(`Notez au plus ${MAX_ENTRIES} présences à la fois.`, 'entries');
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!STATUSES.includes(entry.status)) throw badInput("Cette présence n'existe pas.", 'entries');
      if (seen.has(entry.memberId)) throw badInput(`Le membre « ${entry.memberId} » figure deux fois dans la liste.`, 'entries');
      seen.add(entry.memberId);
    }
    const walkInCount = input.walkInCount;
    if (walkInCount !== undefined && walkInCount !== null && (!Number.isInteger(walkInCount) || walkInCount < 0 || walkInCount > MAX_WALK_IN_COUNT)) {
      throw badInput('Le nombre de personnes non membres doit être un nombre entier positif ou nul.', 'walkInCount');
    }

    const [found] = isUuid(input.eventId) ? await this.eventRepository.findByIds([input.eventId]) : [];
    if (!found || !this.events.canSee(found)) throw notFound(NOT_FOUND_EVENT);
    if (!this.events.canManage(found)) throw forbidden("Seul·e l'organisateur·rice ou l'équipe d'animation peut noter les présences.");
    this.assertMarkingOpen(found);
    for (const entry of entries) if (!isUuid(entry.memberId)) throw unknownMember(entry.memberId);

    // Members without a registration are walk-ins: only PRESENT makes sense for them, and they must exist (asked
    // through the gateway as the viewer, before any lock is taken).
    const registered = new Set((await this.repository.findForEvent(this.dataSource.manager, found.id, [...seen])).map((r) => r.memberId));
    const walkIns = entries.filter((e) => !registered.has(e.memberId));
    const notPresent = walkIns.find((e) => e.status !== 'PRESENT');
    if (notPresent) {
      throw badInput(`Le membre « ${notPresent.memberId} » n'était pas inscrit·e : on ne peut que noter sa présence.`, 'entries');
    }
    if (walkIns.length > MAX_WALK_INS) throw badInput(`Ajoutez au plus ${MAX_WALK_INS} membres venus sans inscription à la fois.`, 'entries');
    if (walkIns.length) {
      const known = await this.members.existing(walkIns.map((e) => e.memberId));
      const missing = walkIns.find((e) => !known.has(e.memberId));
      if (missing) throw unknownMember(missing.memberId);
    }

    const event = await withOutbox(this.events.outbox, async (manager) => {
      const locked = await this.eventRepository.lock(manager, found.id);
      if (!locked || !this.events.canSee(locked)) throw notFound(NOT_FOUND_EVENT);
      if (!this.events.canManage(locked)) throw forbidden("Seul·e l'organisateur·rice ou l'équipe d'animation peut noter les présences.");
      this.assertMarkingOpen(locked);
      await this.repository.setAttendance(
        manager,
        locked.id,
        entries.filter((e) => registered.has(e.memberId)),
      );
      if (walkInCount !== undefined) await this.repository.setWalkInCount(manager, locked.id, walkInCount);
      // The members' first participation is recomputed by the workers (members' firstParticipationAt).
      await this.events.notifyAttendanceChanged(
        manager,
        locked.id,
        entries.map((e) => e.memberId),
      );
      if (!walkIns.length) return locked;
      await this.repository.insertWalkIns(
        manager,
        locked.id,
        walkIns.map((e) => e.memberId),
      );
      // Walk-ins count as confirmed; the event has started, so no waitlist moves (fillFreeSpots is not called).
      const counts = await this.registrations.syncCounts(manager, locked.id);
      return { ...locked, confirmedCount: counts.confirmed, waitlistCount: counts.waitlisted };
    });
    return toEventModel(event);
  }

  async checkIn(eventId: string, code: string): Promise<RegistrationModel> {
    const memberId = requireMember(this.viewer);
    const [found] = isUuid(eventId) ? await this.eventRepository.findByIds([eventId]) : [];
    if (!found || !this.events.canSee(found)) throw notFound(NOT_FOUND_EVENT);
    this.assertCheckInOpen(found);
    await this.checkRate(memberId);
    const expected = await this.repository.checkInCode(found.id, newCheckInCode());
    if (normaliseCheckInCode(String(code ?? '')) !== expected) {
      await this.repository.recordFailure(memberId, found.id, new Date(this.clock.now().getTime() - CHECK_IN_FAILURE_WINDOW_MS));
      throw badInput('Ce code ne correspond pas à celui affiché sur place : vérifiez-le et réessayez.', 'code');
    }
    const registration = await withOutbox(this.events.outbox, async (manager) => {
      const locked = await this.eventRepository.lock(manager, found.id);
      if (!locked || !this.events.canSee(locked)) throw notFound(NOT_FOUND_EVENT);
      this.assertCheckInOpen(locked);
      await this.events.notifyAttendanceChanged(manager, locked.id, [memberId]);
      const existing = await this.registrations.findOne(manager, locked.id, memberId);
      if (existing) {
        await this.repository.setAttendance(manager, locked.id, [{ memberId, status: 'PRESENT' }]);
        return (await this.registrations.findOne(manager, locked.id, memberId))!;
      }
      const [created] = await this.repository.insertWalkIns(manager, locked.id, [memberId]);
      await this.registrations.syncCounts(manager, locked.id);
      return created!;
    });
    return toRegistrationModel(registration);
  }

  private assertCheckInOpen(event: EventEntity): void {
    if (event.status === 'CANCELLED') throw badInput('Cet événement a été annulé.', 'eventId');
    if (event.status !== 'PUBLISHED') throw badInput("Cet événement n'est pas publié.", 'eventId');
    const now = this.clock.now().getTime();
    if (now < event.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_START_MS) {
      throw badInput("L'enregistrement sur place ouvre une heure avant le début de l'événement.", 'eventId');
    }
    if (now > event.endsAt.getTime()) throw badInput("Cet événement est terminé : l'enregistrement sur place est fermé.", 'eventId');
  }

  private async checkRate(memberId: string): Promise<void> {
    const now = this.clock.now().getTime();
    const { count, oldest } = await this.repository.failuresSince(memberId, new Date(now - CHECK_IN_FAILURE_WINDOW_MS));
    if (count < CHECK_IN_MAX_FAILURES) return;
    const leavesAt = (oldest ? new Date(oldest).getTime() : now) + CHECK_IN_FAILURE_WINDOW_MS;
    const retryAfter = Math.max(1, Math.ceil((leavesAt - now) / 1000));
    const minutes = Math.ceil(retryAfter / 60);
    throw apiError('RATE_LIMITED', `Trop de codes erronés : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`, { retryAfter });
  }

  /** Member.attendedEvents: the member and staff; others only if the member opted in (members' showAttendedEvents). */
  async attendedEvents(
    member: { id: string; showAttendedEvents?: boolean | null },
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    if (!isUuid(member.id)) return null;
    const self = memberIdOf(this.viewer) === member.id;
    const staff = this.events.viewerIsStaff;
    if (!self && !staff && member.showAttendedEvents !== true) return null;
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    let from: { startsAt: Date; id: string } | null = null;
    if (cursor) {
      const startsAt = new Date(String(cursor[0]));
      if (Number.isNaN(startsAt.getTime()) || !isUuid(cursor[1])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
      from = { startsAt, id: cursor[1] };
    }
    // Staff see every event the member attended; anyone else what the public sees of them.
    const publicOnly = !this.events.viewerSeesNonPublic;
    const rows = await this.repository.attendedEvents(member.id, publicOnly, from, limit);
    return toConnection(
      rows,
      limit,
      (e) => [e.startsAt.toISOString(), e.id],
      toEventModel,
      () => this.repository.countAttendedEvents(member.id, publicOnly),
    );
  }

  /** After 'member.erased' (with the registrations, which carry the attendance): the wrong codes they typed. */
  async eraseMember(manager: Parameters<AttendanceRepository['eraseMember']>[0], memberId: string): Promise<void> {
    await this.repository.eraseMember(manager, memberId);
  }
}
