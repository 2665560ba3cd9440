import { QUEUE_OF } from '@metropotes/jobs';
import type { WorkersRuntime } from '../runtime';

/** The jobs that carried a link's token in `params.token` before tokens were derived at delivery. */
const LEGACY_NAMES = new Set(['email.requested', 'prospect.invitation-requested']);
const STATES = ['completed', 'failed', 'waiting', 'delayed', 'prioritized', 'paused'] as const;
const PAGE = 500;

/**
 * Removes from the jobs Redis still keeps (completed ones for seven days, failed ones for thirty) the single-use
 * tokens that jobs written before this version carried (`params.token`): no job payload holds a usable secret, old or
 * new. Run at start; a no-op once done. A waiting job so scrubbed is written as a dead e-mail (no link id): the
 * member asks for a new link. Returns how many jobs were scrubbed.
 */
export async function scrubLegacyLinkTokens(rt: Pick<WorkersRuntime, 'jobs'>): Promise<number> {
  const queue = rt.jobs.queue(QUEUE_OF['email.requested']);
  let scrubbed = 0;
  for (let start = 0; ; start += PAGE) {
    const jobs = await queue.getJobs([...STATES], start, start + PAGE - 1, true);
    for (const job of jobs) {
      const params = (job?.data as { params?: Record<string, unknown> } | undefined)?.params;
      if (!job || !LEGACY_NAMES.has(job.name) || !params || !('token' in params)) continue;
      const { token: _dropped, ...rest } = params;
      await job.updateData({ ...job.data, params: rest });
      scrubbed += 1;
    }
    if (jobs.length < PAGE) return scrubbed;
  }
}
