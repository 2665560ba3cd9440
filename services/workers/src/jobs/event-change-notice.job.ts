import { formatParisTimeRange } from '@metropotes/french-time';
import { UnrecoverableError } from 'bullmq';
import { icsAttachment } from '../mail/event-ics';
import { writeMemberEmails } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { eventParams, icsEventOf, placeOf, spokenStart } from './event-mails.job';
import { isUuid, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

/** What a calendar entry shows of an event (events' SystemEventState). */
interface EventState {
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  onlineUrl: string | null;
}

export const WORKER_EVENT_STATE = graphql(`
  fragment WorkerEventState on SystemEventState {
    startsAt
    endsAt
    venueName
    venueAddress
    communeCode
    onlineUrl
  }
`);
const NOTICE = graphql(`
  query WorkerChangeNotice($eventId: ID!) {
    systemEventChangeNotice(eventId: $eventId) {
      noticeId
      eventId
      title
      public
      dueAt
      before {
        ...WorkerEventState
      }
      after {
        ...WorkerEventState
      }
      calendarSequence
      memberIds
    }
  }
`);
const DUE = graphql(`
  query WorkerDueChangeNotices($dueBefore: DateTime!) {
    systemDueEventChangeNotices(dueBefore: $dueBefore)
  }
`);
const CLOSE = graphql(`
  mutation WorkerCloseChangeNotice($noticeId: ID!, $sent: Boolean!) {
    closeEventChangeNotice(noticeId: $noticeId, sent: $sent)
  }
`);

const sameInstant = (a: string, b: string) => new Date(a).getTime() === new Date(b).getTime();

/**
 * The « before → after » params of what changed between two states (empty when the edits restored the values):
 * whenBefore/whenAfter (start and end), placeBefore/placeAfter (venue: name, address, commune),
 * onlineBefore/onlineAfter.
 */
export function changeParams(before: EventState, after: EventState, now?: Date): Record<string, string> {
  const params: Record<string, string> = {};
  if (!sameInstant(before.startsAt, after.startsAt) || !sameInstant(before.endsAt, after.endsAt)) {
    // The start as people say it; with the end too when the end changed (« jeudi 3 décembre de 18 h 30 à 20 h »).
    const sameEnd = sameInstant(before.endsAt, after.endsAt);
    const when = (s: EventState) => (sameEnd ? spokenStart(s.startsAt, now) : formatParisTimeRange(s.startsAt, s.endsAt, now ? { now } : {}));
    params.whenBefore = when(before);
    params.whenAfter = when(after);
  }
  const placeBefore = placeOf(before);
  const placeAfter = placeOf(after);
  if (placeBefore !== placeAfter) Object.assign(params, { placeBefore, placeAfter });
  if ((before.onlineUrl ?? '') !== (after.onlineUrl ?? ''))
    Object.assign(params, { onlineBefore: before.onlineUrl ?? '', onlineAfter: after.onlineUrl ?? '' });
  return params;
}

/**
 * Sends the event's pending change notice if it is due at `now`: one 'event-changed' e-mail per confirmed or
 * waitlisted member (dedupe key `change:<event>:<member>:<sequence>`), saying what changed since before the first
 * change (before → after), with the updated .ics (same UID, the event's SEQUENCE now). Then events closes the notice.
 * Nothing is sent when the edits restored the values, or when the event is no longer public (a cancellation has its
 * own e-mail). A notice not yet due is left for its delayed job or the sweep. Safe to run again.
 */
export async function sendChangeNotice(rt: WorkersRuntime, eventId: string, now: Date): Promise<{ sent: boolean; created: number } | null> {
  const data = await rt.gateway.call(NOTICE, { eventId });
  const notice = data.systemEventChangeNotice;
  if (!notice || new Date(notice.dueAt).getTime() > now.getTime()) return null;
  const changes = changeParams(notice.before, notice.after, now);
  if (!notice.public || !Object.keys(changes).length) {
    await rt.gateway.call(CLOSE, { noticeId: notice.noticeId, sent: false });
    return { sent: false, created: 0 };
  }
  const event = { id: notice.eventId, title: notice.title, ...notice.after };
  const params = { ...eventParams(event, now), ...changes, ics: 'oui' };
  const ics = icsAttachment(icsEventOf(rt, { ...event, sequence: notice.calendarSequence }), 'PUBLISH', { now, from: rt.config.mail.from });
  const result = await writeMemberEmails(
    rt,
    notice.memberIds.map((memberId) => ({
      template: 'event-changed' as const,
      memberId,
      dedupeKey: `change:${notice.eventId}:${memberId}:${notice.calendarSequence}`,
      params,
      attachments: [ics],
    })),
  );
  await rt.gateway.call(CLOSE, { noticeId: notice.noticeId, sent: true });
  return { sent: true, created: result.created };
}

/** The due notices whose job was lost (Redis flushed, a crash): run from the reminders scan. */
export async function sweepChangeNotices(rt: WorkersRuntime, now: Date): Promise<number> {
  const data = await rt.gateway.call(DUE, { dueBefore: now.toISOString() });
  let sent = 0;
  for (const eventId of data.systemDueEventChangeNotices) {
    if ((await sendChangeNotice(rt, eventId, now))?.sent) sent += 1;
  }
  return sent;
}

export function eventChangeNoticeJob(rt: WorkersRuntime): JobHandler<'event.change-notice'> {
  return async ({ eventId, noticeId }, ctx) => {
    if (!isUuid(eventId) || !isUuid(noticeId)) throw new UnrecoverableError('event.change-notice needs event and notice uuids');
    const result = await sendChangeNotice(rt, eventId, rt.clock.now());
    ctx.log.info({ eventId, noticeId, result }, result ? 'change notice handled' : 'no change notice due');
  };
}
