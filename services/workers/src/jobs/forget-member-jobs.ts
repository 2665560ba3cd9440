import { QUEUE_NAMES, type JobQueues } from '@metropotes/jobs';
import type { Redis } from 'ioredis';

/** Job states whose jobs may be removed (an active job is locked by the worker running it). */
const REMOVABLE = ['completed', 'failed', 'waiting', 'delayed', 'prioritized', 'paused'] as const;
const PAGE = 500;

/**
 * RGPD erasure, in Redis: the jobs whose id or payload names the member (an e-mail asked for them, a promotion…) are
 * removed from every queue, finished or still to run (there is nothing left to do for an erased member), and so are
 * the entries of the queues' event streams that name them. `keepJobId`: the job doing the erasure (`member.erased`),
 * which BullMQ keeps as it keeps every completed job. Returns how many jobs and stream entries went.
 */
export async function forgetMemberJobs(jobs: JobQueues, memberId: string, keepJobId: string | undefined): Promise<{ jobs: number; events: number }> {
  let removedJobs = 0;
  let removedEvents = 0;
  for (const name of QUEUE_NAMES) {
    const queue = jobs.queue(name);
    const total = await queue.getJobCountByTypes(...REMOVABLE);
    for (let start = 0; start < total; start += PAGE) {
      const page = await queue.getJobs([...REMOVABLE], start, start + PAGE - 1, true);
      for (const job of page) {
        if (!job?.id || job.id === keepJobId) continue;
        if (!job.id.includes(memberId) && !JSON.stringify(job.data ?? null).includes(memberId)) continue;
        // Taken by a worker meanwhile (locked): it finds nothing to do for an erased member.
        if (
          await job.remove().then(
            () => true,
            () => false,
          )
        )
          removedJobs += 1;
      }
    }
    // BullMQ's client is the ioredis connection JobQueues gave it (its own type leaves out the stream commands).
    const client = (await queue.client) as unknown as Redis;
    const stream = queue.keys.events;
    const entries = (await client.xrange(stream, '-', '+')) as [string, string[]][];
    const naming = entries.filter(([, fields]) => fields.some((f) => f.includes(memberId))).map(([id]) => id);
    for (let i = 0; i < naming.length; i += PAGE) removedEvents += await client.xdel(stream, ...naming.slice(i, i + PAGE));
  }
  return { jobs: removedJobs, events: removedEvents };
}
