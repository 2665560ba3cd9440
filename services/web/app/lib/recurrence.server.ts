import rrulePackage from 'rrule';
import type { Recurrence, Rank, WeekdayCode } from './recurrence';
import { parisInstant } from '@metropotes/french-time';

// rrule ships CommonJS for Node (its ES build is for bundlers): its named exports sit on the default export.
const { RRule } = rrulePackage;

const WEEKDAYS: Record<WeekdayCode, InstanceType<typeof rrulePackage.Weekday>> = {
  MO: RRule.MO,
  TU: RRule.TU,
  WE: RRule.WE,
  TH: RRule.TH,
  FR: RRule.FR,
  SA: RRule.SA,
  SU: RRule.SU,
};
const CODES = Object.keys(WEEKDAYS) as WeekdayCode[];

/** The API's rule (RFC 5545, without DTSTART), written by rrule: FREQ=MONTHLY;BYDAY=+1TH, FREQ=WEEKLY;BYDAY=TU. */
export function toRrule(r: Recurrence): string {
  const weekday = WEEKDAYS[r.day];
  const options =
    r.frequency === 'MONTHLY'
      ? { freq: RRule.MONTHLY, byweekday: [weekday.nth(r.rank)] }
      : { freq: RRule.WEEKLY, byweekday: [weekday], ...(r.interval === 2 ? { interval: 2 } : {}) };
  return RRule.optionsToString(options).replace(/^RRULE:/, '');
}

/**
 * A stored rule read back into the sentence's choices, or null when it is not one the sentence can say (another
 * frequency, several days…): the page then shows the rule as it is.
 */
export function fromRrule(rule: string, startTime: string): Recurrence | null {
  let options;
  try {
    options = RRule.parseString(rule.replace(/^RRULE:/i, ''));
  } catch {
    return null;
  }
  const days = options.byweekday;
  const list = Array.isArray(days) ? days : days === undefined || days === null ? [] : [days];
  if (list.length !== 1 || options.count || options.until || options.bymonthday || options.bysetpos) return null;
  const only = list[0]!;
  const weekday = typeof only === 'number' ? only : typeof only === 'string' ? CODES.indexOf(only as WeekdayCode) : only.weekday;
  const nth = typeof only === 'object' ? only.n : undefined;
  const day = CODES[weekday];
  if (!day) return null;
  const interval = options.interval ?? 1;
  if (options.freq === RRule.WEEKLY && !nth && (interval === 1 || interval === 2)) {
    return { frequency: 'WEEKLY', interval, rank: 1, day, startTime };
  }
  if (options.freq === RRule.MONTHLY && interval === 1 && nth !== undefined && [1, 2, 3, 4, -1].includes(nth)) {
    return { frequency: 'MONTHLY', interval: 1, rank: nth as Rank, day, startTime };
  }
  return null;
}

/**
 * The next `count` starts the rule gives after `now`, as the events service expands a series (services/events
 * series-expansion.ts): the rule counted from today's Paris date on Paris wall-clock time, so 19:00 stays 19:00 in
 * winter and in summer.
 */
export function nextStarts(rule: string, startTime: string, now: Date, count = 5): Date[] {
  const [hour, minute] = startTime.split(':').map(Number) as [number, number];
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(now);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const rrule = new RRule({ ...RRule.parseString(rule.replace(/^RRULE:/i, '')), dtstart: new Date(Date.UTC(y, m - 1, d, hour, minute)) });
  const starts: Date[] = [];
  rrule.all((date, i) => {
    if (i > 400 || starts.length >= count) return false;
    const iso = date.toISOString();
    const instant = parisInstant(iso.slice(0, 10), iso.slice(11, 16));
    if (instant && instant.getTime() > now.getTime()) starts.push(instant);
    return starts.length < count;
  });
  return starts;
}
