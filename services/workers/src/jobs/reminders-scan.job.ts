import { writeMemberEmails } from '../mail/member-emails';
import type { EmailEntity } from '../mail/email.entity';
import type { WorkersRuntime } from '../runtime';
import { icsAttachment } from '../mail/event-ics';
import { sweepChangeNotices } from './event-change-notice.job';
import { eventParams, icsEventOf } from './event-mails.job';
import { payloadInstant, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';

const HOUR = 3_600_000;

interface DueRegistration {
  registrationId: string;
  eventId: string;
  memberId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  venueAddress: string | null;
  communeCode: string | null;
  onlineUrl: string | null;
  /** Hours before the start when the event's attendees get a reminder (chosen by its organizer; empty: none). */
  reminderOffsetsHours: number[];
  /** The event's iCalendar SEQUENCE (for the attached .ics). */
  calendarSequence: number;
  /** The member turned this registration's reminders off (false). */
  remindersEnabled: boolean;
  /** events' keyset cursor of the row: `after` it, the next page. */
  cursor: string;
}

const DUE = graphql(`
  query WorkerDueRegistrations($from: DateTime!, $before: DateTime!, $eventId: ID, $memberIds: [ID!], $first: Int, $after: String) {
    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, memberIds: $memberIds, first: $first, after: $after) {
      registrationId
      eventId
      memberId
      title
      startsAt
      endsAt
      venueName
      venueAddress
      communeCode
      onlineUrl
      reminderOffsetsHours
      calendarSequence
      remindersEnabled
      cursor
    }
  }
`);

export const reminderKey = (eventId: string, memberId: string, offsetHours: number, startsAt: Date): string =>
  `reminder:${eventId}:${memberId}:${offsetHours}:${startsAt.toISOString()}`;

/**
 * The reminder due at `now` for an event starting at `startsAt`: the smallest offset whose time has come
 * among the offsets that apply to the event (with [3, 24], a registration made 2 hours before gets the 3-hour
 * reminder, not the day-before one; with [24] only, the day-before one, late). Null when none.
 */
export function dueOffset(offsetsHours: readonly number[], startsAt: Date, now: Date): number | null {
  const left = startsAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const sorted = [...offsetsHours].sort((a, b) => a - b);
  return sorted.find((o) => o * HOUR >= left) ?? null;
}

/** Under this time left, a reminder is no longer written (unless its offset is itself this short). */
export const LAST_REMINDER_LEAD_MS = HOUR;

/**
 * Whether the reminder due (`offsetHours`) is written too late to be of use: the event starts in less than an hour
 * (a day-before or 3-hour reminder found by a scan minutes before the start, e.g. a registration made then or an
 * event whose organizer removed a smaller offset). An offset of 1 hour or less is still written: that is its time.
 */
export const tooLate = (offsetHours: number, startsAt: Date, now: Date): boolean =>
  offsetHours * HOUR > LAST_REMINDER_LEAD_MS && startsAt.getTime() - now.getTime() < LAST_REMINDER_LEAD_MS;

/**
 * Registrations asked for a request (by start, then registration id; events answers up to 5,000). The gateway's cost
 * limit counts `first` from the variables: a row of DUE's ten fields costs 17, so a page of 400 costs 6,800 of its
 * 8,000 (5,000 would cost 85,000 and be refused).
 */
export const DUE_PAGE = 400;

/**
 * The confirmed registrations of events starting in [from, before), every one of them: pages of `pageSize` read with
 * events' keyset cursor (the last row's `cursor` as `after`) until a page comes back short. However many registrations
 * share one start time, each is read once.
 */
export async function dueRegistrations(rt: WorkersRuntime, from: Date, before: Date, pageSize = DUE_PAGE): Promise<DueRegistration[]> {
  const all: DueRegistration[] = [];
  for (let after: string | null = null; ;) {
    const data: { systemConfirmedRegistrations: DueRegistration[] | null } = await rt.gateway.call(DUE, {
      from: from.toISOString(),
      before: before.toISOString(),
      first: pageSize,
      after,
    });
    const page = data.systemConfirmedRegistrations ?? [];
    all.push(...page);
    if (page.length < pageSize) return all;
    after = page[page.length - 1]!.cursor;
  }
}

/**
 * Writes the reminders due at `now`: confirmed registrations of published events (not hidden by moderation) starting
 * within the largest allowed offset (REMINDER_OFFSETS_HOURS), read through the gateway (`DUE_PAGE` a request). An
 * event's offsets are those its organizer chose (`Event.reminderOffsetsHours`, default [24]); a registration whose
 * member turned its reminders off (`Registration.remindersEnabled`) gets none. Dedupe key
 * `reminder:<event>:<member>:<offset>:<startsAt>`: running it again (or after a Redis flush) writes nothing twice; a rescheduled event gets new keys.
 * Members who turned reminders off get none. None is written when the event starts in less than an hour (`tooLate`).
 * The e-mail is worded by the time left when the row is written (`startsAtIso`, `writtenAtIso`: « aujourd'hui à
 * 19:00 », « demain à 19:00 », Paris time), not by the offset: a day-before reminder written late says « aujourd'hui ».
 */
export async function scanReminders(rt: WorkersRuntime, now: Date): Promise<{ due: number; created: number }> {
  const offsets = rt.config.reminders.offsetsHours;
  if (!offsets.length) return { due: 0, created: 0 };
  const horizon = new Date(now.getTime() + Math.max(...offsets) * HOUR);
  const requests = (await dueRegistrations(rt, now, horizon)).flatMap((r) => {
    if (!r.remindersEnabled) return [];
    const startsAt = new Date(r.startsAt);
    const offset = dueOffset(r.reminderOffsetsHours, startsAt, now);
    if (offset === null || tooLate(offset, startsAt, now)) return [];
    const event = {
      id: r.eventId,
      title: r.title,
      startsAt,
      venueName: r.venueName,
      venueAddress: r.venueAddress,
      communeCode: r.communeCode,
      onlineUrl: r.onlineUrl,
    };
    return [
      {
        template: 'event-reminder' as const,
        memberId: r.memberId,
        dedupeKey: reminderKey(r.eventId, r.memberId, offset, startsAt),
        params: {
          ...eventParams(event, now),
          ics: 'oui',
          offsetHours: String(offset),
          startsAtIso: startsAt.toISOString(),
          writtenAtIso: now.toISOString(),
        },
        // The event as calendars take it (METHOD:PUBLISH, its UID and current SEQUENCE).
        attachments: [
          icsAttachment(icsEventOf(rt, { ...event, endsAt: r.endsAt, sequence: r.calendarSequence }), 'PUBLISH', { now, from: rt.config.mail.from }),
        ],
      },
    ];
  });
  const result = await writeMemberEmails(rt, requests, (member) => member.eventReminders);
  return { due: requests.length, created: result.created };
}

export function remindersScanJob(rt: WorkersRuntime): JobHandler<'reminders.scan'> {
  return async ({ now }, ctx) => {
    const at = payloadInstant(now, rt.clock.now());
    const result = await scanReminders(rt, at);
    // The change notices due whose delayed job was lost (events keeps them until they are closed).
    const notices = await sweepChangeNotices(rt, at);
    ctx.log.info({ ...result, changeNotices: notices }, 'reminders scanned');
  };
}

/**
 * Re-checked just before sending a reminder: the registration is still confirmed, the event still published (and not
 * hidden by moderation: events' `systemConfirmedRegistrations` answers for public events only) and still starting
 * at the time the reminder was written for (and not started), its offset still chosen for the event, and the member
 * still wants reminders (for this registration and in general) (`now`: the workers' clock). Returns the reason to suppress, or
 * null to send.
 */
export async function staleReminderReason(rt: WorkersRuntime, row: Pick<EmailEntity, 'dedupeKey'>, now: Date): Promise<string | null> {
  const match = /^reminder:([0-9a-f-]{36}):([0-9a-f-]{36}):(\d+):(.+)$/i.exec(row.dedupeKey);
  if (!match) return null;
  const [, eventId, memberId, offsetText, startsAtText] = match as unknown as [string, string, string, string, string];
  const startsAt = new Date(startsAtText);
  if (Number.isNaN(startsAt.getTime())) return null;
  if (startsAt.getTime() <= now.getTime()) return 'event already started';
  const data = await rt.gateway.call(DUE, {
    from: startsAt.toISOString(),
    before: new Date(startsAt.getTime() + 1).toISOString(),
    eventId,
    memberIds: [memberId],
  });
  const registration = data.systemConfirmedRegistrations?.[0];
  // Public events only: cancelled, hidden by moderation or moved (another start), the event has no such registration.
  if (!registration) return 'event cancelled, hidden or moved, or registration cancelled';
  // The offsets the event has now: one its organizer removed meanwhile is not sent.
  if (!registration.reminderOffsetsHours.includes(Number(offsetText))) return 'reminder offset no longer chosen for the event';
  if (!registration.remindersEnabled) return 'reminders turned off for this event';
  const member = await rt.gateway.memberForMail(memberId);
  if (!member) return 'member not found or erased';
  if (!member.eventReminders) return 'reminders turned off';
  return null;
}
