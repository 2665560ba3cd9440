import { formatParisTime } from '@metropotes/french-time';
import { findCommune } from '@metropotes/territories';
import { UnrecoverableError } from 'bullmq';
import { icsAttachment, type IcsEvent } from '../mail/event-ics';
import { writeMemberEmails } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';
import { graphql } from '../generated/gateway';
import type { WorkerCancelledEventQuery } from '../generated/gateway/graphql';

interface EventForMail {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  endsAt: string;
  calendarSequence: number;
  cancellationReason: string | null;
  onlineUrl: string | null;
  venue: { name: string; address: string | null; commune: { code: string } } | null;
}

export const WORKER_EVENT_FIELDS = graphql(`
  fragment WorkerEventFields on Event {
    id
    title
    status
    startsAt
    endsAt
    calendarSequence
    cancellationReason
    onlineUrl
    venue {
      name
      address
      commune {
        code
      }
    }
  }
`);

const CANCELLED_EVENT = graphql(`
  query WorkerCancelledEvent($id: ID!, $after: String) {
    event(id: $id) {
      ...WorkerEventFields
      attendees(first: 100, after: $after) {
        edges {
          node {
            member {
              id
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const WORKER_EVENT = graphql(`
  query WorkerEvent($id: ID!) {
    event(id: $id) {
      ...WorkerEventFields
      moderationState
    }
  }
`);

const PROMOTED = graphql(`
  query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {
    systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) {
      registrationId
    }
  }
