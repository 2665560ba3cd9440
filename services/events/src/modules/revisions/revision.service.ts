import { isStaff, memberIdOf, type Viewer } from '@metropotes/auth';
import { withOutbox } from '@metropotes/jobs';
import type { EventModel, EventService, EventsOutbox, UpdateEventInput } from '../events';
import {
  badInput,
  conflict,
  type Connection,
  decodeCursor,
  groupLoader,
  isUuid,
  notFound,
  pageSize,
  requiredReason,
  requireStaff,
  rowLoader,
  toConnection,
} from '@metropotes/graphql-kit';
import type DataLoader from 'dataloader';
import type { EventRevisionEntity } from './revision.entity';
import { toEventRevisionModel, type EventRevisionModel } from './revision.mapper';
import type { EventRevisionRepository } from './revision.repository';

const NOT_FOUND_REVISION = 'Cette modification proposée est introuvable.';

/** The changed fields of a revision, as the edit staff approve (the other fields keep the event's current values). */
function editOf(v: EventRevisionEntity): UpdateEventInput {
  const edit: UpdateEventInput = {};
  for (const field of v.changedFields) {
    if (field === 'TITLE') edit.title = v.title;
    if (field === 'DESCRIPTION') edit.description = v.description;
    if (field === 'STARTS_AT') edit.startsAt = v.startsAt;
    if (field === 'ENDS_AT') edit.endsAt = v.endsAt;
    if (field === 'ONLINE_URL') edit.onlineUrl = v.onlineUrl;
    if (field === 'VENUE') {
      edit.venue =
        v.venueName !== null && v.communeCode !== null
          ? { name: v.venueName, address: v.venueAddress, communeCode: v.communeCode, latitude: v.latitude, longitude: v.longitude }
          : null;
    }
  }
  return edit;
}

/**
 * Changes members proposed to their published events: seen by their author and staff members, approved or rejected
 * by staff. Approving applies the changed fields as an edit of the event would (EventService.applyEdit). One instance
 * per request.
 */
export class EventRevisionService {
  private readonly byId: DataLoader<string, EventRevisionEntity | null>;
  private readonly pendingByEvent: DataLoader<string, EventRevisionEntity | null>;
  private readonly allByEvent: DataLoader<string, EventRevisionEntity[]>;

  constructor(
    private readonly repository: EventRevisionRepository,
    private readonly events: EventService,
    /** The service's outbox (EventService's): the changes that may write jobs run in `withOutbox`. */
    private readonly outbox: EventsOutbox,
    private readonly viewer: Viewer,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (v) => v.id,
    );
    this.pendingByEvent = rowLoader(
      (ids) => repository.pendingOf(ids),
      (v) => v.eventId,
    );
    this.allByEvent = groupLoader(
      (ids) => repository.allOf(ids),
      (v) => v.eventId,
    );
  }

  /** Staff members (not the platform's system viewer: proposals are for people to review). */
  private get viewerIsStaffMember(): boolean {
    return this.viewer.kind === 'member' && isStaff(this.viewer);
  }

  /** Who may read a proposal: its author and staff members. */
  private mayRead(v: EventRevisionEntity): boolean {
    return this.viewerIsStaffMember || (v.authorId !== null && v.authorId === memberIdOf(this.viewer));
  }

  /** Whether this viewer could read proposals about this event at all (its organizer, staff): saves a query otherwise. */
  private mayAsk(event: EventModel): boolean {
    return this.viewerIsStaffMember || (event.organizerId !== null && event.organizerId === memberIdOf(this.viewer));
  }

  async pendingOf(event: EventModel): Promise<EventRevisionModel | null> {
    if (!this.mayAsk(event)) return null;
    const row = await this.pendingByEvent.load(event.id);
    return row && this.mayRead(row) ? toEventRevisionModel(row) : null;
  }

  async allOf(event: EventModel): Promise<EventRevisionModel[]> {
    if (!this.mayAsk(event)) return [];
    return (await this.allByEvent.load(event.id)).filter((v) => this.mayRead(v)).map(toEventRevisionModel);
  }

  eventOf(revision: EventRevisionModel): Promise<EventModel | null> {
    return this.events.visible(revision.eventId);
  }

  async toReview(first: number | null | undefined, after: string | null | undefined): Promise<Connection<EventRevisionModel>> {
    requireStaff(this.viewer);
    const limit = pageSize(first);
    const cursor = decodeCursor(after, 2);
    let position: { createdAt: Date; id: string } | null = null;
    if (cursor) {
      const createdAt = new Date(String(cursor[0]));
      if (Number.isNaN(createdAt.getTime()) || !isUuid(cursor[1])) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
      position = { createdAt, id: cursor[1] as string };
    }
    const rows = await this.repository.toReview(position, limit);
    for (const row of rows) this.byId.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      (v) => [new Date(v.createdAt).toISOString(), v.id],
      toEventRevisionModel,
      () => this.repository.countToReview(),
    );
  }

  /** Staff: the proposed change goes live, as an edit of the event would (idempotent once approved). */
  async approve(id: string): Promise<EventRevisionModel> {
    requireStaff(this.viewer);
    const found = isUuid(id) ? await this.byId.load(id) : null;
    if (!found) throw notFound(NOT_FOUND_REVISION);
    const { reviewed, applied } = await withOutbox(this.outbox, async (manager) => {
      // The event first, as an edit locks it: then the revision, which an edit may have replaced meanwhile.
      const event = await this.events.lockForReview(manager, found.eventId);
      const revision = await this.repository.lock(manager, found.id);
      if (!revision) throw notFound(NOT_FOUND_REVISION);
      if (revision.status === 'APPROVED') return { reviewed: revision, applied: null };
      if (revision.status === 'REJECTED') throw conflict('Cette modification a déjà été refusée : elle ne peut plus être acceptée.');
      if (event.status === 'CANCELLED') throw conflict('Cet événement est annulé : la modification proposée ne peut plus être appliquée.');
      const changed = await this.events.applyEdit(manager, event, editOf(revision));
      return { reviewed: await this.repository.review(manager, revision.id, 'APPROVED', memberIdOf(this.viewer), null), applied: changed };
    });
    if (applied) this.events.remember(applied);
    this.forget(reviewed);
    return toEventRevisionModel(reviewed);
  }

  /** Staff: the proposed change is dropped, with a reason its author reads; the event stays as it is. */
  async reject(id: string, reason: string): Promise<EventRevisionModel> {
    requireStaff(this.viewer);
    const text = requiredReason(reason);
    const reviewed = await withOutbox(this.outbox, async (manager) => {
      const revision = isUuid(id) ? await this.repository.lock(manager, id) : null;
      if (!revision) throw notFound(NOT_FOUND_REVISION);
      if (revision.status === 'REJECTED') return revision;
      if (revision.status === 'APPROVED') throw conflict('Cette modification a déjà été acceptée : elle ne peut plus être refusée.');
      return this.repository.review(manager, revision.id, 'REJECTED', memberIdOf(this.viewer), text);
    });
    this.forget(reviewed);
    return toEventRevisionModel(reviewed);
  }

  private forget(revision: EventRevisionEntity): void {
    this.byId.clear(revision.id).prime(revision.id, revision);
    this.pendingByEvent.clear(revision.eventId);
    this.allByEvent.clear(revision.eventId);
  }
}
