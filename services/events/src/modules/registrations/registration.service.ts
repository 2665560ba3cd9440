import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { forgetMemberInOutbox, withOutbox } from '@metropotes/jobs';
import { NOT_FOUND_EVENT, type EventModel, type EventRepository, type EventService, type EventsOutbox } from '../events';
import {
  badInput,
  decodeCursor,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requireMember,
  requireSystem,
  rowLoader,
  toConnection,
} from '@metropotes/graphql-kit';
import DataLoader from 'dataloader';
import type { RegistrationEntity } from './registration.entity';
import { toRegistrationModel, type RegistrationModel } from './registration.mapper';
import type { RegistrationRepository } from './registration.repository';
import type { AttendanceRepository } from '../attendance';
import { eraseMemberCertificates } from '../certificates';

function parseCursor(after: string | null | undefined): { date: Date; id: string } | null {
  const cursor = decodeCursor(after, 2);
  if (!cursor) return null;
  const date = new Date(String(cursor[0]));
  if (Number.isNaN(date.getTime()) || !isUuid(cursor[1])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
  return { date, id: cursor[1] };
}

/** Registrations: capacity, waitlist, and who sees whom. One instance per request. */
export class RegistrationService {
  /** The viewer's registration per event id. */
  private readonly mine: DataLoader<string, RegistrationEntity | null> | null;
  /** A page of registrations per member, batched over the members of one request that ask for the same page. */
  private readonly pages = new Map<string, DataLoader<string, (RegistrationEntity & { startsAt: Date })[]>>();
  /** The total of those registrations per member (`totalCount`), batched per `upcoming` value. */
  private readonly totals = new Map<boolean | null, DataLoader<string, { memberId: string; n: number } | null>>();

  constructor(
    private readonly repository: RegistrationRepository,
    private readonly eventRepository: EventRepository,
    private readonly events: EventService,
    /** The service's outbox (EventService's): the changes that may write jobs run in `withOutbox`. */
    private readonly outbox: EventsOutbox,
    private readonly viewer: Viewer,
    /** "Now" for upcoming registrations and for the start that closes registrations. */
    private readonly clock: Clock,
    /** Erasure: the wrong check-in codes the member typed go too (their attendance goes with the registrations). */
    private readonly attendance: AttendanceRepository,
  ) {
    const memberId = memberIdOf(viewer);
    this.mine = memberId
      ? new DataLoader(async (eventIds: readonly string[]) => {
          const rows = await repository.findForMember(memberId, eventIds);
          const byEvent = new Map(rows.map((r) => [r.eventId, r]));
          return eventIds.map((id) => byEvent.get(id) ?? null);
        })
      : null;
  }

  async myRegistration(event: EventModel): Promise<RegistrationModel | null> {
    if (!this.mine) return null;
    const row = await this.mine.load(event.id);
    return row ? toRegistrationModel(row) : null;
  }

  async attendees(event: EventModel, first: number | null | undefined, after: string | null | undefined) {
    if (!this.events.canManage(event)) return null;
    const limit = pageSize(first);
    const cursor = parseCursor(after);
    const rows = await this.repository.attendees(event.id, cursor && { createdAt: cursor.date, id: cursor.id }, limit);
    return toConnection(
      rows,
      limit,
      (r) => [r.createdAt.toISOString(), r.id],
      toRegistrationModel,
      async () => event.attendeeCount,
    );
  }

  /** The waitlist in order; its cursor is the position (positions close up as people leave or get a place). */
  async waitlist(event: EventModel, first: number | null | undefined, after: string | null | undefined) {
    if (!this.events.canManage(event)) return null;
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 1);
    const position = cursor ? Number(cursor[0]) : null;
    if (position !== null && (!Number.isInteger(position) || position < 0)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    const rows = await this.repository.waitlist(event.id, position, limit);
    return toConnection(
      rows,
      limit,
      (r) => [r.waitlistPosition],
      toRegistrationModel,
      async () => event.waitlistCount,
    );
  }

  async ofMember(memberId: string, upcoming: boolean | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    if (!isUuid(memberId) || (memberIdOf(this.viewer) !== memberId && !isStaff(this.viewer))) return null;
    const limit = pageSize(first);
    const cursor = parseCursor(after);
    const from = cursor && { startsAt: cursor.date, id: cursor.id };
    const pageKey = JSON.stringify([upcoming ?? null, from, limit]);
    let loader = this.pages.get(pageKey);
    if (!loader) {
      loader = groupLoader(
        (ids) => this.repository.ofMembers(ids, upcoming ?? null, from, limit, this.clock.now()),
        (row) => row.memberId,
      );
      this.pages.set(pageKey, loader);
    }
    const rows = await loader.load(memberId);
    return toConnection(
      rows,
      limit,
      (r) => [r.startsAt.toISOString(), r.id],
      toRegistrationModel,
      async () => {
        let totals = this.totals.get(upcoming ?? null);
        if (!totals) {
          totals = rowLoader(
            (ids) => this.repository.countOfMembers(ids, upcoming ?? null, this.clock.now()),
            (row) => row.memberId,
          );
          this.totals.set(upcoming ?? null, totals);
        }
        return (await totals.load(memberId))?.n ?? 0;
      },
    );
  }

  async register(eventId: string): Promise<RegistrationModel> {
    const memberId = requireMember(this.viewer);
    const registration = await withOutbox(this.outbox, async (manager) => {
      // The event row lock serialises every registration change of this event: capacity is never exceeded.
      const event = isUuid(eventId) ? await this.eventRepository.lock(manager, eventId) : null;
      if (!event || !this.events.canSee(event)) throw notFound(NOT_FOUND_EVENT);
      const existing = await this.repository.findOne(manager, event.id, memberId);
      if (existing && existing.status !== 'CANCELLED') return existing;
      if (event.status === 'CANCELLED') throw badInput('Cet événement est annulé : les inscriptions sont fermées.', 'eventId');
      if (event.status !== 'PUBLISHED') throw badInput("Cet événement n'est pas encore publié : les inscriptions ne sont pas ouvertes.", 'eventId');
      if (event.startsAt.getTime() <= this.clock.now().getTime())
        throw badInput('Cet événement a déjà commencé : les inscriptions sont closes.', 'eventId');
      const hasRoom = event.capacity === null || (event.confirmedCount < event.capacity && event.waitlistCount === 0);
      const created = hasRoom
        ? await this.repository.upsert(manager, event.id, memberId, 'CONFIRMED', null)
        : await this.repository.upsert(manager, event.id, memberId, 'WAITLISTED', event.waitlistCount + 1);
      await this.repository.syncCounts(manager, event.id);
      return created;
    });
    return toRegistrationModel(registration);
  }

  /**
   * The member turns the reminders of their registration to one event off or on (the workers read it with the
   * registrations due; the member's global preference still applies). NOT_FOUND when they have no registration.
   */
  async setReminders(eventId: string, enabled: boolean): Promise<RegistrationModel> {
    const memberId = requireMember(this.viewer);
    if (typeof enabled !== 'boolean') throw badInput('Indiquez si vous voulez recevoir les rappels.', 'enabled');
    const registration = await withOutbox(this.outbox, async (manager) => {
      const event = isUuid(eventId) ? await this.eventRepository.lock(manager, eventId) : null;
      const existing = event && (await this.repository.findOne(manager, event.id, memberId));
      if (!event || (!existing && !this.events.canSee(event))) throw notFound(NOT_FOUND_EVENT);
      if (!existing) throw notFound("Vous n'êtes pas inscrit·e à cet événement.");
      if (existing.remindersEnabled === enabled) return existing;
      return this.repository.setReminders(manager, existing.id, enabled);
    });
    return toRegistrationModel(registration);
  }

  async cancel(eventId: string): Promise<RegistrationModel> {
    const memberId = requireMember(this.viewer);
    const registration = await withOutbox(this.outbox, async (manager) => {
      const event = isUuid(eventId) ? await this.eventRepository.lock(manager, eventId) : null;
      const existing = event && (await this.repository.findOne(manager, event.id, memberId));
      // Whoever is registered may always leave, even an event hidden by moderation since (or cancelled): they know
      // it exists. Anyone else who may not see it learns nothing of it.
      if (!event || (!existing && !this.events.canSee(event))) throw notFound(NOT_FOUND_EVENT);
      if (!existing) throw notFound("Vous n'êtes pas inscrit·e à cet événement.");
      if (existing.status === 'CANCELLED') return existing;
      const cancelled = await this.repository.cancel(manager, existing.id);
      if (existing.status === 'WAITLISTED') await this.repository.closeWaitlistGap(manager, event.id, existing.waitlistPosition!);
      const counts = await this.repository.syncCounts(manager, event.id);
      // A place freed up: the waitlist moves up.
      await this.events.fillFreeSpots(manager, { ...event, confirmedCount: counts.confirmed, waitlistCount: counts.waitlisted });
      return cancelled;
    });
    return toRegistrationModel(registration);
  }

  /**
   * After 'member.erased' (system only): the member's registrations go (their places go to the waitlist),
   * events and series they organised stay without organizer, their calendar feed goes, their participation
   * certificates go, and so do the outbox's jobs that name them. Idempotent.
   */
  async eraseMember(memberId: string): Promise<boolean> {
    requireSystem(this.viewer);
    if (!isUuid(memberId)) throw badInput("Cet identifiant de membre n'est pas valide.", 'memberId');
    await withOutbox(this.outbox, async (manager) => {
      for (const eventId of await this.repository.eventIdsOfMember(manager, memberId)) {
        const event = await this.eventRepository.lock(manager, eventId);
        const registration = event && (await this.repository.findOne(manager, eventId, memberId));
        if (!event || !registration) continue;
        await this.repository.delete(manager, registration.id);
        if (registration.status === 'WAITLISTED') await this.repository.closeWaitlistGap(manager, eventId, registration.waitlistPosition!);
        const counts = await this.repository.syncCounts(manager, eventId);
        await this.events.fillFreeSpots(manager, { ...event, confirmedCount: counts.confirmed, waitlistCount: counts.waitlisted });
      }
      await this.repository.anonymiseMember(manager, memberId);
      await this.attendance.eraseMember(manager, memberId);
      await eraseMemberCertificates(manager, memberId);
      // Jobs about them still in the outbox (a promotion's e-mail) have nothing left to do.
      await forgetMemberInOutbox(manager, 'events', memberId);
    });
    return true;
  }
}
