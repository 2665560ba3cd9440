import { isStaff } from '@metropotes/auth';
import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import type { EventModel } from '../events/event.mapper';
import { EventModerationRepository } from './moderation.repository';
import type { ApplyModerationActionInput } from '@metropotes/moderation-kit';
import { EventModerationService } from './moderation.service';

export interface EventModerationContext {
  eventModeration: EventModerationService;
}

/** Added to the events context (server.ts). */
export function eventModerationContext(base: BaseContext, deps: ServiceDeps): EventModerationContext {
  return { eventModeration: new EventModerationService(new EventModerationRepository(deps.dataSource, deps.clock), base.viewer) };
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
