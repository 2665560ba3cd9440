import type { MemberRole } from '@metropotes/auth';

/**
 * The jobs contract: every job name the platform uses, with its payload type.
 * Producers (the subgraphs) and the workers share it; the workers refuse to start
 * if one of these names has no handler.
 *
 * Payloads carry ids, never personal data: whoever handles a job reads the rest
 * from the owning service.
 */
export interface JobPayloads {
  /** A transactional e-mail a service asks for (verification, password reset, welcome...). */
  'email.requested': {
    template: EmailTemplate;
    memberId: string;
    /** Unique per e-mail: the workers send one e-mail per key, ever. */
    dedupeKey: string;
    /** Ids and template values that are neither personal data nor secrets. */
    params: EmailRequestParams;
  };
  /**
   * Internal to the workers: deliver one stored e-mail (a row of workers.emails). Carries the row id only;
   * the row's state decides whether anything is sent. An `email.requested` sends its own e-mail in its job: this one
   * retries it when that first send failed, and delivers the e-mails other jobs write (digests, event mails…).
   */
  'email.deliver': { emailId: string };
  /** A member deleted their account: other services anonymise what they hold. */
  'member.erased': { memberId: string };
  /** Liveness probe of the job pipeline (used by /ready and the tests). */
  'system.ping': { sentAt: string };
  /** A moderation decision (hide, restore, warn, suspend, ban) the service owning its target must apply. */
  'moderation.apply-decision': { decisionId: string };
  /**
   * Staff invited a prospect (members, outreach): the workers read the address, name and message through the
   * gateway (`prospectForMail`, system only: no personal data in Redis) and write the 'prospect-invitation' e-mail.
   */
  'prospect.invitation-requested': {
    prospectId: string;
    invitationId: string;
    /** Unique per invitation: one e-mail per key, ever. */
    dedupeKey: string;
    /**
     * Template values, no secret: the links' single-use token is derived from `invitationId` by members, which gives
     * it to the workers when the e-mail is sent (`systemMailSecret(PROSPECT_INVITATION, invitationId)`).
     */
    params: { validForDays?: string };
  };
  /** Scheduled by the workers: members erases the contact data of prospects inactive for too long. */
  'prospects.minimise': { requestedAt?: string };
  /** A prospect declined contact, or its contact data was erased: the workers forget its e-mails (address, contents). */
  'prospect.forgotten': { prospectId: string };
  /** Scheduled by the workers (daily): events keeps six months of occurrences of every series (`extendEventSeries`). */
  'events.extend-series': { requestedAt?: string };
  /** An event was cancelled (events, after the commit): the workers e-mail its attendees ('event-cancelled'). */
  'event.cancelled': { eventId: string };
  /**
   * The time, place or online link of a published event changed (events, delayed until EVENT_CHANGE_NOTICE_DELAY_SECONDS
   * after the first change; job id `event-change-notice-<noticeId>`): the workers read the pending notice
   * (`systemEventChangeNotice`), e-mail the confirmed and waitlisted members ('event-changed', with the updated .ics)
   * and close it (`closeEventChangeNotice`). The reminders scan also sends the due notices whose job was lost.
   */
  'event.change-notice': { eventId: string; noticeId: string };
  /**
   * A waitlisted registration got a place (events, after the commit): the workers e-mail the member
   * ('registration-promoted'). `promotion`: the number of this promotion of the registration (1 for the first; a
   * member promoted, cancelled, registered again and promoted again is told each time); absent in jobs written before
   * it was counted (taken as the first).
   */
  'registration.promoted': { registrationId: string; eventId: string; memberId: string; promotion?: number };
  /**
   * Scheduled by the workers (every few minutes), also runnable on demand: e-mail rows for the reminders due
   * before `now` + the largest allowed offset, at the offsets each event has (`Event.reminderOffsetsHours`), for the
   * registrations whose reminders are on (dedupe key `reminder:<event>:<member>:<offset>:<startsAt>`). `now` drives the clock in tests.
   */
  'reminders.scan': { now?: string };
  /**
   * Scheduled by the workers (Mondays 08:00 Europe/Paris), also run by `npm run jobs -- digest --period …`: the veille
   * digests of a period (`2026-W48` weekly, `2026-11` monthly; default: the period(s) of `now`), one per member and period.
   */
  'digest.run': { period?: string; now?: string };
  /**
   * One batch of a digest run (the run fans out one of these per page of subscribers, each enqueuing the next):
   * the members after `after` (by id, null: from the first), `now` fixed by the run. Each member gets their own
   * e-mail row and delivery job; a failed batch is retried alone.
   */
  'digest.batch': { period: string; now: string; after: string | null };
  /**
   * Staff asked for `previewDigest` (members): the workers compose the digest `memberId` would get for `period`
   * (default: the current one of the member's frequency) without writing anything, and answer with a short-lived
   * reply (`JobReplies['digest.preview']`, under `replyTo`).
   */
  'digest.preview': { memberId: string; period?: string; now?: string; replyTo: string };
  /** Scheduled by the workers: every active watch source polled, new entries handed to the guide (`ingestWatchItems`). */
  'feeds.poll': { requestedAt?: string };
  /**
   * An admin changed a member's role (members, `setMemberRole`, enqueued last inside its transaction): the workers
   * record it in the moderation log (`recordRoleChange`, system only, idempotent per member and `changedAt`).
   * `actorId`: the admin (null: the platform). `changedAt` is ISO 8601.
   */
  'audit.role-changed': { memberId: string; actorId: string | null; previousRole: JobMemberRole; role: JobMemberRole; changedAt: string };
  /**
   * Staff asked about dead jobs (members, `deadJobs` / `retryDeadJobs`): the workers answer with the jobs of the
   * `DEAD_LETTER_QUEUES` that failed all their attempts and have not run since (`JobReplies['jobs.dead-letters']`, the
   * oldest `first`). RETRY first makes every one of them due at once (instead of at its next attempt).
   */
  'jobs.dead-letters': { action: 'LIST' | 'RETRY'; first: number; replyTo: string };
  /**
   * Staff published or rejected a member's proposal (events: an event; guide: a fiche sent back to its authors),
   * written to the service's outbox with the change: the workers read the title, proposer(s) and reason back through
   * the gateway as the system (`systemReviewedEvent` / `systemReviewedGuideArticle`) and e-mail them
   * ('proposal-published' / 'proposal-rejected'). `decidedAt` (ISO 8601) makes each decision's e-mail unique.
   */
  'proposal.reviewed': {
    contentType: ReviewedContentType;
    contentId: string;
    decision: 'PUBLISHED' | 'REJECTED';
    decidedAt: string;
    /** The staff member who decided: not told (a co-author of the fiche who reviewed it). */
    reviewerId?: string | null;
  };
  /**
   * Staff decided a moderation case (moderation, in `decideCase`'s transaction): the sanctioned member (WARN, SUSPEND,
   * BAN) gets 'sanction-notice', and the reporters who asked to hear the outcome get 'report-outcome'. The workers read
   * the decision and whom to tell through the gateway (`decisionNotice`, system only).
   */
  'moderation.decided': { decisionId: string };
  /**
   * Scheduled by the workers (daily 08:30 Europe/Paris), also `npm run jobs -- staff-digest [--now …]`: each staff and
   * admin member who did not turn it off gets the 'staff-digest' of what waits for the team, on days when something
   * does (dedupe key `staff-digest:<member>:<Paris date>`).
   */
  'staff-digest.run': { now?: string };
  /**
   * A group's admin (or staff) sent a message (members, `sendGroupMessage`, in its transaction): the workers read it
   * and its recipients through the gateway (`systemGroupMessage`, `systemGroupMessageRecipients`, system only) and
   * write one 'group-message' e-mail per recipient (dedupe key `group-message:<message>:<member>`).
   */
  'group-message.sent': { messageId: string };
  /**
   * An event's organizer (or staff) wrote to its confirmed attendees (events, `sendEventMessage`, in its transaction):
   * the workers read it (`systemEventMessage`) and the attendees through the gateway, one 'event-message' e-mail each
   * (dedupe key `event-message:<message>:<member>`).
   */
  'event-message.sent': { messageId: string };
  /**
   * Attendance changed at an event (events: `markAttendance`, `checkIn`, walk-ins; written in the change's transaction):
   * the workers recompute these members' first participation (events' `systemFirstParticipations`) and write it to
   * members (`recordFirstParticipations`). Recomputed, never incremented: idempotent, and a correction (PRESENT → ABSENT)
   * is right too.
   */
  'attendance.changed': { eventId: string; memberIds: string[] };
  /**
   * Scheduled by the workers (daily, 10:00 Europe/Paris), also run by `npm run jobs -- newcomer-nudges [--now …]`: the
   * newcomers who signed up more than NEWCOMER_NUDGE_WEEKS ago and have not come yet get one 'newcomer-nudge' e-mail
   * ever (dedupe key `newcomer-nudge:<memberId>`), their buddy a 'buddy-nudge' note. `now` drives the clock in tests.
   */
  'newcomers.nudge': { now?: string };
  /**
   * A member asked for their data export (members, `myData.workers`): the workers answer with the e-mails they keep
   * for that member, as subject and dates only (`JobReplies['member.data-export']`), never the bodies (they carry links).
   */
  'member.data-export': { memberId: string; replyTo: string };
}

