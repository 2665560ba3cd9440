import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

/** A member erased their account: their unsent e-mails are suppressed and no address or content of theirs is kept. */
export function memberErasedJob(rt: WorkersRuntime): JobHandler<'member.erased'> {
  return async ({ memberId }, ctx) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(memberId)) return;
    const affected = await rt.emails.forgetMember(memberId);
    ctx.log.info({ affected }, 'e-mails of an erased member forgotten');
  };
}
