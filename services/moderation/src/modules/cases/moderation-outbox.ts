import { serviceOutboxRelay, type JobQueues, type OutboxLogger, type OutboxRelay } from '@metropotes/jobs';
import type { DataSource } from 'typeorm';

/** The PostgreSQL schema of the moderation service, which holds its `job_outbox`. */
export const MODERATION_OUTBOX_SCHEMA = 'moderation';

/** The one relay of a running moderation service (shared by its requests and its periodic relay). */
export const moderationOutboxRelay = (deps: { dataSource: DataSource; jobs: JobQueues; logger: OutboxLogger }): OutboxRelay =>
  serviceOutboxRelay(MODERATION_OUTBOX_SCHEMA, deps);
