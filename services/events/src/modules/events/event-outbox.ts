import type { ServiceOutbox } from '@metropotes/jobs';
import type { EntityManager } from 'typeorm';

/** The PostgreSQL schema of the events service, which holds its `job_outbox`. */
export const EVENTS_OUTBOX_SCHEMA = 'events';

/**
 * The events service's outbox, built once in its composition root (`eventsSpec`): changes that ask for jobs run in
 * `withOutbox(outbox, …)` (relayed after their commit), and the code deeper in them writes through
 * `outbox.writerIn(manager)` (EventService's `notify…`, `fillFreeSpots`).
 */
export type EventsOutbox = ServiceOutbox<EntityManager>;
