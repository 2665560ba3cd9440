import { Temporal } from 'temporal-polyfill';

export type DigestFrequency = 'WEEKLY' | 'MONTHLY';

export interface DigestPeriod {
  frequency: DigestFrequency;
  /** `2026-W48` (ISO week) or `2026-11`. */
  key: string;
  /** "de la semaine du 23 novembre 2026", "de novembre 2026". */
  label: string;
}

const DAY = 86_400_000;
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The calendar date in Paris of an instant: { year, month (1-12), day, weekday (1 = Monday … 7) } (Temporal polyfill). */
export function parisDate(now: Date): { year: number; month: number; day: number; weekday: number } {
  const { year, month, day, dayOfWeek } = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO('Europe/Paris');
  return { year, month, day, weekday: dayOfWeek };
}

/** ISO 8601 week of a calendar date. */
export function isoWeek(year: number, month: number, day: number): { year: number; week: number } {
  const date = Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  return { year: date.yearOfWeek!, week: date.weekOfYear! };
}

/** The Monday of an ISO week: the week of 4 January is the first. */
function mondayOfIsoWeek(year: number, week: number): Temporal.PlainDate {
  const jan4 = Temporal.PlainDate.from({ year, month: 1, day: 4 });
  return jan4.subtract({ days: jan4.dayOfWeek - 1 }).add({ weeks: week - 1 });
}

export function weeklyPeriod(year: number, week: number): DigestPeriod {
  const monday = mondayOfIsoWeek(year, week);
  const label = `de la semaine du ${monday.day} ${MONTHS[monday.month - 1]} ${monday.year}`;
  return { frequency: 'WEEKLY', key: `${year}-W${String(week).padStart(2, '0')}`, label };
}

export function monthlyPeriod(year: number, month: number): DigestPeriod {
  return { frequency: 'MONTHLY', key: `${year}-${String(month).padStart(2, '0')}`, label: `de ${MONTHS[month - 1]} ${year}` };
}

/** `2026-W48` or `2026-11`; null when it is neither. */
export function parsePeriod(text: string): DigestPeriod | null {
  const week = /^(\d{4})-W(\d{2})$/.exec(text);
  if (week) {
    const [year, n] = [Number(week[1]), Number(week[2])];
    if (n < 1 || n > isoWeek(year, 12, 28).week) return null;
    return weeklyPeriod(year, n);
  }
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return monthlyPeriod(Number(month[1]), Number(month[2]));
  return null;
}

/**
 * The digests due at `now` (the Monday run): the weekly one of the current ISO week, and the monthly one of the
 * current month on the first Monday of a month (Paris dates).
 */
export function periodsDueAt(now: Date): DigestPeriod[] {
  const { year, month, day, weekday } = parisDate(now);
  const week = isoWeek(year, month, day);
  const due = [weeklyPeriod(week.year, week.week)];
  if (weekday === 1 && day <= 7) due.push(monthlyPeriod(year, month));
  return due;
}

/**
 * How far back a member's first digest looks: a week, or five weeks (first Mondays of two months can be 35 days
 * apart). Later digests start where the member's previous one ended (its run's `now`).
 */
export const firstLookbackMs = (frequency: DigestFrequency): number => (frequency === 'WEEKLY' ? 7 : 35) * DAY;

/**
 * The furthest back any digest looks, after a long silence (a digest is not an archive): one day more than the
 * longest gap between two runs (a week and an hour when clocks go back; 35 days between first Mondays), so that two
 * consecutive digests always join up, even a run a few hours late.
 */
export const maxLookbackMs = (frequency: DigestFrequency): number => (frequency === 'WEEKLY' ? 8 : 36) * DAY;

/** How far ahead the agenda section looks: the next weeks, past the next digest. */
export const horizonMs = (frequency: DigestFrequency): number => (frequency === 'WEEKLY' ? 14 : 42) * DAY;
