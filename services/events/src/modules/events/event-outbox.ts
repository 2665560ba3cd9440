import type { ServiceDeps } from '@metropotes/graphql-kit';
import { OutboxRelay } from '@metropotes/jobs';

/** The PostgreSQL schema of the events service, which holds its `job_outbox`. */
export const EVENTS_OUTBOX_SCHEMA = 'events';

const relays = new WeakMap<ServiceDeps, OutboxRelay>();

/** The one relay of a running events service (shared by its requests and its periodic relay). */
export function eventsOutboxRelay(deps: ServiceDeps): OutboxRelay {
  let relay = relays.get(deps);
  if (!relay) {
    relay = new OutboxRelay({ schema: EVENTS_OUTBOX_SCHEMA, database: deps.dataSource, jobs: deps.jobs, logger: deps.logger });
    relays.set(deps, relay);
  }
  return relay;
}
