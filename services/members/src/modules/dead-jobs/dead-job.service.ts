import type { Viewer } from '@metropotes/auth';
import { apiError, badInput, requireStaff } from '@metropotes/graphql-kit';
import type { DeadLettersReply, JobQueues } from '@metropotes/jobs';

export interface DeadJobModel {
  id: string;
  name: string;
  state: 'DEAD' | 'RETRYING';
  payload: string;
  failures: number;
  redrives: number;
  firstFailedAt: Date;
  lastFailedAt: Date;
  nextAttemptAt: Date | null;
  failure: string;
}

export interface DeadJobReportModel {
  count: number;
  jobs: DeadJobModel[];
}

/** At most this many listed (the workers' bound too). */
const MAX_FIRST = 100;

/**
 * Staff's view of the dead jobs. The workers keep them (workers.dead_jobs: every service's jobs end there), so this
 * asks them with a `jobs.dead-letters` job and waits for the reply, at most `timeoutMs` (as `previewDigest` does).
 */
export class DeadJobService {
  constructor(
    private readonly viewer: Viewer,
    private readonly jobs: JobQueues,
    private readonly timeoutMs: number,
  ) {}

  list(first: number | null | undefined): Promise<DeadJobReportModel> {
    requireStaff(this.viewer);
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_FIRST)
      throw badInput(`Le nombre de tâches demandées doit être compris entre 0 et ${MAX_FIRST}.`, 'first');
    return this.ask('LIST', limit);
  }

  retry(): Promise<DeadJobReportModel> {
    requireStaff(this.viewer);
    return this.ask('RETRY', 20);
  }

  private async ask(action: 'LIST' | 'RETRY', first: number): Promise<DeadJobReportModel> {
    let reply: DeadLettersReply | null;
    try {
      reply = await this.jobs.request('jobs.dead-letters', { action, first }, { timeoutMs: this.timeoutMs });
    } catch {
      reply = null; // Redis refused: same answer as workers that do not answer
    }
    if (!reply?.ok) {
      throw apiError(
        'SERVICE_UNAVAILABLE',
        'Les tâches en échec ne peuvent pas être lues : le service des tâches ne répond pas. Réessayez dans un instant.',
        {
          serviceName: 'workers',
        },
      );
    }
    return {
      count: reply.count,
      jobs: reply.jobs.map((job) => ({
        id: job.id,
        name: job.name,
        state: job.state,
        payload: JSON.stringify(job.payload ?? {}),
        failures: job.failures,
        redrives: job.redrives,
        firstFailedAt: new Date(job.firstFailedAt),
        lastFailedAt: new Date(job.lastFailedAt),
        nextAttemptAt: job.nextAttemptAt ? new Date(job.nextAttemptAt) : null,
        failure: job.failure,
      })),
    };
  }
}