`);

/** What the event e-mails say of an event (no personal data). */
export interface EventForParams {
  id: string;
  title: string;
  startsAt: string | Date;
  venueName?: string | null;
  venueAddress?: string | null;
  communeCode?: string | null;
  onlineUrl?: string | null;
}

/** « jeudi 3 décembre à 18 h 30 » in Paris time (the year written unless it is the year of `now`). */
export function spokenStart(startsAt: Date | string, now?: Date): string {
  return formatParisTime(startsAt, now ? { now } : {});
}

/** The venue's name, full address and commune, one line (the commune left out when the address already names it). */
export function placeOf(event: Pick<EventForParams, 'venueName' | 'venueAddress' | 'communeCode'>): string {
  if (!event.venueName) return '';
  const commune = event.communeCode ? findCommune(event.communeCode)?.name : undefined;
  const address = event.venueAddress?.trim() || null;
  const withCommune = commune && !(address ?? '').toLocaleLowerCase('fr').includes(commune.toLocaleLowerCase('fr'));
  return [event.venueName, address, withCommune ? commune : null].filter(Boolean).join(', ');
}

/** Template params shared by the event e-mails (no personal data): eventId, title, when, place?, onlineUrl?. */
export function eventParams(event: EventForParams, now?: Date): Record<string, string> {
  const place = placeOf(event);
  return {
    eventId: event.id,
    title: event.title,
    when: spokenStart(event.startsAt, now),
    ...(place ? { place } : {}),
    ...(event.onlineUrl ? { onlineUrl: event.onlineUrl } : {}),
  };
}

/** The event page, as the e-mails link it. */
export const eventPageUrl = (rt: WorkersRuntime, eventId: string): string => `${rt.config.publicUrl.replace(/\/+$/, '')}/evenements/${eventId}`;

/** What an .ics says of the event: from the params' place, the event page, and the event's SEQUENCE. */
export function icsEventOf(rt: WorkersRuntime, event: EventForParams & { endsAt: string | Date; sequence: number }): IcsEvent {
  return {
    id: event.id,
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    sequence: event.sequence,
    location: placeOf(event) || null,
    onlineUrl: event.onlineUrl ?? null,
    url: eventPageUrl(rt, event.id),
  };
}

const forParams = (e: EventForMail): EventForParams => ({
  ...e,
  venueName: e.venue?.name,
  venueAddress: e.venue?.address,
  communeCode: e.venue?.commune.code,
});
const paramsOf = (e: EventForMail, now?: Date) => eventParams(forParams(e), now);

/**
 * An event was cancelled: every confirmed attendee (read through the gateway as the system, 100 a page) gets one
 * 'event-cancelled' e-mail, dedupe key `cancel:<event>:<member>`. Safe to run again.
 */
export function eventCancelledJob(rt: WorkersRuntime): JobHandler<'event.cancelled'> {
  return async ({ eventId }, ctx) => {
    if (!isUuid(eventId)) throw new UnrecoverableError('event.cancelled needs an event uuid');
    let after: string | null = null;
    let created = 0;
    for (;;) {
      const data: WorkerCancelledEventQuery = await rt.gateway.call(CANCELLED_EVENT, { id: eventId, after });
      const event = data.event;
      if (!event || event.status !== 'CANCELLED' || !event.attendees) return;
      const now = rt.clock.now();
      const params = { ...paramsOf(event, now), ics: 'oui', ...(event.cancellationReason ? { reason: event.cancellationReason } : {}) };
      // The calendar entry is removed: METHOD:CANCEL, STATUS:CANCELLED, the SEQUENCE the cancellation raised.
      const ics = icsAttachment(icsEventOf(rt, { ...forParams(event), endsAt: event.endsAt, sequence: event.calendarSequence }), 'CANCEL', {
        now,
        from: rt.config.mail.from,
      });
      const result = await writeMemberEmails(
        rt,
        event.attendees.edges.map(({ node }) => ({
          template: 'event-cancelled' as const,
          // The system sees every attendee's member (the schema's type allows null for other viewers).
          memberId: node.member!.id,
          dedupeKey: `cancel:${eventId}:${node.member!.id}`,
          params,
          attachments: [ics],
        })),
      );
      created += result.created;
      if (!event.attendees.pageInfo.hasNextPage) break;
      after = event.attendees.pageInfo.endCursor;
    }
    ctx.log.info({ eventId, created }, 'cancellation e-mails recorded');
  };
}

/**
 * The dedupe key of a promotion's e-mail: `promoted:<registration>` for its first promotion (and for jobs written before
 * promotions were counted), `promoted:<registration>:<n>` for the n-th: one e-mail per promotion, ever.
 */
export const promotionDedupeKey = (registrationId: string, promotion: number | undefined): string =>
  promotion && promotion > 1 ? `promoted:${registrationId}:${promotion}` : `promoted:${registrationId}`;

/**
 * A waitlisted member got a place: one 'registration-promoted' e-mail per promotion (`promotionDedupeKey`), if still
 * confirmed, and only for a published event that is not hidden by moderation (its title is not public then).
 */
export function registrationPromotedJob(rt: WorkersRuntime): JobHandler<'registration.promoted'> {
  return async ({ registrationId, eventId, memberId, promotion }, ctx) => {
    if (![registrationId, eventId, memberId].every(isUuid)) {
      throw new UnrecoverableError('registration.promoted needs registration, event and member uuids');
    }
    if (promotion !== undefined && !(Number.isInteger(promotion) && promotion >= 1)) {
      throw new UnrecoverableError('registration.promoted: promotion is a number from 1');
    }
    const first = await rt.gateway.call(WORKER_EVENT, { id: eventId });
    if (!first.event || first.event.status !== 'PUBLISHED' || first.event.moderationState === 'HIDDEN') return;
    const startsAt = new Date(first.event.startsAt);
    // Still confirmed? (its event's start is read above: the registrations of that instant, of this member)
    const data = await rt.gateway.call(PROMOTED, {
      id: eventId,
      memberId,
      from: startsAt.toISOString(),
      before: new Date(startsAt.getTime() + 1).toISOString(),
    });
    if (!data.systemConfirmedRegistrations?.some((r) => r.registrationId === registrationId)) {
      ctx.log.info({ registrationId }, 'registration no longer confirmed: no e-mail');
      return;
    }
    await writeMemberEmails(rt, [
      {
        template: 'registration-promoted',
        memberId,
        dedupeKey: promotionDedupeKey(registrationId, promotion),
        params: paramsOf(first.event, rt.clock.now()),
      },
    ]);
  };
}
