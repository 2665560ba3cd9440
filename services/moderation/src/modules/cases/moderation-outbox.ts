import type { ServiceDeps } from '@metropotes/graphql-kit';
import { serviceOutboxRelay, type OutboxRelay } from '@metropotes/jobs';

/** The PostgreSQL schema of the moderation service, which holds its `job_outbox`. */
export const MODERATION_OUTBOX_SCHEMA = 'moderation';

/** The one relay of a running moderation service (shared by its requests and its periodic relay). */
export const moderationOutboxRelay = (deps: ServiceDeps): OutboxRelay => serviceOutboxRelay(MODERATION_OUTBOX_SCHEMA, deps);
