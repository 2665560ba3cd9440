import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const EXTEND = graphql(`
  mutation WorkerExtendEventSeries {
    extendEventSeries
  }
`);

/** Daily: events keeps six months of occurrences of every series ahead (idempotent on the events side). */
export function eventsExtendSeriesJob(rt: WorkersRuntime): JobHandler<'events.extend-series'> {
  return async (_payload, ctx) => {
    const data = await rt.gateway.call(EXTEND);
    ctx.log.info({ created: data.extendEventSeries }, 'event series rolled forward');
  };
}
