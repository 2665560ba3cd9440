import type { BaseContext, ServiceDeps } from '@metropotes/graphql-kit';
import { DeadJobService } from './dead-job.service';

export interface DeadJobContext {
  deadJobs: DeadJobService;
}

/** `timeoutMs`: how long a staff request waits for the workers (DIGEST_PREVIEW_TIMEOUT_MS, below the gateway's timeout). */
export function deadJobContext(base: BaseContext, deps: ServiceDeps, timeoutMs: number): DeadJobContext {
  return { deadJobs: new DeadJobService(base.viewer, deps.jobs, timeoutMs) };
}

export const deadJobResolvers = {
  Query: {
    deadJobs: (_: unknown, args: { first?: number | null }, ctx: DeadJobContext) => ctx.deadJobs.list(args.first),
  },
  Mutation: {
    retryDeadJobs: (_: unknown, _args: unknown, ctx: DeadJobContext) => ctx.deadJobs.retry(),
  },
};
