import type { JobHandler } from './job-handler';

/** Proves the pipeline works end to end (producer → Redis → worker). */
export const systemPingJob: JobHandler<'system.ping'> = async (payload, ctx) => {
  ctx.log.info({ sentAt: payload.sentAt, latencyMs: Date.now() - Date.parse(payload.sentAt) }, 'ping');
};
