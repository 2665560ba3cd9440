import type { DeadJobService } from './dead-job.service';

export interface DeadJobContext {
  deadJobs: DeadJobService;
}

export const deadJobResolvers = {
  Query: {
    deadJobs: (_: unknown, args: { first?: number | null }, ctx: DeadJobContext) => ctx.deadJobs.list(args.first),
  },
  Mutation: {
    retryDeadJobs: (_: unknown, _args: unknown, ctx: DeadJobContext) => ctx.deadJobs.retry(),
  },
};
