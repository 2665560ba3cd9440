import { formatParisTime, parisDay } from '@metropotes/french-time';
import { STAFF_DIGEST_ITEMS, type StaffDigestKey } from '@metropotes/mail';
import { writeMemberEmails } from '../mail/member-emails';
import { DeadJobRepository } from './dead-job.repository';
import type { WorkersRuntime } from '../runtime';
import { payloadInstant, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

/** What waits for the team, as the console's dashboard counts it (read as the system), and who wants to hear it. */
const STAFF_WAITING = graphql(`
  query WorkerStaffWaiting {
    eventsToReview(first: 1) {
      totalCount
    }
    eventRevisionsToReview(first: 1) {
      totalCount
    }
    systemGuideWaiting {
      fichesToReview
      watchItemsToCurate
    }
    moderationQueue(filter: { status: OPEN }, first: 1) {
      totalCount
    }
    newcomers(first: 1) {
      totalCount
    }
    systemStaffDigestRecipients {
      memberId
    }
  }
`);

export interface StaffDigestResult {
  /** The Paris day, YYYY-MM-DD. */
  day: string;
  waiting: Record<StaffDigestKey, number>;
  /** Staff members who want it (0 written on a day when nothing waits). */
  recipients: number;
  created: number;
}

/**
 * The staff's daily digest at `now`: the counts of what waits (events and their edits to review, fiches and their
 * edits to review, open cases, veille items to curate, newcomers to welcome, dead jobs — the workers' own), and, when
 * anything does, one 'staff-digest' to each staff member and admin who did not turn it off
 * (`systemStaffDigestRecipients`), key `staff-digest:<member>:<Paris day>`: one a day, whatever reruns.
 */
export async function runStaffDigest(rt: WorkersRuntime, now: Date): Promise<StaffDigestResult> {
  const [data, dead] = await Promise.all([rt.gateway.call(STAFF_WAITING), new DeadJobRepository(rt.dataSource).open(0)]);
  const waiting: Record<StaffDigestKey, number> = {
    eventsToReview: data.eventsToReview.totalCount,
    eventRevisionsToReview: data.eventRevisionsToReview.totalCount,
    fichesToReview: data.systemGuideWaiting.fichesToReview,
    openCases: data.moderationQueue.totalCount,
    watchItemsToCurate: data.systemGuideWaiting.watchItemsToCurate,
    newcomersToWelcome: data.newcomers.totalCount,
    deadJobs: dead.count,
  };
  const day = parisDay(now);
  const recipients = data.systemStaffDigestRecipients.map((r) => r.memberId);
  if (!Object.values(waiting).some((n) => n > 0)) return { day, waiting, recipients: recipients.length, created: 0 };
  const params: Record<string, string> = { day: formatParisTime(now, { style: 'date', now }) };
  for (const item of STAFF_DIGEST_ITEMS) params[item.key] = String(waiting[item.key]);
  const { created } = await writeMemberEmails(
    rt,
    recipients.map((memberId) => ({ template: 'staff-digest' as const, memberId, dedupeKey: `staff-digest:${memberId}:${day}`, params })),
  );
  return { day, waiting, recipients: recipients.length, created };
}

/** `staff-digest.run { now? }`: scheduled daily at 08:30 Paris time (`STAFF_DIGEST_PATTERN`). */
export function staffDigestRunJob(rt: WorkersRuntime): JobHandler<'staff-digest.run'> {
  return async ({ now }, ctx) => {
    const result = await runStaffDigest(rt, payloadInstant(now, ctx.scheduledAt ?? rt.clock.now()));
    ctx.log.info(result, 'staff digest');
  };
}
