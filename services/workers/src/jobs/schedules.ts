import type { WorkersRuntime } from '../runtime';

export const SERIES_EXTEND_SCHEDULER_ID = 'events-extend-series-daily';
export const REMINDERS_SCAN_SCHEDULER_ID = 'reminders-scan';
export const FEEDS_POLL_SCHEDULER_ID = 'feeds-poll';
export const DIGEST_SCHEDULER_ID = 'digest-monday-morning';
export const NEWCOMER_NUDGE_SCHEDULER_ID = 'newcomers-nudge-daily';
/** Mondays 08:00 Paris time: the weekly digests, and the monthly ones on the first Monday of a month. */
export const DIGEST_PATTERN = '0 8 * * 1';
/** Daily, STAFF_DIGEST_PATTERN (08:30 Paris time): the staff's digest of what waits for them. */
export const STAFF_DIGEST_SCHEDULER_ID = 'staff-digest-daily';

const periodic = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

/**
 * Installs (or updates) the BullMQ job schedulers of the workers: idempotent across restarts and across several
 * worker processes (one scheduler per id in Redis).
 */
export async function installSchedules(rt: Pick<WorkersRuntime, 'jobs' | 'config'>): Promise<void> {
  const system = rt.jobs.queue('system');
  await system.upsertJobScheduler(
    SERIES_EXTEND_SCHEDULER_ID,
    { pattern: rt.config.series.extendPattern, tz: 'UTC' },
    { name: 'events.extend-series', data: {}, opts: periodic },
  );
  await system.upsertJobScheduler(
    REMINDERS_SCAN_SCHEDULER_ID,
    { pattern: rt.config.reminders.scanPattern, tz: 'UTC' },
    { name: 'reminders.scan', data: {}, opts: { ...periodic, attempts: 1 } },
  );
  await system.upsertJobScheduler(
    DIGEST_SCHEDULER_ID,
    { pattern: DIGEST_PATTERN, tz: 'Europe/Paris' },
    { name: 'digest.run', data: {}, opts: { ...periodic, attempts: 5 } },
  );
  await system.upsertJobScheduler(
    STAFF_DIGEST_SCHEDULER_ID,
    { pattern: rt.config.staffDigest.pattern, tz: 'Europe/Paris' },
    { name: 'staff-digest.run', data: {}, opts: { ...periodic, attempts: 5 } },
  );
  await system.upsertJobScheduler(
    NEWCOMER_NUDGE_SCHEDULER_ID,
    { pattern: rt.config.nudge.pattern, tz: 'Europe/Paris' },
    { name: 'newcomers.nudge', data: {}, opts: { ...periodic, attempts: 3 } },
  );
  await system.upsertJobScheduler(
    FEEDS_POLL_SCHEDULER_ID,
    { pattern: rt.config.feeds.pollPattern, tz: 'UTC' },
    { name: 'feeds.poll', data: {}, opts: { ...periodic, attempts: 1 } },
  );
}
