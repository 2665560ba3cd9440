import { fromParisWallClock, parisWallClock, PARIS } from './paris-time';

/**
 * The few members of Temporal.ZonedDateTime that ical-generator reads (it supports Temporal objects),
 * for Europe/Paris and UTC only: lets it write `DTSTART;TZID=Europe/Paris:20261203T190000` whatever
 * the server's own time zone (with a plain Date it would use the process's local time).
 */
export class ZonedInstant {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;

  constructor(
    readonly instant: Date,
    readonly timeZoneId: typeof PARIS | 'UTC' = PARIS,
  ) {
    const w =
      timeZoneId === 'UTC'
        ? {
            year: instant.getUTCFullYear(),
            month: instant.getUTCMonth() + 1,
            day: instant.getUTCDate(),
            hour: instant.getUTCHours(),
            minute: instant.getUTCMinutes(),
            second: instant.getUTCSeconds(),
          }
        : parisWallClock(instant);
    this.year = w.year;
    this.month = w.month;
    this.day = w.day;
    this.hour = w.hour;
    this.minute = w.minute;
    this.second = w.second;
  }

  withTimeZone(timeZoneId: string): ZonedInstant {
    if (timeZoneId !== PARIS && timeZoneId !== 'UTC') throw new Error(`unsupported time zone ${timeZoneId}`);
    return new ZonedInstant(this.instant, timeZoneId);
  }

  toInstant(): { epochMilliseconds: number } {
    return { epochMilliseconds: this.instant.getTime() };
  }

  toPlainDateTime(): PlainWallClock {
    return new PlainWallClock(this.year, this.month, this.day, this.hour, this.minute, this.second, this.timeZoneId);
  }

  toString(): string {
    return this.instant.toISOString();
  }

  toJSON(): string {
    return this.instant.toISOString();
  }
}

/** The Temporal.PlainDateTime counterpart: wall-clock fields only. */
export class PlainWallClock {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    private readonly zone: typeof PARIS | 'UTC',
  ) {}

  toZonedDateTime(timeZoneId: string): ZonedInstant {
    const instant =
      this.zone === 'UTC'
        ? new Date(Date.UTC(this.year, this.month - 1, this.day, this.hour, this.minute, this.second))
        : fromParisWallClock(this);
    return new ZonedInstant(instant).withTimeZone(timeZoneId);
  }

  toPlainDate(): { year: number; month: number; day: number } {
    return { year: this.year, month: this.month, day: this.day };
  }
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
