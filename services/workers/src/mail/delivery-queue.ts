import { QUEUE_OF, type JobQueues } from '@metropotes/jobs';
import type { EmailRepository } from './email.repository';

export interface DeliveryPolicy {
  maxAttempts: number;
  retryDelayMs: number;
}

/** One delivery job per e-mail row: its id is derived from the row id, so adding it twice adds it once. */
export const deliveryJobId = (emailId: string): string => `deliver-${emailId}`;

/**
 * Makes sure a delivery job exists for a pending e-mail. A job that is waiting, delayed or running is left
 * alone; a finished one (which should not exist for a pending row) is replaced. Returns true when a job was added.
 */
export async function ensureDeliveryQueued(jobs: JobQueues, policy: DeliveryPolicy, emailId: string): Promise<boolean> {
  const queue = jobs.queue(QUEUE_OF['email.deliver']);
  const jobId = deliveryJobId(emailId);
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    await existing.remove().catch(() => undefined);
  }
  await jobs.enqueue('email.deliver', { emailId }, deliveryJobOptions(policy, emailId));
  return true;
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
    for (const row of page) {
      pending += 1;
      if (await ensureDeliveryQueued(jobs, policy, row.id)) enqueued += 1;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1];
  }
  return { pending, enqueued };
}