/** The content a member proposes and staff review. */
export type ReviewedContentType = 'EVENT' | 'GUIDE_ARTICLE';

export type JobName = keyof JobPayloads;

export const JOB_NAMES = [
  'email.requested',
  'email.deliver',
  'member.erased',
  'system.ping',
  'moderation.apply-decision',
  'prospect.invitation-requested',
  'prospects.minimise',
  'prospect.forgotten',
  'events.extend-series',
  'event.cancelled',
  'registration.promoted',
  'reminders.scan',
  'digest.run',
  'digest.batch',
  'digest.preview',
  'feeds.poll',
  'audit.role-changed',
  'jobs.dead-letters',
  'proposal.reviewed',
  'moderation.decided',
  'staff-digest.run',
  'group-message.sent',
  'event-message.sent',
  'event.change-notice',
  'attendance.changed',
  'newcomers.nudge',
  'member.data-export',
] as const satisfies readonly JobName[];

/**
 * Jobs someone waits for (`JobQueues.request`): what the handler answers. The answer is not the job's return value
 * (BullMQ keeps those in its event stream): it is written under the job's `replyTo` for a minute or two, and read once.
 */
export interface JobReplies {
  'digest.preview': DigestPreviewReply;
  'jobs.dead-letters': DeadLettersReply;
  'member.data-export': MemberEmailsReply;
}

