import { seesNonPublicContent } from '@metropotes/auth';
import type { EventsRequestContext } from '../../context';
import type { Resolvers } from '../../generated/resolvers-types';

const svc = (ctx: EventsRequestContext) => ctx.eventMessagesOf(ctx.events);

export const eventMessageResolvers: Resolvers = {
  Query: {
    eventMessage: (_, args, ctx) => svc(ctx).message(args.id),
    systemEventMessage: (_, args, ctx) => svc(ctx).systemMessage(args.id),
    systemEventMessageRecipients: (_, args, ctx) => svc(ctx).systemRecipients(args.messageId, args.first, args.after),
  },
  Mutation: {
    sendEventMessage: (_, args, ctx) => svc(ctx).send(args.input),
  },
  Event: {
    messages: (event, args, ctx) => svc(ctx).latest(event, args.first),
  },
  EventMessage: {
    __resolveReference: (ref, ctx) => svc(ctx).message(ref.id),
    event: (message, _, ctx) => svc(ctx).eventOf(message),
    author: (message) => (message.authorId ? { __typename: 'Member', id: message.authorId } : null),
    moderationState: (message, _, ctx) => (seesNonPublicContent(ctx.viewer) ? message.moderationState : null),
  },
};
