import { Temporal } from 'temporal-polyfill';

/** Europe/Paris wall-clock time, with the Temporal polyfill (its time zone rules): people read local time, we store UTC. */
export const PARIS = 'Europe/Paris';

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The instant as a Temporal.ZonedDateTime in Paris (ical-generator writes it as `DTSTART;TZID=Europe/Paris:…`). */
export function parisZoned(date: Date): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime()).toZonedDateTimeISO(PARIS);
}

export function parisWallClock(date: Date): WallClock {
  const { year, month, day, hour, minute, second } = parisZoned(date);
  return { year, month, day, hour, minute, second };
}

/** Minutes Paris is ahead of UTC at that instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(date: Date): number {
  return parisZoned(date).offsetNanoseconds / 60e9;
}

/**
 * The instant a Paris wall-clock time designates. A time skipped by the spring change moves forward one hour
 * (02:30 is 03:30); a time the autumn change repeats is its second occurrence (02:30 in winter time).
 */
export function fromParisWallClock(w: Omit<WallClock, 'second'> & { second?: number }): Date {
  const zoned = Temporal.ZonedDateTime.from(
    { timeZone: PARIS, year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second ?? 0 },
    { disambiguation: 'later', overflow: 'reject' },
  );
  return new Date(zoned.epochMilliseconds);
}

/** ISO 8601 in Paris local time with its offset: `2026-12-03T19:00:00+01:00`. */
export function toParisIso(date: Date): string {
  return parisZoned(date).toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** The Paris calendar date of an instant, `YYYY-MM-DD`. */
export function parisDate(date: Date): string {
  return parisZoned(date).toPlainDate().toString();
}

/** VTIMEZONE of Europe/Paris (EU rules since 1996: last Sunday of March and of October). */
export const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');
