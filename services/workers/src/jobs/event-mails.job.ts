import { UnrecoverableError } from 'bullmq';
import { parisTime, writeMemberEmails } from '../mail/member-emails';
import type { WorkersRuntime } from '../runtime';
import { isUuid, type JobHandler } from './job-handler';

interface EventForMail {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  cancellationReason: string | null;
  onlineUrl: string | null;
  venue: { name: string; address: string | null } | null;
}

const EVENT_FIELDS = `id title status startsAt cancellationReason onlineUrl venue { name address }`;

const CANCELLED_EVENT = `query WorkerCancelledEvent($id: ID!, $after: String) {
  event(id: $id) {
    ${EVENT_FIELDS}
    attendees(first: 100, after: $after) { edges { node { member { id } } } pageInfo { hasNextPage endCursor } }
  }
}`;

const PROMOTED = `query WorkerPromotedRegistration($id: ID!, $from: DateTime!, $before: DateTime!, $memberId: ID!) {
  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $id, memberIds: [$memberId]) { registrationId }
}`;

/** Template params shared by the event e-mails (no personal data). */
export function eventParams(event: { id: string; title: string; startsAt: string | Date; venueName?: string | null; venueAddress?: string | null; onlineUrl?: string | null }): Record<string, string> {
  const place = event.venueName ? [event.venueName, event.venueAddress].filter(Boolean).join(', ') : event.onlineUrl ? `en ligne (${event.onlineUrl})` : '';
  return { eventId: event.id, title: event.title, when: parisTime(event.startsAt), ...(place ? { place } : {}) };
}

const paramsOf = (e: EventForMail) => eventParams({ ...e, venueName: e.venue?.name, venueAddress: e.venue?.address });

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
      type Page = { event: (EventForMail & { attendees: { edges: { node: { member: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null }) | null };
      const data: Page = await rt.gateway.call<Page>(CANCELLED_EVENT, { id: eventId, after });
      const event = data.event;
      if (!event || event.status !== 'CANCELLED' || !event.attendees) return;
      const params = { ...paramsOf(event), ...(event.cancellationReason ? { reason: event.cancellationReason } : {}) };
      const result = await writeMemberEmails(
        rt,
        event.attendees.edges.map(({ node }) => ({
          template: 'event-cancelled' as const,
          memberId: node.member.id,
          dedupeKey: `cancel:${eventId}:${node.member.id}`,
          params,
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
    const first = await rt.gateway.call<{ event: (EventForMail & { moderationState: string | null }) | null }>(
      `query WorkerEvent($id: ID!) { event(id: $id) { ${EVENT_FIELDS} moderationState } }`,
      { id: eventId },
    );
    if (!first.event || first.event.status !== 'PUBLISHED' || first.event.moderationState === 'HIDDEN') return;
    const startsAt = new Date(first.event.startsAt);
    // Still confirmed? (its event's start is read above: the registrations of that instant, of this member)
    const data = await rt.gateway.call<{ systemConfirmedRegistrations: { registrationId: string }[] | null }>(PROMOTED, {
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
      { template: 'registration-promoted', memberId, dedupeKey: promotionDedupeKey(registrationId, promotion), params: paramsOf(first.event) },
    ]);
  };
}
