import { ROLES, UUID_RE } from '@metropotes/auth';
import { z } from 'zod';
import type { JobName, JobPayloads } from './contract';

/**
 * The schema of every job's payload (`JobPayloads`), checked by the workers before a handler runs: a payload that
 * does not match fails at once, without retry (it would fail the same way every time), and is logged with its job
 * name. Ids are UUIDs (@metropotes/auth's `UUID_RE`); instants are ISO 8601 strings (anything `Date.parse` reads);
 * extra fields are dropped.
 */
const uuid = z.string().regex(UUID_RE, 'not a uuid');
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not an instant (ISO 8601)');
const nonEmpty = z.string().min(1);
const role = z.enum(ROLES);

export const JOB_PAYLOAD_SCHEMAS: { [N in JobName]: z.ZodType<JobPayloads[N]> } = {
  'email.requested': z.object({
    template: z.enum(['verify-email', 'password-reset', 'welcome', 'buddy-assigned']),
    memberId: uuid,
    dedupeKey: nonEmpty,
    params: z.object({ tokenId: uuid.optional(), validForHours: z.string().optional(), buddyId: uuid.optional() }),
  }),
  'email.deliver': z.object({ emailId: uuid }),
  'member.erased': z.object({ memberId: uuid }),
  'system.ping': z.object({ sentAt: z.string() }),
  'moderation.apply-decision': z.object({ decisionId: uuid }),
  'prospect.invitation-requested': z.object({
    prospectId: uuid,
    invitationId: uuid,
    dedupeKey: nonEmpty,
    params: z.object({ validForDays: z.string().optional() }),
  }),
  'prospects.minimise': z.object({ requestedAt: instant.optional() }),
  'prospect.forgotten': z.object({ prospectId: uuid }),
  'events.extend-series': z.object({ requestedAt: instant.optional() }),
  'event.cancelled': z.object({ eventId: uuid }),
  'event.change-notice': z.object({ eventId: uuid, noticeId: uuid }),
  'registration.promoted': z.object({ registrationId: uuid, eventId: uuid, memberId: uuid, promotion: z.number().int().min(1).optional() }),
  'reminders.scan': z.object({ now: instant.optional() }),
  'digest.run': z.object({ period: z.string().optional(), now: instant.optional() }),
  'digest.batch': z.object({ period: nonEmpty, now: instant, after: uuid.nullable() }),
  'digest.preview': z.object({ memberId: uuid, period: z.string().optional(), now: instant.optional(), replyTo: nonEmpty }),
  'feeds.poll': z.object({ requestedAt: instant.optional() }),
  'audit.role-changed': z.object({ memberId: uuid, actorId: uuid.nullable(), previousRole: role, role, changedAt: instant }),
  'jobs.dead-letters': z.object({ action: z.enum(['LIST', 'RETRY']), first: z.number().int().min(0), replyTo: nonEmpty }),
  'proposal.reviewed': z.object({
    contentType: z.enum(['EVENT', 'GUIDE_ARTICLE']),
    contentId: uuid,
    decision: z.enum(['PUBLISHED', 'REJECTED']),
    decidedAt: instant,
    reviewerId: uuid.nullable().optional(),
  }),
  'moderation.decided': z.object({ decisionId: uuid }),
  'staff-digest.run': z.object({ now: instant.optional() }),
  'group-message.sent': z.object({ messageId: uuid }),
  'event-message.sent': z.object({ messageId: uuid }),
  'attendance.changed': z.object({ eventId: uuid, memberIds: z.array(uuid) }),
  'newcomers.nudge': z.object({ now: instant.optional() }),
  'member.data-export': z.object({ memberId: uuid, replyTo: nonEmpty }),
};

export type JobPayloadCheck<N extends JobName> = { ok: true; payload: JobPayloads[N] } | { ok: false; problem: string };

/**
 * Checks a job's payload against its schema: the payload (extra fields dropped), or what is wrong with it in one
 * line (`memberId: not a uuid; params: …`), never the offending values (they could be anything).
 */
export function checkJobPayload<N extends JobName>(name: N, data: unknown): JobPayloadCheck<N> {
  const schema = JOB_PAYLOAD_SCHEMAS[name] as z.ZodType<JobPayloads[N]> | undefined;
  if (!schema) return { ok: false, problem: `no payload schema for job "${name}"` };
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, payload: result.data };
  return { ok: false, problem: result.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ') };
}
