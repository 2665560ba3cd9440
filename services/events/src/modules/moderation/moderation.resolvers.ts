import { isStaff } from '@metropotes/auth';
import type { BaseContext } from '@metropotes/graphql-kit';
import type { EventModel } from '../events';
import type { ApplyModerationActionInput } from '@metropotes/moderation-kit';
import type { EventModerationService } from './moderation.service';

export interface EventModerationContext {
  eventModeration: EventModerationService;
}

export const eventModerationResolvers = {
  Mutation: {
    applyEventModerationAction: (_: unknown, args: { input: ApplyModerationActionInput }, ctx: BaseContext & EventModerationContext) =>
      ctx.eventModeration.apply(args.input),
  },
  Event: {
    moderationState: (event: EventModel, _: unknown, ctx: BaseContext) => (isStaff(ctx.viewer) ? (event.moderationState ?? 'VISIBLE') : null),
  },
};
