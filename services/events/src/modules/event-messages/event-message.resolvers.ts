import type { Clock } from '@metropotes/config';
import { type BaseContext } from '@metropotes/graphql-kit';
import type { EventModel, EventsOutbox } from '../events';
import { seesNonPublicContent } from '@metropotes/auth';
import type { EventsContext } from '../../context';
import type { EventMessageRepository } from './event-message.repository';
import { EventMessageService, type EventMessageModel, type SendEventMessageInput } from './event-message.service';

type Ctx = EventsContext & { eventMessageRepository: EventMessageRepository; eventMessagesOf: (ctx: EventsContext) => EventMessageService };

/**
 * The repository and the relay are the process's (composition root); the service needs the request's event service
 * (`ctx.events`), built on first use in the request.
 */
export function eventMessageContext(base: BaseContext, long: { repository: EventMessageRepository; outbox: EventsOutbox; clock: Clock }) {
  let service: EventMessageService | null = null;
  return {
    eventMessageRepository: long.repository,
    eventMessagesOf: (ctx: EventsContext) => (service ??= new EventMessageService(long.repository, ctx.events, base.viewer, long.outbox, long.clock)),
  };
}

const svc = (ctx: Ctx) => ctx.eventMessagesOf(ctx);

export const eventMessageResolvers = {
  Query: {
    eventMessage: (_: unknown, args: { id: string }, ctx: Ctx) => svc(ctx).message(args.id),
    systemEventMessage: (_: unknown, args: { id: string }, ctx: Ctx) => svc(ctx).systemMessage(args.id),
    systemEventMessageRecipients: (_: unknown, args: { messageId: string; first?: number | null; after?: string | null }, ctx: Ctx) =>
      svc(ctx).systemRecipients(args.messageId, args.first, args.after),
  },
  Mutation: {
    sendEventMessage: (_: unknown, args: { input: SendEventMessageInput }, ctx: Ctx) => svc(ctx).send(args.input),
  },
  Event: {
    messages: (event: EventModel, args: { first?: number | null }, ctx: Ctx) => svc(ctx).latest(event, args.first),
  },
  EventMessage: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => svc(ctx).message(ref.id),
    event: (message: EventMessageModel, _: unknown, ctx: Ctx) => ctx.events.visible(message.eventId),
    author: (message: EventMessageModel) => (message.authorId ? { __typename: 'Member', id: message.authorId } : null),
    moderationState: (message: EventMessageModel, _: unknown, ctx: Ctx) => (seesNonPublicContent(ctx.viewer) ? message.moderationState : null),
  },
};
