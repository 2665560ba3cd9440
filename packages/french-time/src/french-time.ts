/**
 * Dates and times in Europe/Paris, written in French the way people say them: « jeudi 3 décembre à 18 h 30 »,
 * « lundi 1er juin 2027 à 9 h », « jeudi 3 décembre de 18 h 30 à 20 h », « demain à 19 h ». Whole hours are written
 * « 18 h », never « 18 h 00 ». One function for the web site and the e-mails, built on Intl (no locale data of our
 * own), so the daylight-saving changes are the platform's.
 */

export const PARIS_TIME_ZONE = 'Europe/Paris';

/** What to write of an instant: the day and the time (default), the day only, the time only, or the month. */
export type FrenchTimeStyle = 'datetime' | 'date' | 'time' | 'month';

export interface FrenchTimeOptions {
  /** Default 'datetime'. */
  style?: FrenchTimeStyle;
  /**
   * "Now", to decide whether the year is said: it is left out for the current year (in Paris) and written otherwise.
   * Without it the year is always written.
   */
  now?: Date | string;
}

interface ParisParts {
  weekday: string;
  day: number;
  month: string;
  year: number;
  hour: number;
  minute: number;
}

// Formatters are immutable and costly to build: one of each, shared (no state changes after creation).
const PARTS = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function parisParts(instant: Date | string): ParisParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a valid instant: ${String(instant)}`);
  const parts: Record<string, string> = {};
  for (const part of PARTS.formatToParts(date)) parts[part.type] = part.value;
  return {
    weekday: parts.weekday!,
    day: Number(parts.day),
    month: parts.month!,
    year: Number(parts.year),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** « 18 h 30 », « 9 h », « 0 h 05 ». */
function timeOf(parts: Pick<ParisParts, 'hour' | 'minute'>): string {
  return parts.minute === 0 ? `${parts.hour} h` : `${parts.hour} h ${String(parts.minute).padStart(2, '0')}`;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

/**
 * A wall-clock time as a form or the API holds it (« 18:30 », « 09:00 », « 19:00:00 ») written the same way: « 18 h 30 », « 9 h ». For times
 * that are not instants (a series' rule: « chaque mardi à 19 h »). Throws RangeError for anything else.
 */
export function formatClockTime(time: string): string {
  const match = CLOCK_TIME.exec(time);
  if (!match) throw new RangeError(`Not a time of day: ${time}`);
  return timeOf({ hour: Number(match[1]), minute: Number(match[2]) });
}

/** « jeudi 3 décembre », « lundi 1er juin 2027 ». */
function dayOf(parts: ParisParts, now: Date | string | undefined): string {
  const day = parts.day === 1 ? '1er' : String(parts.day);
  const sameYear = now !== undefined && parisParts(now).year === parts.year;
  return `${parts.weekday} ${day} ${parts.month}${sameYear ? '' : ` ${parts.year}`}`;
}

/**
 * An instant written in French, in Paris time: « jeudi 3 décembre à 18 h 30 » (style 'datetime'), « jeudi 3
 * décembre » ('date'), « 18 h 30 » ('time'), « décembre 2026 » ('month', the year always written). The year of the
 * others is written unless `now` is in the same year.
 */
export function formatParisTime(instant: Date | string, options: FrenchTimeOptions = {}): string {
  const parts = parisParts(instant);
  switch (options.style ?? 'datetime') {
    case 'time':
      return timeOf(parts);
    case 'date':
      return dayOf(parts, options.now);
    case 'month':
      return `${parts.month} ${parts.year}`;
    default:
      return `${dayOf(parts, options.now)} à ${timeOf(parts)}`;
  }
}

/** « jeudi 3 décembre à 18 h 30 »: formatParisTime's day and time, by its name. */
export const formatParisDateTime = (instant: Date | string, options: Omit<FrenchTimeOptions, 'style'> = {}): string =>
  formatParisTime(instant, { ...options, style: 'datetime' });

/**
 * A span of time written in French, in Paris time: « jeudi 3 décembre de 18 h 30 à 20 h » on one day, « du
 * samedi 5 décembre à 10 h au dimanche 6 décembre à 17 h » over several.
 */
export function formatParisTimeRange(start: Date | string, end: Date | string, options: Omit<FrenchTimeOptions, 'style'> = {}): string {
  const from = parisParts(start);
  const to = parisParts(end);
  if (from.year === to.year && from.month === to.month && from.day === to.day) {
    return `${dayOf(from, options.now)} de ${timeOf(from)} à ${timeOf(to)}`;
  }
  return `du ${dayOf(from, options.now)} à ${timeOf(from)} au ${dayOf(to, options.now)} à ${timeOf(to)}`;
}

/**
 * When an instant comes, said from `now` in Paris: « aujourd'hui à 19 h », « demain à 19 h », otherwise « le mardi
 * 24 novembre à 19 h » (the year when it is not the year of `now`). By calendar days in Paris, not by hours left.
 */
export function formatParisTimeFrom(instant: Date | string, now: Date | string): string {
  const days = Math.round((Date.parse(`${parisDay(instant)}T00:00:00Z`) - Date.parse(`${parisDay(now)}T00:00:00Z`)) / 86_400_000);
  const time = timeOf(parisParts(instant));
  if (days === 0) return `aujourd'hui à ${time}`;
  if (days === 1) return `demain à ${time}`;
  return `le ${formatParisTime(instant, { now })}`;
}

/** The calendar day of an instant in Paris, as YYYY-MM-DD (for grouping an agenda by day, for `<time datetime>`). */
export function parisDay(instant: Date | string): string {
  const parts = parisParts(instant);
  const month = MONTHS.indexOf(parts.month) + 1;
  return `${parts.year}-${String(month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
