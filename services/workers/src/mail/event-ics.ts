import type { EmailAttachment } from './email.entity';

/** What an event's .ics says (no personal data: no attendee, no member). */
export interface IcsEvent {
  id: string;
  title: string;
  startsAt: Date | string;
  endsAt: Date | string;
  /** The event's SEQUENCE (events' `calendarSequence`): raised by each change a calendar shows, and by cancellation. */
  sequence: number;
  /** Venue name, address and commune, one line. */
  location?: string | null;
  onlineUrl?: string | null;
  /** The event page. */
  url: string;
}

export type IcsMethod = 'PUBLISH' | 'CANCEL';

/** The UID of an event in every calendar the platform writes (the same as the members' calendar feed). */
export const eventUid = (eventId: string): string => `${eventId}@metropotes`;

/** A UTC date-time as RFC 5545 writes it: 20261203T173000Z. */
const utc = (date: Date | string): string =>
  new Date(date)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline. */
const text = (value: string): string => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length ? 74 : 75; // a continuation line starts with one space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The mailbox of a From header (`Name <a@b>` or `a@b`). */
const mailbox = (from: string): string => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/**
 * One event as an iCalendar object (RFC 5545, iTIP METHOD PUBLISH or CANCEL): stable UID `<event id>@metropotes`,
 * SEQUENCE, start and end in UTC, STATUS CONFIRMED or CANCELLED (with CANCEL), the network as ORGANIZER.
 */
export function eventIcs(event: IcsEvent, method: IcsMethod, options: { now: Date; from: string }): string {
  const description = [event.onlineUrl ? `En ligne : ${event.onlineUrl}` : null, `Sur Les Métropotes : ${event.url}`].filter(Boolean).join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Métropop!//Métropotes//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${eventUid(event.id)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(options.now)}`,
    `DTSTART:${utc(event.startsAt)}`,
    `DTEND:${utc(event.endsAt)}`,
    `SUMMARY:${text(method === 'CANCEL' ? `Annulé : ${event.title}` : event.title)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : event.onlineUrl ? [`LOCATION:${text(event.onlineUrl)}`] : []),
    `DESCRIPTION:${text(description)}`,
    `URL:${event.url}`,
    `ORGANIZER;CN=Les Métropotes:mailto:${mailbox(options.from)}`,
    `STATUS:${method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/** The .ics as an e-mail attachment (`evenement.ics`, text/calendar with its method). */
export function icsAttachment(event: IcsEvent, method: IcsMethod, options: { now: Date; from: string }): EmailAttachment {
  return { filename: 'evenement.ics', contentType: `text/calendar; charset=utf-8; method=${method}`, content: eventIcs(event, method, options) };
}
