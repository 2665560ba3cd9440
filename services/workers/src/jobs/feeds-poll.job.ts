import { pollFeeds } from '../feeds/feed-poller';
import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

/** Scheduled (FEED_POLL_PATTERN): every active watch source polled, its new entries handed to the guide. */
export function feedsPollJob(rt: WorkersRuntime): JobHandler<'feeds.poll'> {
  return async (_payload, ctx) => {
    const { timeoutMs, maxBytes, allowLoopback } = rt.config.feeds;
    const result = await pollFeeds(rt, { timeoutMs, maxBytes, allowLoopback });
    ctx.log.info(result, 'feeds polled');
  };
}
