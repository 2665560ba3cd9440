import type { JobName } from '@metropotes/jobs';
import type { JobHandler } from './job-handler';

/**
 * For jobs whose real handler is not built yet: the job fails (and is retried with backoff, then kept in the
 * failed set), so nothing is silently dropped; it can be retried once the handler exists.
 */
export function notYetDelivered<N extends JobName>(name: N): JobHandler<N> {
  return async () => {
    throw new Error(`No delivery for "${name}" jobs yet: kept for a later retry.`);
  };
}
