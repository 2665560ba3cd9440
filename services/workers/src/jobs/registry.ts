import { JOB_NAMES } from '@metropotes/jobs';
import { EmailDelivery } from '../mail/email-delivery';
import type { WorkersRuntime } from '../runtime';
import { applyModerationDecisionJob } from './apply-moderation-decision.job';
import { auditRoleChangedJob } from './audit-role-changed.job';
import { deadLettersJob } from './dead-letters.job';
import { emailDeliverJob } from './email-deliver.job';
import { digestBatchJob, digestPreviewJob, digestRunJob } from './digest.job';
import { emailRequestedJob } from './email-requested.job';
import { feedsPollJob } from './feeds-poll.job';
import { eventCancelledJob, registrationPromotedJob } from './event-mails.job';
import { eventsExtendSeriesJob } from './events-extend-series.job';
import { remindersScanJob } from './reminders-scan.job';
import { eventChangeNoticeJob } from './event-change-notice.job';
import { checkedHandlers, type JobHandlers } from './job-handler';
import { memberDataExportJob } from './member-data-export.job';
import { memberErasedJob } from './member-erased.job';
import { eventMessageSentJob, groupMessageSentJob } from './message-mails.job';
import { attendanceChangedJob, newcomersNudgeJob } from './newcomers.job';
import { prospectForgottenJob, prospectInvitationJob, prospectsMinimiseJob } from './prospect-invitation.job';
import { systemPingJob } from './system-ping.job';
import { moderationDecidedJob } from './moderation-decided.job';
import { proposalReviewedJob } from './proposal-reviewed.job';
import { staffDigestRunJob } from './staff-digest.job';

/** The handler of every job, each behind the check of its payload (`checkedHandler`: a bad payload fails without retry). */
export function createHandlers(rt: WorkersRuntime): JobHandlers {
  // One sender of stored e-mails for the job that writes an e-mail and sends it, and for the delivery jobs.
  const delivery = new EmailDelivery(rt);
  return checkedHandlers({
    'system.ping': systemPingJob,
    'email.requested': emailRequestedJob(rt, delivery),
    'email.deliver': emailDeliverJob(rt, delivery),
    'member.erased': memberErasedJob(rt),
    'moderation.apply-decision': applyModerationDecisionJob(rt),
    'prospect.invitation-requested': prospectInvitationJob(rt),
    'prospects.minimise': prospectsMinimiseJob(rt),
    'prospect.forgotten': prospectForgottenJob(rt),
    'events.extend-series': eventsExtendSeriesJob(rt),
    'event.cancelled': eventCancelledJob(rt),
    'event.change-notice': eventChangeNoticeJob(rt),
    'registration.promoted': registrationPromotedJob(rt),
    'reminders.scan': remindersScanJob(rt),
    'digest.run': digestRunJob(rt),
    'digest.batch': digestBatchJob(rt),
    'digest.preview': digestPreviewJob(rt),
    'feeds.poll': feedsPollJob(rt),
    'audit.role-changed': auditRoleChangedJob(rt),
    'jobs.dead-letters': deadLettersJob(rt),
    'proposal.reviewed': proposalReviewedJob(rt),
    'moderation.decided': moderationDecidedJob(rt),
    'staff-digest.run': staffDigestRunJob(rt),
    'group-message.sent': groupMessageSentJob(rt),
    'event-message.sent': eventMessageSentJob(rt),
    'attendance.changed': attendanceChangedJob(rt),
    'newcomers.nudge': newcomersNudgeJob(rt),
    'member.data-export': memberDataExportJob(rt),
  });
}

/** Startup refuses a contract job name with no handler (belt and braces over the type). */
export function assertEveryJobHandled(handlers: Partial<JobHandlers>): void {
  const missing = JOB_NAMES.filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`No handler for job(s): ${missing.join(', ')}`);
}