/** The workers' part of a member's data export: the e-mails of the ledger (workers.emails) sent or meant for them. */
export interface MemberEmailsReply {
  /** False when the workers could not read them (their database did not answer): ask again later. */
  ok: boolean;
  /** The oldest first. */
  emails: MemberEmailSummary[];
}

export interface MemberEmailSummary {
  /** The template (`welcome`, `event-reminder`…). */
  template: string;
  /** Null once forgotten. */
  subject: string | null;
  /** pending, sent, suppressed or dead. */
  state: string;
  /** ISO 8601: when it was written. */
  createdAt: string;
  /** ISO 8601: when the SMTP server took it (null unless sent). */
  sentAt: string | null;
}
export type RequestJobName = keyof JobReplies;

export interface DigestPreviewReply {
  /**
   * READY: would be sent; EMPTY: nothing to tell, none sent; NOT_SUBSCRIBED: the member gets no digest of this
   * frequency; ALREADY_SENT: this period's digest is written (the stored one); UNKNOWN_MEMBER: no such member (or
   * erased, banned, suspended); BAD_PERIOD: `period` is not one; FAILED: the workers could not compose it (the
   * gateway did not answer): ask again later.
   */
  outcome: 'READY' | 'EMPTY' | 'NOT_SUBSCRIBED' | 'ALREADY_SENT' | 'UNKNOWN_MEMBER' | 'BAD_PERIOD' | 'FAILED';
  /** `2026-W48` or `2026-11`. */
  period: string;
  /** "de la semaine du 23 novembre 2026". */
  periodLabel: string;
  /** ISO 8601: what is newer than this is new to the member (where their last digest ended, or the look-back); ALREADY_SENT: when it was written. */
  since: string;
  subject: string | null;
  html: string | null;
  text: string | null;
}

