import { randomUUID } from 'node:crypto';
import { isStaff, memberIdOf, seesNonPublicContent, type Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import {
  badInput,
  conflict,
  type Connection,
  type GatewayClient,
  decodeCursor,
  forbidden,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requiredReason,
  requireMember,
  requireStaff,
  rowLoader,
  toConnection,
} from '@metropotes/graphql-kit';
import { communesOfTerritory, isCommuneCode, isTerritoryCode } from '@metropotes/territories';
import { jobIdOf, withOutbox, type OutboxQueryable, type OutboxRow } from '@metropotes/jobs';
import type { Queryable } from '@metropotes/database';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { EventsOutbox } from './event-outbox';
import { splitForReview, type EditReview } from './event-review';
import type { EventEntity, EventKind, EventStatus, EventWrite } from './event.entity';
import { toEventModel, type EventModel } from './event.mapper';
import type { AgendaQuery, EventRepository } from './event.repository';
import type { SkillService } from '../skills';
import type { EventsSettings } from '../../settings';
import { checkEventFields, cleanCapacity, cleanDescription, cleanOnlineUrl, cleanTitle, cleanVenue, type VenueInput } from './event.validation';
import { cleanReminderOffsets, DEFAULT_EVENT_REMINDER_OFFSETS } from './reminder-offsets';
import { noticedChange, noticedFields, openChangeNotice } from './change-notice.repository';
import { graphql } from '../../generated/gateway';

const EVENT_GROUP_ROLE = graphql(`
  query EventGroupRole($id: ID!) {
    group(id: $id) {
      id
      viewerRole
    }
  }
`);

export interface CreateEventInput {
  title: string;
  description?: string | null;
  kind: EventKind;
  startsAt: Date;
  endsAt: Date;
  venue?: VenueInput | null;
  onlineUrl?: string | null;
  capacity?: number | null;
  themes?: string[] | null;
  /** Hours before the start when attendees get a reminder, from the allowed set (default [24]; [] for none). */
  reminderOffsetsHours?: number[] | null;
  /** ATELIER and FORMATION only (modules/skills). */
  skillIds?: string[] | null;
  draft?: boolean | null;
  /** The members' group it is proposed for: its admins and staff only. */
  groupId?: string | null;
}

/** An edit: fields left out are unchanged; any may be null, as GraphQL allows (applyEdit says what null does). */
export type UpdateEventInput = { [K in Exclude<keyof CreateEventInput, 'draft' | 'groupId'>]?: CreateEventInput[K] | null };

/** The viewer's role in a group, asked of members through the gateway (events never reads members' tables). */
export interface GroupRoles {
  /** NOT_FOUND when the viewer may not see the group. */
  viewerRole(groupId: string): Promise<'ADMIN' | 'MEMBER' | null | 'NOT_FOUND'>;
}

/** Asks the gateway, as the viewer, for the viewer's role in a group. */
export function gatewayGroupRoles(gateway: GatewayClient): GroupRoles {
  return {
    async viewerRole(groupId) {
      const data = await gateway.query(EVENT_GROUP_ROLE, { id: groupId });
      return data.group ? data.group.viewerRole : 'NOT_FOUND';
    },
  };
}

export interface AgendaFilter {
  from?: Date | null;
  to?: Date | null;
  kinds?: EventKind[] | null;
  communeCode?: string | null;
  territoryCode?: string | null;
  themes?: string[] | null;
  search?: string | null;
}

/** Fields of UpdateEventInput where null clears the value (elsewhere null, like a missing field, changes nothing). */
const NULL_CLEARS: readonly string[] = ['description', 'venue', 'onlineUrl', 'capacity'];

/** Whether an update sets nothing but `reminderOffsetsHours` (it then leaves a series occurrence in its series). */
const onlyReminderOffsets = (input: UpdateEventInput): boolean =>
  Object.entries(input).every(
    ([key, value]) => key === 'reminderOffsetsHours' || value === undefined || (value === null && !NULL_CLEARS.includes(key)),
  );

/** Whether an update changes anything at all (null changes nothing except where it clears). */
const changesSomething = (input: UpdateEventInput): boolean =>
  Object.entries(input).some(([key, value]) => value !== undefined && (value !== null || NULL_CLEARS.includes(key)));

const PUBLIC_STATUSES: EventStatus[] = ['PUBLISHED', 'CANCELLED'];

export const NOT_FOUND_EVENT = 'Cet événement est introuvable.';

/**
 * The job id of a registration's `promotion`-th promotion: each promotion is its own job (BullMQ keeps one job per
 * id, so a second promotion under the first one's id would be dropped). The first keeps the id it always had.
 */
export const promotionJobId = (registrationId: string, promotion: number): string =>
  jobIdOf('registration.promoted', { registrationId, eventId: '', memberId: '', promotion });

const venueColumns = (venue: VenueInput | null) => ({
  venueName: venue?.name ?? null,
  venueAddress: venue?.address ?? null,
  communeCode: venue?.communeCode ?? null,
  latitude: venue?.latitude ?? null,
  longitude: venue?.longitude ?? null,
});

const venueOf = (e: EventEntity): VenueInput | null =>
  e.venueName !== null && e.communeCode !== null
    ? { name: e.venueName, address: e.venueAddress, communeCode: e.communeCode, latitude: e.latitude, longitude: e.longitude }
    : null;

/**
 * What the event life cycle needs of registrations: moving the waitlist up and recounting seats, in the caller's
 * transaction. Declared here so that the events module does not depend on registrations (which depends on events);
 * registrations' repository implements it, the composition root wires it.
 */
export interface WaitlistSeats {
  promote(manager: Queryable, eventId: string, count: number): Promise<{ id: string; eventId: string; memberId: string; promotions: number }[]>;
  syncCounts(manager: Queryable, eventId: string): Promise<{ confirmed: number; waitlisted: number }>;
}

/** Who sees which event, and the rules of its life cycle. One instance per request. */
export class EventService {
  private readonly byId: DataLoader<string, EventEntity | null>;
  private readonly byOrganizer: DataLoader<string, EventEntity[]>;

  constructor(
    private readonly repository: EventRepository,
    private readonly registrations: WaitlistSeats,
    private readonly dataSource: DataSource,
    private readonly viewer: Viewer,
    /**
     * The service's outbox (the jobs of a cancellation, a promotion, a change notice): the changes that write jobs run
     * in `withOutbox(outbox, …)`, relayed after their commit; the other services of the request use it too.
     */
    readonly outbox: EventsOutbox,
    /** "Now" for the agenda (upcoming), the start and end checks of the life cycle, and the waitlist's promotions. */
    private readonly clock: Clock,
    /** Where a member's change to their published event waits for staff (modules/revisions). */
    private readonly editReview: EditReview,
    /** The skills an atelier or a formation declares (modules/skills). */
    private readonly skills: SkillService,
    /** The reminder offsets organizers choose from, the change-notice delay. */
    readonly settings: EventsSettings,
    /** Whether the viewer is an admin of the group an event is proposed for (members, through the gateway). */
    private readonly groupRoles?: GroupRoles,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (e) => e.id,
    );
    this.byOrganizer = groupLoader(
      (ids) => repository.findByOrganizers(ids),
      (e) => e.organizerId!,
    );
  }

  get viewerIsStaff(): boolean {
    return isStaff(this.viewer);
  }

  /**
   * Sees events the public may not (drafts, proposals, refusals, hidden ones): staff members. Not the system: the
   * workers e-mail members what they read (digests, reminders, cancellations, promotions), so they read the public view.
   */
  get viewerSeesNonPublic(): boolean {
    return seesNonPublicContent(this.viewer);
  }

  isOrganizer(event: { organizerId: string | null }): boolean {
    return event.organizerId !== null && event.organizerId === memberIdOf(this.viewer);
  }

  /** May manage the event: its organizer or staff. */
  canManage(event: { organizerId: string | null }): boolean {
    return this.viewerIsStaff || this.isOrganizer(event);
  }

  /**
   * Published (and cancelled) events are public; drafts, proposals and refusals only for their organizer and staff
   * members (the system sees what the public sees).
   */
  canSee(event: { status: EventStatus; organizerId: string | null; moderationState?: string }): boolean {
    // Hidden by moderation: staff members only (modules/moderation).
    if (event.moderationState === 'HIDDEN') return this.viewerSeesNonPublic;
    return PUBLIC_STATUSES.includes(event.status) || this.viewerSeesNonPublic || this.isOrganizer(event);
  }

  async visible(id: string): Promise<EventModel | null> {
    if (!isUuid(id)) return null;
    const event = await this.byId.load(id);
    return event && this.canSee(event) ? toEventModel(event) : null;
  }

  async organizedBy(memberId: string): Promise<EventModel[]> {
    if (!isUuid(memberId)) return [];
    const events = await this.byOrganizer.load(memberId);
    return events.filter((e) => this.canSee(e)).map(toEventModel);
  }

  private readonly upcomingLoaders = new Map<number, DataLoader<string, EventEntity[]>>();

  /** A commune's next published events; one query per request for all communes asked with the same `first`. */
  async upcomingInCommune(code: string, first: number | null | undefined): Promise<EventModel[]> {
    const limit = first ?? 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw badInput("Le nombre d'événements demandés doit être compris entre 1 et 50.", 'first');
    let loader = this.upcomingLoaders.get(limit);
    if (!loader) {
      loader = groupLoader(
        (codes) => this.repository.upcomingByCommunes(codes, limit, this.clock.now()),
        (e) => e.communeCode!,
      );
      this.upcomingLoaders.set(limit, loader);
    }
    return (await loader.load(code)).map(toEventModel);
  }

  private readonly groupLoaders = new Map<number, DataLoader<string, EventEntity[]>>();

  /** A group's events not finished yet (published and cancelled; every status for staff); one query per request. */
  async upcomingOfGroup(groupId: string, first: number | null | undefined): Promise<EventModel[]> {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw badInput("Le nombre d'événements demandés doit être compris entre 1 et 50.", 'first');
    if (!isUuid(groupId)) return [];
    let loader = this.groupLoaders.get(limit);
    if (!loader) {
      const statuses = this.viewerSeesNonPublic ? null : PUBLIC_STATUSES;
      loader = groupLoader(
        (ids) => this.repository.upcomingByGroups(ids, limit, this.clock.now(), statuses),
        (e) => e.groupId!,
      );
      this.groupLoaders.set(limit, loader);
    }
    return (await loader.load(groupId)).filter((e) => this.canSee(e)).map(toEventModel);
  }

  /** The group an event is proposed for: BAD_USER_INPUT when unknown to the viewer, FORBIDDEN unless its admin or staff. */
  private async checkGroup(groupId: string | null | undefined): Promise<string | null> {
    if (!groupId) return null;
    const unknown = () => badInput('Ce groupe est introuvable.', 'groupId');
    if (!isUuid(groupId) || !this.groupRoles) throw unknown();
    const role = await this.groupRoles.viewerRole(groupId);
    if (role === 'NOT_FOUND') throw unknown();
    if (role !== 'ADMIN' && !this.viewerIsStaff) {
      throw forbidden('Seuls les administrateurs du groupe peuvent proposer un événement en son nom.');
    }
    return groupId;
  }

  /** Loads an event for a change, locked; NOT_FOUND if the viewer may not even see it. */
  private async lockVisible(manager: Parameters<EventRepository['lock']>[0], id: string): Promise<EventEntity> {
    const event = isUuid(id) ? await this.repository.lock(manager, id) : null;
    if (!event || !this.canSee(event)) throw notFound(NOT_FOUND_EVENT);
    return event;
  }

  // --- Agenda ---------------------------------------------------------------------------------------

  async agenda(filter: AgendaFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    const limit = pageSize(first);
    const f = filter ?? {};
    let communeCodes: string[] | null = null;
    if (f.communeCode) {
      if (!isCommuneCode(f.communeCode)) throw badInput("Cette commune n'existe pas : vérifiez son code INSEE.", 'filter.communeCode');
      communeCodes = [f.communeCode];
    }
    if (f.territoryCode) {
      if (!isTerritoryCode(f.territoryCode)) throw badInput("Ce territoire n'existe pas : vérifiez son code.", 'filter.territoryCode');
      const inTerritory = communesOfTerritory(f.territoryCode);
      communeCodes = communeCodes ? communeCodes.filter((c) => inTerritory.includes(c)) : inTerritory;
    }
    if (f.from && f.to && f.to.getTime() <= f.from.getTime()) {
      throw badInput('La fin de la période doit suivre son début.', 'filter.to');
    }
    const search = f.search?.trim() || null;
    if (search && search.length > 200) throw badInput('La recherche ne peut pas dépasser 200 caractères.', 'filter.search');
    const query: Omit<AgendaQuery, 'after' | 'limit'> = {
      statuses: this.viewerSeesNonPublic ? null : PUBLIC_STATUSES,
      visibleOnly: !this.viewerSeesNonPublic,
      from: f.from ?? this.clock.now(),
      to: f.to ?? null,
      kinds: f.kinds?.length ? f.kinds : null,
      communeCodes,
      themes: f.themes?.length ? f.themes : null,
      search,
    };
    return this.page(query, limit, after);
  }

  /** A series' occurrences not finished yet, by start. */
  async seriesOccurrences(seriesId: string, first: number | null | undefined, after: string | null | undefined) {
    const query = {
      statuses: this.viewerSeesNonPublic ? null : PUBLIC_STATUSES,
      visibleOnly: !this.viewerSeesNonPublic,
      from: this.clock.now(),
      to: null,
      kinds: null,
      communeCodes: null,
      themes: null,
      search: null,
      seriesId,
    };
    return this.page(query, pageSize(first), after);
  }

  /** The occurrence of the same series just before or after this one (finished or not), as the viewer may see it. */
  async seriesNeighbour(event: EventModel, direction: 'previous' | 'next'): Promise<EventModel | null> {
    if (!event.seriesId) return null;
    const statuses = this.viewerSeesNonPublic ? null : PUBLIC_STATUSES;
    const found = await this.repository.seriesNeighbour(event.seriesId, event, direction, statuses, !this.viewerSeesNonPublic);
    return found ? toEventModel(found) : null;
  }

  async toReview(first: number | null | undefined, after: string | null | undefined) {
    requireStaff(this.viewer);
    const query = {
      statuses: ['PENDING_REVIEW'] as EventStatus[],
      from: null,
      to: null,
      kinds: null,
      communeCodes: null,
      themes: null,
      search: null,
    };
    return this.page(query, pageSize(first), after);
  }

  private async page(query: Omit<AgendaQuery, 'after' | 'limit'>, limit: number, after: string | null | undefined): Promise<Connection<EventModel>> {
    const cursor = decodeCursor(after, 2);
    let position: AgendaQuery['after'] = null;
    if (cursor) {
      const [startsAt, id] = cursor;
      const date = new Date(String(startsAt));
      if (Number.isNaN(date.getTime()) || !isUuid(id)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
      position = { startsAt: date, id };
    }
    // An empty expansion (a territory with no commune given) matches nothing.
    if (query.communeCodes && query.communeCodes.length === 0) {
      return toConnection<EventEntity, EventModel>(
        [],
        limit,
        () => [],
        toEventModel,
        async () => 0,
      );
    }
    const rows = await this.repository.agenda({ ...query, after: position, limit });
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (e) => [e.startsAt.toISOString(), e.id],
      toEventModel,
      () => this.repository.countAgenda(query),
    );
  }

  // --- Life cycle -----------------------------------------------------------------------------------

  async create(input: CreateEventInput): Promise<EventModel> {
    const organizerId = requireMember(this.viewer);
    const staff = this.viewerIsStaff;
    if (input.draft && !staff) throw forbidden("Seule l'équipe d'animation peut garder un événement en brouillon.");
    const venue = cleanVenue(input.venue);
    const fields = {
      title: cleanTitle(input.title),
      description: cleanDescription(input.description),
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      venue,
      onlineUrl: cleanOnlineUrl(input.onlineUrl),
      capacity: cleanCapacity(input.capacity),
    };
    checkEventFields(fields, { startChanged: true, confirmedCount: 0, now: this.clock.now() });
    const skillIds = await this.skills.forEvent(input.kind, input.skillIds, []);
    const groupId = await this.checkGroup(input.groupId);
    const status: EventStatus = staff ? (input.draft ? 'DRAFT' : 'PUBLISHED') : 'PENDING_REVIEW';
    const write: EventWrite = {
      title: fields.title,
      description: fields.description,
      kind: input.kind,
      status,
      startsAt: fields.startsAt,
      endsAt: fields.endsAt,
      ...venueColumns(venue),
      onlineUrl: fields.onlineUrl,
      capacity: fields.capacity,
      themes: [...new Set(input.themes ?? [])],
      reminderOffsetsHours: this.reminderOffsets(input.reminderOffsetsHours) ?? [...DEFAULT_EVENT_REMINDER_OFFSETS],
      skillIds,
      organizerId,
      ...(groupId ? { groupId } : {}),
    };
    const created = await this.repository.insert(this.dataSource.manager, write);
    return toEventModel(created);
  }

  async update(id: string, input: UpdateEventInput): Promise<EventModel> {
    requireMember(this.viewer);
    const updated = await withOutbox(this.outbox, async (manager) => {
      const event = await this.lockVisible(manager, id);
      if (!this.canManage(event)) throw forbidden("Seul·e l'organisateur·rice ou l'équipe d'animation peut modifier cet événement.");
      if (event.status === 'CANCELLED') throw conflict('Cet événement est annulé : il ne peut plus être modifié.');
      // A member (not staff) changing the text, links, place or time of their published event proposes the change:
      // staff review it before visitors see it (modules/revisions); the rest of the edit goes live at once.
      if (event.status === 'PUBLISHED' && !this.viewerIsStaff) {
        const { reviewed, live } = splitForReview(input);
        if (reviewed) {
          await this.editReview.propose(manager, event, reviewed);
          return changesSomething(live) ? this.applyEdit(manager, event, live) : event;
        }
      }
      return this.applyEdit(manager, event, input);
    });
    this.remember(updated);
    return toEventModel(updated);
  }

  /** Locks an event for a staff member's review of a change proposed to it; NOT_FOUND if there is none. */
  async lockForReview(manager: Parameters<EventRepository['lock']>[0], id: string): Promise<EventEntity> {
    requireStaff(this.viewer);
    return this.lockVisible(manager, id);
  }

  /** An organizer's choice of reminders, checked against the allowed set; undefined when not given (null or absent). */
  reminderOffsets(input: readonly number[] | null | undefined): number[] | undefined {
    return input === null || input === undefined ? undefined : cleanReminderOffsets(input, this.settings.reminderOffsetsHours);
  }

  /** The event as a change in this request left it (what later reads of this request see). */
  remember(event: EventEntity): void {
    this.byId.clear(event.id).prime(event.id, event);
  }

  /**
   * An edit as it goes live, by its organizer or staff, or a change staff approved (modules/revisions): merged with
   * the stored event, checked, written; an occurrence edited by hand leaves its series, and more room moves the
   * waitlist up. In the caller's transaction, which holds the event's row lock.
   */
  async applyEdit(manager: Parameters<EventRepository['lock']>[0], event: EventEntity, input: UpdateEventInput): Promise<EventEntity> {
    const venue = input.venue === undefined ? venueOf(event) : cleanVenue(input.venue);
    const fields = {
      title: input.title === undefined || input.title === null ? event.title : cleanTitle(input.title),
      description: input.description === undefined ? event.description : cleanDescription(input.description),
      startsAt: input.startsAt ?? event.startsAt,
      endsAt: input.endsAt ?? event.endsAt,
      venue,
      onlineUrl: input.onlineUrl === undefined ? event.onlineUrl : cleanOnlineUrl(input.onlineUrl),
      capacity: input.capacity === undefined ? event.capacity : cleanCapacity(input.capacity),
    };
    const startChanged = fields.startsAt.getTime() !== event.startsAt.getTime();
    checkEventFields(fields, { startChanged, confirmedCount: event.confirmedCount, now: this.clock.now() });
    const kind = input.kind ?? event.kind;
    const currentSkills = event.skillIds ?? [];
    const skillIds = await this.skills.forEvent(kind, input.skillIds, currentSkills);
    const skillsChanged = skillIds.length !== currentSkills.length || skillIds.some((id, i) => id !== currentSkills[i]);
    // A member editing a refused proposal proposes it again.
    const resubmit = event.status === 'REJECTED' && !this.viewerIsStaff;
    const changed = await this.repository.update(
      manager,
      event.id,
      {
        title: fields.title,
        description: fields.description,
        kind: input.kind ?? undefined,
        startsAt: fields.startsAt,
        endsAt: fields.endsAt,
        ...venueColumns(venue),
        onlineUrl: fields.onlineUrl,
        capacity: fields.capacity,
        themes: input.themes ? [...new Set(input.themes)] : undefined,
        reminderOffsetsHours: this.reminderOffsets(input.reminderOffsetsHours),
        skillIds: skillsChanged ? skillIds : undefined,
        ...(resubmit ? { status: 'PENDING_REVIEW' as EventStatus, rejectionReason: null } : {}),
      },
      // An occurrence edited by hand leaves its series (later series edits skip it), unless the edit only sets
      // reminderOffsetsHours: that alone does not detach it (the next series edit gives it the series' value again).
      event.seriesId && !onlyReminderOffsets(input) ? ['detached_from_series = true'] : [],
    );
    await this.noticeIfChanged(manager, event, changed);
    // More room: the waitlist moves up.
    return this.fillFreeSpots(manager, changed);
  }

  /**
   * The time, place or online link of a published event changed (an edit of the event, or of its series reaching it),
   * in the caller's transaction holding its row: its attendees get one notice, after the delay.
   */
  async noticeIfChanged(manager: OutboxQueryable, before: EventEntity, after: EventEntity): Promise<void> {
    if (before.status !== 'PUBLISHED' || !noticedChange(noticedFields(before), noticedFields(after))) return;
    const notice = await openChangeNotice(manager, before, this.clock.now(), this.settings.changeNoticeDelaySeconds);
    if (!notice) return;
    await this.notify(manager, [
      {
        name: 'event.change-notice',
        payload: { eventId: before.id, noticeId: notice.id },
        jobId: jobIdOf('event.change-notice', { eventId: before.id, noticeId: notice.id }),
        runAt: notice.dueAt,
      },
    ]);
  }

  /**
   * Asks for jobs in the caller's transaction (the outbox, one statement; a transaction of `withOutbox`, which relays
   * them after its commit): they go out only if the transaction commits, and are not lost if Redis refuses them then
   * (the periodic relay sends them later). Job ids (`jobIdOf`) make them unique.
   */
  private async notify(manager: OutboxQueryable, rows: readonly OutboxRow[]): Promise<void> {
    await this.outbox.writerIn(manager).addMany(rows);
  }

  /** The attendees of cancelled events are e-mailed by the workers ('event.cancelled'), once per event. */
  notifyCancelled(manager: OutboxQueryable, eventIds: readonly string[]): Promise<void> {
    return this.notify(
      manager,
      eventIds.map((eventId) => ({ name: 'event.cancelled', payload: { eventId }, jobId: jobIdOf('event.cancelled', { eventId }) })),
    );
  }

  /**
   * Its organizer learns that staff published or refused their event ('proposal.reviewed': the workers read the title
   * and the reason back as the system), unless they made the decision themselves (staff publishing their own draft).
   */
  private notifyReviewed(manager: OutboxQueryable, event: EventEntity, decision: 'PUBLISHED' | 'REJECTED'): Promise<void> {
    if (!event.organizerId || event.organizerId === memberIdOf(this.viewer)) return Promise.resolve();
    const payload = {
      contentType: 'EVENT' as const,
      contentId: event.id,
      decision,
      decidedAt: this.clock.now().toISOString(),
      reviewerId: memberIdOf(this.viewer),
    };
    return this.notify(manager, [{ name: 'proposal.reviewed', payload, jobId: jobIdOf('proposal.reviewed', payload) }]);
  }

  /**
   * Attendance changed at an event for these members (marked, corrected, checked in, walk-ins): the workers recompute
   * their first participation ('attendance.changed', ids only). One job per change: its id names the event and a fresh
   * uuid, so a row relayed twice is not doubled and a later correction is never taken for this one.
   */
  notifyAttendanceChanged(manager: OutboxQueryable, eventId: string, memberIds: readonly string[]): Promise<void> {
    const ids = [...new Set(memberIds)];
    if (!ids.length) return Promise.resolve();
    const payload = { eventId, memberIds: ids };
    return this.notify(manager, [{ name: 'attendance.changed', payload, jobId: jobIdOf('attendance.changed', payload, randomUUID()) }]);
  }

  /** Confirms waitlisted people while there is room (in a transaction holding the event lock). */
  async fillFreeSpots(manager: Parameters<EventRepository['lock']>[0], event: EventEntity): Promise<EventEntity> {
    if (event.waitlistCount === 0 || event.status !== 'PUBLISHED' || event.startsAt.getTime() <= this.clock.now().getTime()) return event;
    const free = event.capacity === null ? event.waitlistCount : event.capacity - event.confirmedCount;
    if (free <= 0) return event;
    const promoted = await this.registrations.promote(manager, event.id, free);
    // E-mailed by the workers once the transaction has committed (outbox).
    await this.notify(
      manager,
      promoted.map((r) => ({
        name: 'registration.promoted',
        payload: { registrationId: r.id, eventId: r.eventId, memberId: r.memberId, promotion: r.promotions },
        jobId: jobIdOf('registration.promoted', { registrationId: r.id, eventId: r.eventId, memberId: r.memberId, promotion: r.promotions }),
      })),
    );
    const counts = await this.registrations.syncCounts(manager, event.id);
    return { ...event, confirmedCount: counts.confirmed, waitlistCount: counts.waitlisted };
  }

  async publish(id: string): Promise<EventModel> {
    requireStaff(this.viewer);
    return this.transition(id, (event) => {
      if (event.status === 'PUBLISHED') return null;
      if (event.status === 'CANCELLED') throw conflict('Cet événement est annulé : il ne peut plus être publié.');
      if (event.endsAt.getTime() <= this.clock.now().getTime()) throw badInput('Cet événement est déjà terminé : il ne peut plus être publié.', 'id');
      return { status: 'PUBLISHED', rejectionReason: null };
    });
  }

  async reject(id: string, reason: string): Promise<EventModel> {
    requireStaff(this.viewer);
    const text = requiredReason(reason);
    return this.transition(id, (event) => {
      if (event.status === 'PUBLISHED' || event.status === 'CANCELLED') {
        throw conflict('Cet événement est déjà publié : annulez-le plutôt que de le refuser.');
      }
      return { status: 'REJECTED', rejectionReason: text };
    });
  }

  async cancel(id: string, reason: string): Promise<EventModel> {
    requireMember(this.viewer);
    const text = requiredReason(reason);
    return this.transition(id, (event) => {
      if (!this.canManage(event)) throw forbidden("Seul·e l'organisateur·rice ou l'équipe d'animation peut annuler cet événement.");
      if (event.status === 'CANCELLED') return null;
      return { status: 'CANCELLED', cancellationReason: text };
    });
  }

  private async transition(
    id: string,
    decide: (event: EventEntity) => { status: EventStatus; rejectionReason?: string | null; cancellationReason?: string } | null,
  ): Promise<EventModel> {
    const result = await withOutbox(this.outbox, async (manager) => {
      const event = await this.lockVisible(manager, id);
      const change = decide(event);
      if (!change) return event;
      const changed = await this.repository.update(manager, event.id, change);
      if (change.status === 'CANCELLED') await this.notifyCancelled(manager, [changed.id]);
      if ((change.status === 'PUBLISHED' || change.status === 'REJECTED') && event.status !== change.status) {
        await this.notifyReviewed(manager, event, change.status);
      }
      return changed;
    });
    this.byId.clear(result.id).prime(result.id, result);
    return toEventModel(result);
  }
}
