import type { WorkersRuntime } from '../runtime';
import { forgetMemberJobs } from './forget-member-jobs';
import type { JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const ERASE_FROM_EVENTS = graphql(`
  mutation WorkerEraseFromEvents($memberId: ID!) {
    eraseMemberFromEvents(memberId: $memberId)
  }
`);
const ERASE_FROM_GUIDE = graphql(`
  mutation WorkerEraseFromGuide($memberId: ID!) {
    eraseMemberFromGuide(memberId: $memberId)
  }
`);
const ERASE_FROM_MODERATION = graphql(`
  mutation WorkerEraseFromModeration($memberId: ID!) {
    eraseMemberFromModeration(memberId: $memberId)
  }
`);

/**
 * A member erased their account: their e-mails leave the ledger (those unsent are never sent); events, guide and
 * moderation erase what they hold of them (through the gateway, as the system). Every step is idempotent:
 * a failure throws and BullMQ runs the whole job again.
 */
export function memberErasedJob(rt: WorkersRuntime): JobHandler<'member.erased'> {
  return async ({ memberId }, ctx) => {
    const affected = await rt.emails.forgetMember(memberId);
    ctx.log.info({ affected }, 'e-mails of an erased member forgotten');
    await rt.gateway.call(ERASE_FROM_EVENTS, { memberId });
    await rt.gateway.call(ERASE_FROM_GUIDE, { memberId });
    await rt.gateway.call(ERASE_FROM_MODERATION, { memberId });
    ctx.log.info({ memberId }, 'member erased from events, guide and moderation');
    // Dead jobs about them have nothing left to do (a dead member.erased stays: it must run until it succeeds).
    await rt.dataSource.query(
      `DELETE FROM workers.dead_jobs WHERE job_name <> 'member.erased' AND strpos(payload::text || ' ' || job_id || ' ' || coalesce(last_error, ''), $1) > 0`,
      [memberId],
    );
    // Last: the jobs and queue events that name them (all but this one), once nothing more can enqueue one.
    const forgotten = await forgetMemberJobs(rt.jobs, memberId, ctx.jobId);
    ctx.log.info(forgotten, 'jobs of an erased member forgotten');
  };
}
