import { addManyToOutbox, addToOutbox, serviceOutboxRelay, type JobName, type JobPayloads, type OutboxQueryable, type OutboxRelay, type OutboxRow } from '@metropotes/jobs';
import type { ServiceDeps } from '@metropotes/graphql-kit';

/** The PostgreSQL schema of the members service, which holds its `job_outbox` (see @metropotes/jobs' outbox). */
export const MEMBERS_OUTBOX_SCHEMA = 'members';

/**
 * Asks for a job in the caller's transaction (`members.job_outbox`): it goes out only if the transaction commits,
 * and Redis refusing it loses nothing (the relay sends it later). `jobId` is derived from what the job is about.
 * Call the relay's `flushBatch()` after the commit (one batch at most: a backlog goes out with the periodic relay).
 */
export function addToMembersOutbox<N extends JobName>(q: OutboxQueryable, name: N, payload: JobPayloads[N], jobId: string): Promise<void> {
  return addToOutbox(q, MEMBERS_OUTBOX_SCHEMA, name, payload, jobId);
}

/** Asks for several jobs at once, with one statement, in the caller's transaction (see `addToMembersOutbox`). */
export function addManyToMembersOutbox(q: OutboxQueryable, rows: readonly OutboxRow[]): Promise<void> {
  return addManyToOutbox(q, MEMBERS_OUTBOX_SCHEMA, rows);
}

/** The one relay of the members process: requests relay a batch after their commit (`flushBatch`), `server.ts` starts its periodic run. */
export const membersOutboxRelay = (deps: Pick<ServiceDeps, 'dataSource' | 'jobs' | 'logger'>): OutboxRelay => serviceOutboxRelay(MEMBERS_OUTBOX_SCHEMA, deps);
