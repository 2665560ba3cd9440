import { UnrecoverableError } from 'bullmq';
import { runDigest } from '../digest/digest-run';
import { parsePeriod, periodsDueAt } from '../digest/period';
import type { WorkersRuntime } from '../runtime';
import type { JobHandler } from './job-handler';

/** The veille digests: of the given period, or of the period(s) due at `now` (the Monday 08:00 run). */
export function digestRunJob(rt: WorkersRuntime): JobHandler<'digest.run'> {
  return async ({ period, now }, ctx) => {
    const at = now && !Number.isNaN(Date.parse(now)) ? new Date(now) : new Date();
    const periods = period ? [parsePeriod(period)] : periodsDueAt(at);
    if (periods.some((p) => !p)) throw new UnrecoverableError(`digest.run: "${period}" is not a period (2026-W48 or 2026-11)`);
    for (const p of periods) {
      const result = await runDigest(rt, p!, at);
      ctx.log.info({ period: p!.key, ...result }, 'digests written');
    }
  };
}
