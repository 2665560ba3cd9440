import { OutboxRelay, type JobQueues, type OutboxLogger } from '@metropotes/jobs';
import type { DataSource } from 'typeorm';

/** The PostgreSQL schema of the moderation service, which holds its `job_outbox`. */
export const MODERATION_OUTBOX_SCHEMA = 'moderation';

const relays = new WeakMap<DataSource, OutboxRelay>();

/** The one relay of a running moderation service (shared by its requests and its periodic relay). */
export function moderationOutboxRelay(deps: { dataSource: DataSource; jobs: JobQueues; logger: OutboxLogger }): OutboxRelay {
  let relay = relays.get(deps.dataSource);
  if (!relay) {
    relay = new OutboxRelay({ schema: MODERATION_OUTBOX_SCHEMA, database: deps.dataSource, jobs: deps.jobs, logger: deps.logger });
    relays.set(deps.dataSource, relay);
  }
  return relay;
}
