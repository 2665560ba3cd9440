import { isStaff, memberIdOf, seesNonPublicContent, type Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import {
  assertMessageRate,
  badInput,
  cleanMessage,
  DEFAULT_MESSAGE_RATE_LIMIT,
  forbidden,
  isUuid,
  notFound,
  requireMember,
  requireSystem,
  rowLoader,
  type MessageRateLimit,
} from '@metropotes/graphql-kit';
import { withOutbox } from '@metropotes/jobs';
import type DataLoader from 'dataloader';
import { NOT_FOUND_EVENT, type EventModel, type EventService, type EventsOutbox } from '../events';
import type { EventMessageRepository, EventMessageRow } from './event-message.repository';

export interface EventMessageModel {
  id: string;
  eventId: string;
  authorId: string | null;
  subject: string;
  body: string;
  sentAt: Date;
  moderationState: 'VISIBLE' | 'HIDDEN';
}

export interface SendEventMessageInput {
  eventId: string;
  subject: string;
  body: string;
}

const toModel = (row: EventMessageRow): EventMessageModel => ({
  id: row.id,
  eventId: row.eventId,
  authorId: row.authorId,
  subject: row.subject,
  body: row.body,
  sentAt: new Date(row.createdAt),
  moderationState: row.moderationState,
});

/**
 * Messages to an event's confirmed attendees: written by its organizer or staff, e-mailed by the workers
 * (`event-message.sent`, events' outbox, ids only). One instance per request; the event's visibility and who
 * manages it are the event service's (`events`).
 */
export class EventMessageService {
  private readonly byId: DataLoader<string, EventMessageRow | null>;

  constructor(
    private readonly repository: EventMessageRepository,
    private readonly events: EventService,
    private readonly viewer: Viewer,
    private readonly outbox: EventsOutbox,
    private readonly clock: Clock,
    private readonly rateLimit: MessageRateLimit = DEFAULT_MESSAGE_RATE_LIMIT,
  ) {
    this.byId = rowLoader(
      (ids) => repository.findByIds(ids),
      (row) => row.id,
    );
  }

  /** Its organizer, staff (as people) and its confirmed attendees read an event's messages. */
  private async canRead(event: EventModel): Promise<boolean> {
    if (seesNonPublicContent(this.viewer) || this.events.isOrganizer(event)) return true;
    const me = memberIdOf(this.viewer);
    return !!me && (await this.repository.isConfirmedAttendee(event.id, me));
  }

  async message(id: string): Promise<EventMessageModel | null> {
    if (!isUuid(id)) return null;
    const row = await this.byId.load(id);
    if (!row || (row.moderationState === 'HIDDEN' && !seesNonPublicContent(this.viewer))) return null;
    const event = await this.events.visible(row.eventId);
    return event && (await this.canRead(event)) ? toModel(row) : null;
  }

  async latest(event: EventModel, first: number | null | undefined): Promise<EventMessageModel[] | null> {
    if (!(await this.canRead(event))) return null;
    const limit = Math.min(Math.max(first ?? 10, 1), 50);
    return (await this.repository.latest(event.id, limit, seesNonPublicContent(this.viewer))).map(toModel);
  }

  /**
   * The event of a message the viewer reads (EventMessage.event): one they see, since reading the message needs it
   * (NOT_FOUND should it have gone since).
   */
  async eventOf(message: EventMessageModel): Promise<EventModel> {
    const event = await this.events.visible(message.eventId);
    if (!event) throw notFound(NOT_FOUND_EVENT);
    return event;
  }

  async send(input: SendEventMessageInput): Promise<EventMessageModel> {
    const authorId = requireMember(this.viewer);
    const event = isUuid(input.eventId) ? await this.events.visible(input.eventId) : null;
    if (!event) throw notFound('Cet événement est introuvable.');
    if (!(isStaff(this.viewer) || this.events.isOrganizer(event))) {
      throw forbidden("Seul·e l'organisateur·rice ou l'équipe d'animation peut écrire aux inscrit·es de cet événement.");
    }
    if (event.status !== 'PUBLISHED' || event.moderationState === 'HIDDEN') {
      throw badInput("On ne peut écrire qu'aux inscrit·es d'un événement publié.", 'eventId');
    }
    const { subject, body } = cleanMessage(input);
    const now = this.clock.now();
    const saved = await withOutbox(this.outbox, async (manager, jobs) => {
      const sent = await this.repository.lockAndCountSince(manager, event.id, new Date(now.getTime() - this.rateLimit.windowSeconds * 1000));
      assertMessageRate(sent, now, this.rateLimit, 'event');
      const row = await this.repository.insert(manager, { eventId: event.id, authorId, subject, body });
      // The e-mails, asked for in the message's transaction: ids only (the workers read the rest as the system).
      await jobs.add('event-message.sent', { messageId: row.id });
      return row;
    });
    this.byId.prime(saved.id, saved);
    return toModel(saved);
  }

  // The platform's reads (the workers, system token).

  async systemMessage(id: string) {
    requireSystem(this.viewer);
    if (!isUuid(id)) return null;
    const row = (await this.repository.findByIds([id]))[0];
    if (!row) return null;
    const event = await this.events.visible(row.eventId);
    if (!event) return null;
    return {
      ...toModel(row),
      eventTitle: event.title,
      deliverable: row.moderationState === 'VISIBLE' && event.status === 'PUBLISHED' && event.moderationState !== 'HIDDEN',
    };
  }

  async systemRecipients(messageId: string, first: number | null | undefined, after: string | null | undefined): Promise<string[]> {
    requireSystem(this.viewer);
    if (after && !isUuid(after)) throw badInput("Le curseur de pagination n'est pas valide.", 'after');
    if (!isUuid(messageId)) return [];
    const row = (await this.repository.findByIds([messageId]))[0];
    if (!row) return [];
    return this.repository.recipients(row.eventId, after || null, Math.min(Math.max(first ?? 200, 1), 500));
  }
}

/**
 * The request context's part for event messages. The repository and the relay are the process's (composition root);
 * the service needs the request's event service (`ctx.events`), and is built on first use in the request.
 */
export function eventMessageContext(viewer: Viewer, long: { repository: EventMessageRepository; outbox: EventsOutbox; clock: Clock }) {
  let service: EventMessageService | null = null;
  return {
    eventMessagesOf: (events: EventService) => (service ??= new EventMessageService(long.repository, events, viewer, long.outbox, long.clock)),
  };
}

export type EventMessageContext = ReturnType<typeof eventMessageContext>;
