import type { Resolvers } from '../../generated/resolvers-types';

export const deadJobResolvers: Resolvers = {
  Query: {
    deadJobs: (_, args, ctx) => ctx.deadJobs.list(args.first),
  },
  Mutation: {
    retryDeadJobs: (_, _args, ctx) => ctx.deadJobs.retry(),
  },
};
