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
    /** Template values that are not personal data (a single-use token, an event id). */
    params: Record<string, string>;
  };
  /**
   * Internal to the workers: deliver one stored e-mail (a row of workers.emails). Carries the row id only;
   * the row's state decides whether anything is sent.
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
    /** The single-use token of the sign-up and do-not-contact links (not personal data). */
    params: Record<string, string>;
  };
  /** Scheduled by the workers: members erases the contact data of prospects inactive for too long. */
  'prospects.minimise': { requestedAt?: string };
  /** A prospect declined contact, or its contact data was erased: the workers forget its e-mails (address, contents). */
  'prospect.forgotten': { prospectId: string };
  /** Scheduled by the workers (daily): events keeps six months of occurrences of every series (`extendEventSeries`). */
  'events.extend-series': { requestedAt?: string };
  /** An event was cancelled (events, after the commit): the workers e-mail its attendees ('event-cancelled'). */
  'event.cancelled': { eventId: string };
  /** A waitlisted registration got a place (events, after the commit): the workers e-mail the member ('registration-promoted'). */
  'registration.promoted': { registrationId: string; eventId: string; memberId: string };
  /**
   * Scheduled by the workers (every few minutes), also runnable on demand: e-mail rows for the reminders due
   * before `now` + the largest offset (dedupe key `reminder:<event>:<member>:<offset>:<startsAt>`). `now` drives the clock in tests.
   */
  'reminders.scan': { now?: string };
  /**
   * Scheduled by the workers (Mondays 08:00 Europe/Paris), also run by `npm run jobs -- digest --period …`: the veille
   * digests of a period (`2026-W48` weekly, `2026-11` monthly; default: the period(s) of `now`), one per member and period.
   */
  'digest.run': { period?: string; now?: string };
  /** Scheduled by the workers: every active watch source polled, new entries handed to the guide (`ingestWatchItems`). */
  'feeds.poll': { requestedAt?: string };
  /**
   * An admin changed a member's role (members, `setMemberRole`, enqueued last inside its transaction): the workers
   * record it in the moderation log (`recordRoleChange`, system only, idempotent per member and `changedAt`).
   * `actorId`: the admin (null: the platform). `changedAt` is ISO 8601.
   */
  'audit.role-changed': { memberId: string; actorId: string | null; previousRole: JobMemberRole; role: JobMemberRole; changedAt: string };
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['email.requested', 'email.deliver', 'member.erased', 'system.ping', 'moderation.apply-decision', 'prospect.invitation-requested', 'prospects.minimise', 'prospect.forgotten', 'events.extend-series', 'event.cancelled', 'registration.promoted', 'reminders.scan', 'digest.run', 'feeds.poll', 'audit.role-changed'] as const satisfies readonly JobName[];

/** The members' roles (as in @metropotes/auth). */
export type JobMemberRole = 'MEMBER' | 'STAFF' | 'ADMIN';

export type EmailTemplate = 'verify-email' | 'password-reset' | 'welcome';

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
  'registration.promoted': 'fanout',
  'reminders.scan': 'system',
  'digest.run': 'system',
  'feeds.poll': 'system',
  'audit.role-changed': 'fanout',
};

export const QUEUE_NAMES = ['mail', 'fanout', 'system'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
