import { isStaff } from '@metropotes/auth';
import type { Resolvers } from '../../generated/resolvers-types';

export const eventModerationResolvers: Resolvers = {
  Mutation: {
    applyEventModerationAction: (_, args, ctx) => ctx.eventModeration.apply(args.input),
  },
  Event: {
    moderationState: (event, _, ctx) => (isStaff(ctx.viewer) ? (event.moderationState ?? 'VISIBLE') : null),
  },
};
