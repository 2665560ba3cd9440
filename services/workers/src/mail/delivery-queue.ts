import { jobIdOf, QUEUE_OF, type JobQueues } from '@metropotes/jobs';
import type { EmailRepository } from './email.repository';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryDelayMs: number;
}

/** One delivery job per e-mail row: its id is derived from the row id (`jobIdOf`), so adding it twice adds it once. */
export const deliveryJobId = (emailId: string): string => jobIdOf('email.deliver', { emailId });

/** What a delivery job in one of these states will never do again: run. */
const FINISHED = new Set(['completed', 'failed', 'unknown']);

/**
 * Makes sure a delivery job exists for each pending e-mail. A job that is waiting, delayed or running is left
 * alone; a finished one (which should not exist for a pending row) is replaced. The states are read with commands
 * sent together (one round trip, not two per e-mail) and the missing jobs added in one addBulk. Returns how many
 * jobs were added.
 */
export async function ensureDeliveriesQueued(jobs: JobQueues, policy: DeliveryPolicy, emailIds: string[]): Promise<number> {
  if (!emailIds.length) return 0;
  const queue = jobs.queue(QUEUE_OF['email.deliver']);
  const states = await Promise.all(emailIds.map((id) => queue.getJobState(deliveryJobId(id))));
  const missing = emailIds.filter((_, i) => FINISHED.has(states[i]!));
  // A finished job keeps its id (addBulk would add nothing): removed first ('unknown': nothing to remove, or a stray hash).
  await Promise.all(missing.map((id) => queue.remove(deliveryJobId(id)).catch(() => undefined)));
  await queueNewDeliveries(jobs, policy, missing);
  return missing.length;
}

/** `ensureDeliveriesQueued` for one e-mail; true when a job was added. */
export async function ensureDeliveryQueued(jobs: JobQueues, policy: DeliveryPolicy, emailId: string): Promise<boolean> {
  return (await ensureDeliveriesQueued(jobs, policy, [emailId])) > 0;
}

const deliveryJobOptions = (policy: DeliveryPolicy, emailId: string) => ({
  jobId: deliveryJobId(emailId),
  attempts: policy.maxAttempts,
  backoff: { type: 'exponential', delay: policy.retryDelayMs },
});

/** Delivery jobs for e-mail rows just inserted (none can have a job yet), in one round trip. */
export async function queueNewDeliveries(jobs: JobQueues, policy: DeliveryPolicy, emailIds: string[]): Promise<void> {
  await jobs.enqueueBulk(
    'email.deliver',
    emailIds.map((emailId) => ({ payload: { emailId }, options: deliveryJobOptions(policy, emailId) })),
  );
}

/**
 * The delivery job of an e-mail whose first send, made by the job that wrote it (`email.requested`), failed for a
 * temporary reason (recorded on the row: attempts 1): its `MAIL_MAX_ATTEMPTS - 1` other attempts, the first
 * `MAIL_RETRY_DELAY_MS` later and then doubling, as if the first had been this job's own. A job already waiting,
 * delayed or running for it is left alone; a finished one is replaced. True when a job was added.
 */
export async function queueDeliveryRetry(jobs: JobQueues, policy: DeliveryPolicy, emailId: string): Promise<boolean> {
  const queue = jobs.queue(QUEUE_OF['email.deliver']);
  const jobId = deliveryJobId(emailId);
  const state = await queue.getJobState(jobId);
  if (!FINISHED.has(state)) return false;
  await queue.remove(jobId).catch(() => undefined);
  await jobs.enqueue(
    'email.deliver',
    { emailId },
    {
      jobId,
      attempts: Math.max(1, policy.maxAttempts - 1),
      delay: policy.retryDelayMs,
      // BullMQ waits `delay × 2^(n-1)` after this job's n-th failure: the e-mail's (n+1)-th.
      backoff: { type: 'exponential', delay: policy.retryDelayMs * 2 },
    },
  );
  return true;
}

/**
 * Re-enqueues every pending e-mail that has no live delivery job (Redis lost or flushed: nothing lost,
 * and nothing doubled since the row state decides what is sent). Returns how many jobs were added.
 */
export async function reconcilePendingEmails(
  emails: EmailRepository,
  jobs: JobQueues,
  policy: DeliveryPolicy,
  pageSize = 500,
): Promise<{ pending: number; enqueued: number }> {
  let pending = 0;
  let enqueued = 0;
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const page = await emails.pendingIds(pageSize, after);
    pending += page.length;
    enqueued += await ensureDeliveriesQueued(
      jobs,
      policy,
      page.map((row) => row.id),
    );
    if (page.length < pageSize) break;
    after = page[page.length - 1];
  }
  return { pending, enqueued };
}
