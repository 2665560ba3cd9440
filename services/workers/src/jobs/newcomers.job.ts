import { formatParisTime } from '@metropotes/french-time';
import { findCommune, findTerritory } from '@metropotes/territories';
import { UnrecoverableError } from 'bullmq';
import { writeMemberEmails, type MemberEmailRequest } from '../mail/member-emails';
import { eventPlace, nearestEvents, spokenStart } from '../mail/welcome-params';
import type { WorkersRuntime } from '../runtime';
import { isUuid, payloadInstant, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const WEEK_MS = 7 * 24 * 3_600_000;

/** Members asked per request on both sides (events' and members' limit). */
const SYNC_PAGE = 500;

const FIRST_PARTICIPATIONS = graphql(`
  query WorkerFirstParticipations($ids: [ID!]!) {
    systemFirstParticipations(memberIds: $ids) {
      memberId
      firstParticipationAt
    }
  }
`);
const RECORD_FIRST_PARTICIPATIONS = graphql(`
  mutation WorkerRecordFirstParticipations($entries: [FirstParticipationInput!]!) {
    recordFirstParticipations(entries: $entries)
  }
`);

/**
 * `attendance.changed`: events recorded attendance for these members; their first participation is read again from
 * events (the earliest event where they are PRESENT) and written to members. Recomputed each time: running it twice,
 * or after a later change, writes the same thing; a correction to ABSENT takes the date back (or to a later event).
 */
export async function syncFirstParticipations(rt: WorkersRuntime, memberIds: readonly string[]): Promise<{ members: number; changed: number }> {
  const ids = [...new Set(memberIds)].filter(isUuid);
  let changed = 0;
  for (let i = 0; i < ids.length; i += SYNC_PAGE) {
    const page = ids.slice(i, i + SYNC_PAGE);
    const data = await rt.gateway.call(FIRST_PARTICIPATIONS, { ids: page });
    const recorded = await rt.gateway.call(RECORD_FIRST_PARTICIPATIONS, {
      entries: data.systemFirstParticipations.map((p) => ({ memberId: p.memberId, firstParticipationAt: p.firstParticipationAt })),
    });
    changed += recorded.recordFirstParticipations;
  }
  return { members: ids.length, changed };
}

export function attendanceChangedJob(rt: WorkersRuntime): JobHandler<'attendance.changed'> {
  return async ({ eventId, memberIds }, ctx) => {
    if (!Array.isArray(memberIds)) throw new UnrecoverableError('attendance.changed needs memberIds');
    const result = await syncFirstParticipations(rt, memberIds);
    ctx.log.info({ eventId, ...result }, 'first participations recomputed');
  };
}

interface NewcomerToNudge {
  memberId: string;
  joinedAt: string;
  communeCode: string | null;
  buddyId: string | null;
  profileVisibility: string;
  buddyProfileVisibility: string | null;
}

const TO_NUDGE = graphql(`
  query WorkerNewcomersToNudge($after: DateTime!, $before: DateTime!, $first: Int, $cursor: ID) {
    systemNewcomersToNudge(joinedAfter: $after, joinedBefore: $before, first: $first, after: $cursor) {
      memberId
      joinedAt
      communeCode
      buddyId
      profileVisibility
      buddyProfileVisibility
    }
  }
`);
const RECORD_NUDGES = graphql(`
  mutation WorkerRecordNewcomerNudges($ids: [ID!]!, $at: DateTime!) {
    recordNewcomerNudges(memberIds: $ids, nudgedAt: $at)
  }
`);

/** Newcomers read per request. */
const NUDGE_PAGE = 200;
/** Events the nudge names. */
const NUDGE_EVENTS = 2;

export const newcomerNudgeKey = (memberId: string): string => `newcomer-nudge:${memberId}`;
export const buddyNudgeKey = (memberId: string, buddyId: string): string => `buddy-nudge:${memberId}:${buddyId}`;

/** The nudge's params: the commune, territory, the next NUDGE_EVENTS events near it (one lookup per commune, cached). */
async function nudgeParams(
  rt: WorkersRuntime,
  communeCode: string | null,
  now: Date,
  cache: Map<string, Record<string, string>>,
): Promise<Record<string, string>> {
  const key = communeCode ?? '';
  const cached = cache.get(key);
  if (cached) return cached;
  const params: Record<string, string> = {};
  const commune = communeCode ? findCommune(communeCode) : undefined;
  if (commune) params.communeName = commune.name;
  const territoryName = commune?.territoryCode ? findTerritory(commune.territoryCode)?.name : undefined;
  if (territoryName) params.territoryName = territoryName;
  const events = await nearestEvents(rt, communeCode, NUDGE_EVENTS, null, now);
  events.forEach(({ event, scope }, i) => {
    const n = i + 1;
    const place = eventPlace(event);
    Object.assign(params, {
      [`event${n}Id`]: event.id,
      [`event${n}Title`]: event.title,
      [`event${n}When`]: spokenStart(event.startsAt, now),
      [`event${n}Scope`]: scope,
      ...(place ? { [`event${n}Place`]: place } : {}),
    });
  });
  cache.set(key, params);
  return params;
}

/**
 * The daily nudge at `now`: members who signed up more than NEWCOMER_NUDGE_WEEKS ago (and less than that plus
 * NEWCOMER_NUDGE_WINDOW_WEEKS: never the members of long before), address confirmed, with no first participation and
 * never nudged (members' `systemNewcomersToNudge`), get one 'newcomer-nudge' (dedupe key `newcomer-nudge:<member>`: one
 * e-mail ever) naming the next two events near them, and their buddy a 'buddy-nudge' note. Both only for members who
 * keep the welcome's follow-up e-mails (`welcomeFollowUp`). Then members records them nudged (`recordNewcomerNudges`),
 * e-mail written or refused by a preference, so the scan never picks them again. Safe to run again at any point.
 */
export async function scanNewcomerNudges(rt: WorkersRuntime, now: Date): Promise<{ newcomers: number; nudges: number; buddyNotes: number }> {
  const { weeks, windowWeeks } = rt.config.nudge;
  const before = new Date(now.getTime() - weeks * WEEK_MS);
  const after = new Date(before.getTime() - windowWeeks * WEEK_MS);
  const cache = new Map<string, Record<string, string>>();
  const total = { newcomers: 0, nudges: 0, buddyNotes: 0 };
  for (let cursor: string | null = null; ;) {
    const data: { systemNewcomersToNudge: NewcomerToNudge[] } = await rt.gateway.call(TO_NUDGE, {
      after: after.toISOString(),
      before: before.toISOString(),
      first: NUDGE_PAGE,
      cursor,
    });
    const page = data.systemNewcomersToNudge;
    if (!page.length) return total;
    const contacts = await rt.gateway.membersForMail(page.flatMap((n) => (n.buddyId ? [n.memberId, n.buddyId] : [n.memberId])));
    const nudges: MemberEmailRequest[] = [];
    const notes: MemberEmailRequest[] = [];
    for (const newcomer of page) {
      const contact = contacts.get(newcomer.memberId);
      if (!contact) continue;
      const buddy = newcomer.buddyId ? contacts.get(newcomer.buddyId) : undefined;
      const params = { ...(await nudgeParams(rt, newcomer.communeCode, now, cache)) };
      if (buddy) {
        Object.assign(params, {
          buddyId: buddy.id,
          buddyName: buddy.displayName,
          ...(newcomer.buddyProfileVisibility === 'STAFF' ? { buddyHidden: '1' } : {}),
        });
      }
      nudges.push({ template: 'newcomer-nudge', memberId: newcomer.memberId, dedupeKey: newcomerNudgeKey(newcomer.memberId), params });
      // The buddy hears of it only when the newcomer is told (and wants these e-mails).
      if (buddy && contact.welcomeFollowUp) {
        notes.push({
          template: 'buddy-nudge',
          memberId: buddy.id,
          dedupeKey: buddyNudgeKey(newcomer.memberId, buddy.id),
          params: {
            newcomerId: newcomer.memberId,
            newcomerName: contact.displayName,
            joinedOn: formatParisTime(newcomer.joinedAt, { style: 'date', now }),
            ...(newcomer.profileVisibility === 'STAFF' ? { newcomerHidden: '1' } : {}),
          },
        });
      }
    }
    const written = await writeMemberEmails(rt, nudges, (member) => member.welcomeFollowUp);
    const noted = await writeMemberEmails(rt, notes, (member) => member.welcomeFollowUp);
    await rt.gateway.call(RECORD_NUDGES, { ids: page.map((n) => n.memberId), at: now.toISOString() });
    total.newcomers += page.length;
    total.nudges += written.created;
    total.buddyNotes += noted.created;
    if (page.length < NUDGE_PAGE) return total;
    cursor = page[page.length - 1]!.memberId;
  }
}

export function newcomersNudgeJob(rt: WorkersRuntime): JobHandler<'newcomers.nudge'> {
  return async ({ now }, ctx) => {
    const result = await scanNewcomerNudges(rt, payloadInstant(now, ctx.scheduledAt ?? rt.clock.now()));
    ctx.log.info(result, 'newcomers nudged');
  };
}
