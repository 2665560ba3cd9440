import { JOB_NAMES } from '@metropotes/jobs';
import type { JobHandlers } from './job-handler';
import { notYetDelivered } from './not-yet-delivered.job';
import { systemPingJob } from './system-ping.job';

export function createHandlers(): JobHandlers {
  return {
    'system.ping': systemPingJob,
    'email.requested': notYetDelivered('email.requested'),
    'member.erased': notYetDelivered('member.erased'),
  };
}

/** Startup refuses a contract job name with no handler (belt and braces over the type). */
export function assertEveryJobHandled(handlers: Partial<JobHandlers>): void {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
}
