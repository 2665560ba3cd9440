import type { Viewer } from '@metropotes/auth';
import type { Clock } from '@metropotes/config';
import { apiError, badInput, notFound, requireStaff } from '@metropotes/graphql-kit';
import type { DigestPreviewReply, JobQueues } from '@metropotes/jobs';
import type { MemberModel } from '../members';
import type { MemberService } from '../members';

export interface DigestPreviewModel {
  member: MemberModel;
  period: string;
  periodLabel: string;
  outcome: 'READY' | 'EMPTY' | 'NOT_SUBSCRIBED' | 'ALREADY_SENT';
  since: Date;
  subject: string | null;
  html: string | null;
  text: string | null;
}

/** `2026-W48` or `2026-11`; the workers check the week exists in that year. */
const PERIOD = /^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$/;

/**
 * Staff's preview of a member's digest. The digest is composed where it is sent, by the workers (they read the
 * content through the gateway and know the member's last digest): this asks them with a `digest.preview` job and
 * waits for the reply, at most `timeoutMs`. The request carries this service's "now" (its clock): the workers compose
 * the digest of that instant (the current period, what is new since the member's last digest), not of theirs.
 */
export class DigestPreviewService {
  constructor(
    private readonly viewer: Viewer,
    private readonly members: MemberService,
    private readonly jobs: JobQueues,
    private readonly timeoutMs: number,
    private readonly clock: Clock,
  ) {}

  async preview(memberId: string, period: string | null | undefined): Promise<DigestPreviewModel> {
    requireStaff(this.viewer);
    if (period != null && !PERIOD.test(period)) throw badInput('La période doit être une semaine (2026-W48) ou un mois (2026-11).', 'period');
    const member = await this.members.visible(memberId);
    if (!member || member.deleted) throw notFound('Ce membre est introuvable.');
    let reply: DigestPreviewReply | null;
    try {
      reply = await this.jobs.request(
        'digest.preview',
        { memberId: member.id, now: this.clock.now().toISOString(), ...(period ? { period } : {}) },
        { timeoutMs: this.timeoutMs },
      );
    } catch {
      reply = null; // Redis refused: same answer as workers that do not answer
    }
    if (!reply || reply.outcome === 'FAILED') {
      throw apiError(
        'SERVICE_UNAVAILABLE',
        "L'aperçu de la lettre n'a pas pu être préparé : le service des tâches ne répond pas. Réessayez dans un instant.",
        {
          serviceName: 'workers',
        },
      );
    }
    if (reply.outcome === 'BAD_PERIOD') throw badInput(`La période ${period} n'existe pas.`, 'period');
    const outcome = reply.outcome;
    return {
      member,
      period: reply.period,
      periodLabel: reply.periodLabel,
      // A member the workers do not find active (banned, suspended since) gets no digest at all.
      outcome: outcome === 'UNKNOWN_MEMBER' ? 'NOT_SUBSCRIBED' : outcome,
      since: new Date(reply.since),
      subject: reply.subject,
      html: reply.html,
      text: reply.text,
    };
  }
}
