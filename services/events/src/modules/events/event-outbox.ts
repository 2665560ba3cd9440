import type { ServiceDeps } from '@metropotes/graphql-kit';
import { serviceOutboxRelay, type OutboxRelay } from '@metropotes/jobs';

/** The PostgreSQL schema of the events service, which holds its `job_outbox`. */
export const EVENTS_OUTBOX_SCHEMA = 'events';

/** The one relay of a running events service (shared by its requests and its periodic relay). */
export const eventsOutboxRelay = (deps: ServiceDeps): OutboxRelay => serviceOutboxRelay(EVENTS_OUTBOX_SCHEMA, deps);
