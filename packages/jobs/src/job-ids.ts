import type { JobPayloads } from './contract';

/**
 * The job ids of the contract, in one place: BullMQ keeps one job per id, so the id of a job says which job is "the
 * same" (a row relayed twice, an e-mail asked for twice). Every job a service or the workers add with a dedupe id
 * takes it from here (`jobIdOf`). Ids are BullMQ-safe (`jobIdProblem`: never an integer, no ':').
 *
 * Two kinds are not one job per payload and take a `discriminator` beside it: `prospect.forgotten` (the time of this
 * forgetting: a prospect forgotten again later gets a new job) and `attendance.changed` (a fresh uuid per change:
 * a later correction is never taken for an earlier one).
 */
const JOB_ID_FORMATS = {
  'email.requested': (p: JobPayloads['email.requested']) => {
    switch (p.template) {
      case 'welcome':
        return `email-welcome-${p.memberId}`;
      case 'buddy-assigned':
        return `email-buddy-${p.memberId}-${required(p.params.buddyId, 'params.buddyId')}`;
      default:
        return `email-${p.template}-${required(p.params.tokenId, 'params.tokenId')}`;
    }
  },
  'email.deliver': (p: JobPayloads['email.deliver']) => `deliver-${p.emailId}`,
  'member.erased': (p: JobPayloads['member.erased']) => `member-erased-${p.memberId}`,
  'moderation.apply-decision': (p: JobPayloads['moderation.apply-decision']) => `apply-decision-${p.decisionId}`,
  'moderation.decided': (p: JobPayloads['moderation.decided']) => `decision-notice-${p.decisionId}`,
  'prospect.invitation-requested': (p: JobPayloads['prospect.invitation-requested']) => `email-prospect-invitation-${p.invitationId}`,
  'prospect.forgotten': (p: JobPayloads['prospect.forgotten'], at: string) => `prospect-forgotten-${p.prospectId}-${at}`,
  'event.cancelled': (p: JobPayloads['event.cancelled']) => `event-cancelled-${p.eventId}`,
  'event.change-notice': (p: JobPayloads['event.change-notice']) => `event-change-notice-${p.noticeId}`,
  // The first promotion keeps the id it always had; each later one is its own job.
  'registration.promoted': (p: JobPayloads['registration.promoted']) =>
    (p.promotion ?? 1) > 1 ? `registration.promoted-${p.registrationId}-${p.promotion}` : `registration.promoted-${p.registrationId}`,
  'digest.batch': (p: JobPayloads['digest.batch']) => `digest-batch-${p.period}-${p.now.replace(/[^0-9A-Za-z]/g, '')}-${p.after ?? 'first'}`,
  'audit.role-changed': (p: JobPayloads['audit.role-changed']) => `role-changed-${p.memberId}-${Date.parse(p.changedAt)}`,
  'proposal.reviewed': (p: JobPayloads['proposal.reviewed']) => `proposal-reviewed-${p.contentId}-${p.decision}-${Date.parse(p.decidedAt)}`,
  'group-message.sent': (p: JobPayloads['group-message.sent']) => `group-message-${p.messageId}`,
  'event-message.sent': (p: JobPayloads['event-message.sent']) => `event-message-${p.messageId}`,
  'attendance.changed': (p: JobPayloads['attendance.changed'], nonce: string) => `attendance-changed-${p.eventId}-${nonce}`,
} satisfies { [N in keyof JobPayloads]?: (payload: JobPayloads[N], discriminator: string) => string };

function required(value: string | undefined, field: string): string {
  if (!value) throw new Error(`jobIdOf: ${field} is required for this job's id`);
  return value;
}

type Formats = typeof JOB_ID_FORMATS;
/** The jobs that have a dedupe id. */
export type DedupedJobName = keyof Formats;
/** The jobs whose id takes a discriminator beside the payload. */
export type DiscriminatedJobName = { [N in DedupedJobName]: Parameters<Formats[N]>['length'] extends 2 ? N : never }[DedupedJobName];

export const DEDUPED_JOB_NAMES = Object.keys(JOB_ID_FORMATS) as DedupedJobName[];

/**
 * The job id of a job (see `JOB_ID_FORMATS` above). `prospect.forgotten` and `attendance.changed` need their
 * `discriminator`; the other kinds take none.
 */
export function jobIdOf<N extends DedupedJobName>(
  name: N,
  payload: JobPayloads[N],
  ...discriminator: N extends DiscriminatedJobName ? [discriminator: string] : []
): string {
  const format = JOB_ID_FORMATS[name] as (payload: JobPayloads[N], discriminator?: string) => string;
  if (format.length === 2 && !discriminator[0]) throw new Error(`jobIdOf: the id of a "${name}" job needs a discriminator`);
  return format(payload, discriminator[0]);
}
