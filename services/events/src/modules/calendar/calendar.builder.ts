import { markdownToText } from '@metropotes/markdown';
import { findCommune } from '@metropotes/territories';
import ical, { ICalEventStatus } from 'ical-generator';
import { PARIS, PARIS_VTIMEZONE, parisZoned } from '../../lib/paris-time';
import type { EventEntity } from '../events';

/** An iCalendar feed of events, in Europe/Paris time, with stable UIDs and cancelled events marked so. */
export function buildCalendar(name: string, events: EventEntity[], publicUrl: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'Métropop!', product: 'Métropotes', language: 'FR' },
    // No calendar-wide zone name: ical-generator would then write DTSTAMP in the server's local time.
    // Each event carries TZID=Europe/Paris, and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: (tz) => (tz === PARIS ? PARIS_VTIMEZONE : null) },
    ttl: 3600,
  });
  calendar.x('X-WR-TIMEZONE', PARIS);
  const base = publicUrl.replace(/\/+$/, '');
  for (const event of events) {
    const commune = event.communeCode ? findCommune(event.communeCode) : undefined;
    const location = [event.venueName, event.venueAddress, commune?.name].filter(Boolean).join(', ');
    const description = [markdownToText(event.description), event.onlineUrl ? `En ligne : ${event.onlineUrl}` : null].filter(Boolean).join('\n\n');
    calendar.createEvent({
      id: `${event.id}@metropotes`,
      start: parisZoned(event.startsAt),
      end: parisZoned(event.endsAt),
      timezone: PARIS,
      stamp: event.updatedAt,
      sequence: event.calendarSequence ?? 0,
      lastModified: event.updatedAt,
      summary: event.status === 'CANCELLED' ? `Annulé : ${event.title}` : event.title,
      description: event.status === 'CANCELLED' && event.cancellationReason ? `Annulé : ${event.cancellationReason}\n\n${description}` : description,
      location: location || null,
      url: `${base}/evenements/${event.id}`,
      status: event.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
