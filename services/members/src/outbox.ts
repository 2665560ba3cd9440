import type { ServiceOutbox } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';

/** The PostgreSQL schema of the members service, which holds its `job_outbox` (see @metropotes/jobs' outbox). */
export const MEMBERS_OUTBOX_SCHEMA = 'members';

/**
 * The members service's outbox (`members.job_outbox`), built once in its composition root (`membersSpec`) and handed to
 * whoever writes jobs: they write them with `withOutbox(outbox, async (manager, jobs) => …)` (or, deeper in a call
 * that has the transaction only, `outbox.writerIn(manager)`), in the transaction of their change; the jobs go out
 * only if it commits, relayed right after it (Redis refusing loses nothing: the periodic relay sends them later).
 */
export type MembersOutbox = ServiceOutbox<EntityManager>;
