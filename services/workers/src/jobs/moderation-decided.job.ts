import { formatParisTime } from '@metropotes/french-time';
import { UnrecoverableError } from 'bullmq';
import { writeMemberEmails, type MemberEmailRequest } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const DECISION_NOTICE = graphql(`
  query WorkerDecisionNotice($id: ID!) {
    decisionNotice(id: $id) {
      decision {
        id
        action
        reason
        targetType
        targetId
        suspendedUntil
        automatic
      }
      reportersToNotify {
        reporterId
        reportedAt
      }
    }
  }
`);

const SANCTIONS = ['WARN', 'SUSPEND', 'BAN'];

/**
 * Staff decided a moderation case: the member warned, suspended or banned gets 'sanction-notice' (the decision, the
 * reason, until when, whom to write to contest it: MODERATION_CONTACT_EMAIL), key `sanction:<decision>`; each reporter
 * of the case who asked to hear the outcome gets 'report-outcome' (the outcome only), key
 * `report-outcome:<decision>:<reporter>`. One e-mail per key, ever: safe to run again.
 */
export function moderationDecidedJob(rt: WorkersRuntime): JobHandler<'moderation.decided'> {
  return async ({ decisionId }, ctx) => {
    if (!isUuid(decisionId)) throw new UnrecoverableError('moderation.decided needs a decision uuid');
    const { decisionNotice } = await rt.gateway.call(DECISION_NOTICE, { id: decisionId });
    if (!decisionNotice || decisionNotice.decision.automatic) return;
    const { decision, reportersToNotify } = decisionNotice;
    const requests: MemberEmailRequest[] = [];
    const sanctioned = decision.targetType === 'MEMBER' && SANCTIONS.includes(decision.action) ? decision.targetId : null;
    if (sanctioned && isUuid(sanctioned)) {
      requests.push({
        template: 'sanction-notice',
        memberId: sanctioned,
        dedupeKey: `sanction:${decision.id}`,
        params: {
          action: decision.action,
          reason: decision.reason,
          contact: rt.config.moderationContact,
          ...(decision.action === 'SUSPEND' && decision.suspendedUntil ? { until: formatParisTime(decision.suspendedUntil) } : {}),
        },
      });
    }
    for (const { reporterId, reportedAt } of reportersToNotify) {
      if (reporterId === sanctioned) continue;
      requests.push({
        template: 'report-outcome',
        memberId: reporterId,
        dedupeKey: `report-outcome:${decision.id}:${reporterId}`,
        params: { action: decision.action, targetType: decision.targetType, reportedAt: formatParisTime(reportedAt, { style: 'date' }) },
      });
    }
    const result = await writeMemberEmails(rt, requests);
    ctx.log.info({ decisionId, ...result }, 'moderation decision e-mails recorded');
  };
}