/** The dead jobs the workers keep (`workers.dead_jobs`), as staff see them. */
export interface DeadLettersReply {
  /** False when the workers could not read them (their database did not answer): ask again later. */
  ok: boolean;
  /** Dead jobs not run since, of every service (those being tried again included). */
  count: number;
  /** The oldest first. */
  jobs: DeadJobSummary[];
}

export interface DeadJobSummary {
  id: string;
  name: JobName;
  /** DEAD: waiting for its next attempt (`nextAttemptAt`); RETRYING: in the queue again, running or about to. */
  state: 'DEAD' | 'RETRYING';
  /** The job's payload (ids: never personal data, never a secret). */
  payload: unknown;
  /** How many times it failed all the attempts of a run. */
  failures: number;
  /** How many times it was put back in the queue since it first died. */
  redrives: number;
  /** ISO 8601. */
  firstFailedAt: string;
  lastFailedAt: string;
  nextAttemptAt: string | null;
  /** Why its last run failed, in French, without the error's details (they may name people: the workers' logs have them). */
  failure: string;
}

/** The members' roles: @metropotes/auth's. */
export type JobMemberRole = MemberRole;

export type EmailTemplate = 'verify-email' | 'password-reset' | 'welcome' | 'buddy-assigned';

/**
 * What an `email.requested` job says about its e-mail: never a secret. An e-mail with a single-use link
 * (verify-email, password-reset) names the account token it is about by its row id (`tokenId`); members derives the
 * token from that id and gives it to the workers only when the e-mail is sent (`systemMailSecret`), so that the link
 * is in no job, no stored e-mail and no log line.
 */
export interface EmailRequestParams {
  /** verify-email, password-reset: the id of the account token (members' account_tokens row) of the link. */
  tokenId?: string;
  /** verify-email, password-reset: how long the link lives, for the e-mail to say so. */
  validForHours?: string;
  /**
   * buddy-assigned: the buddy's member id (the workers read their name through the gateway). The welcome carries no
   * param: the workers read the member's commune, buddy and the next pot du pote when they write it.
   */
  buddyId?: string;
}

/** Which queue each job goes to. Queues group jobs by the resources they use (SMTP, the gateway). */
export const QUEUE_OF: { [N in JobName]: QueueName } = {
  'email.requested': 'mail',
  'email.deliver': 'mail',
  'member.erased': 'fanout',
  'system.ping': 'system',
  'moderation.apply-decision': 'fanout',
  'prospect.invitation-requested': 'mail',
  'prospects.minimise': 'system',
  'prospect.forgotten': 'fanout',
  'events.extend-series': 'system',
  'event.cancelled': 'fanout',
  'event.change-notice': 'fanout',
  'registration.promoted': 'fanout',
  'reminders.scan': 'system',
  'digest.run': 'system',
  'digest.batch': 'system',
  'digest.preview': 'system',
  'feeds.poll': 'system',
  'audit.role-changed': 'fanout',
  'jobs.dead-letters': 'system',
  // E-mail jobs, like `email.requested`: retried JOB_ATTEMPTS times, not kept dead.
  'proposal.reviewed': 'mail',
  'moderation.decided': 'mail',
  'staff-digest.run': 'system',
  'group-message.sent': 'fanout',
  'event-message.sent': 'fanout',
  'attendance.changed': 'fanout',
  'newcomers.nudge': 'system',
  'member.data-export': 'system',
};

export const QUEUE_NAMES = ['mail', 'fanout', 'system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Queues whose jobs are kept when they fail all their attempts (the workers' `workers.dead_jobs`), counted for staff
 * and run again later and later until they succeed: `fanout`, the jobs born of a change in one service that another
 * must act on (a moderation decision, an erasure, a cancellation, a promotion, a forgotten prospect, a role change, an
 * attendance change).
 * Their payloads are ids and their handlers idempotent, so a job run again changes nothing that was already done.
 * The other queues have their own way back: an e-mail's row (`email.deliver`), the next run of a scheduler, the
 * reconcile loop (digest batches), or someone asking again (a request, a link).
 */
export const DEAD_LETTER_QUEUES: readonly QueueName[] = ['fanout'];
