import { badInput } from '@metropotes/graphql-kit';
import { RRule, type Options } from 'rrule';
import { fromParisWallClock, parisWallClock } from '../../lib/paris-time';

/** How far ahead a series' occurrences exist as events. */
export const HORIZON_MONTHS = 6;
const MAX_OCCURRENCES = 200;

export interface Occurrence {
  /** The Paris date the rule gives, `YYYY-MM-DD`: identifies the occurrence within its series. */
  date: string;
  startsAt: Date;
  endsAt: Date;
}

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseStartTime(value: string): { hour: number; minute: number } {
  const match = TIME_RE.exec(value.trim());
  if (!match) throw badInput("L'heure de début doit être au format HH:MM, par exemple 19:00.", 'startTime');
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function checkDuration(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw badInput('La durée doit être comprise entre 1 minute et 24 heures.', 'durationMinutes');
  }
  return minutes;
}

/** Parses an RFC 5545 RRULE (with or without the `RRULE:` prefix), daily at most; the time of day comes from startTime. */
export function parseRule(text: string): Partial<Options> {
  const source = text.trim().replace(/^RRULE:/i, '');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(source);
  } catch {
    throw badInput("La règle de récurrence n'est pas valide (exemple : FREQ=MONTHLY;BYDAY=1TH).", 'rrule');
  }
  if (options.freq === undefined || options.freq === null) {
    throw badInput('La règle de récurrence doit indiquer sa fréquence (FREQ=...).', 'rrule');
  }
  if (options.freq > RRule.DAILY) throw badInput('Une série ne peut pas se répéter plus d’une fois par jour.', 'rrule');
  for (const key of ['dtstart', 'tzid', 'byhour', 'byminute', 'bysecond'] as const) delete options[key];
  return options;
}

/** A Paris wall-clock time written in a Date's UTC fields: what rrule computes with, free of any time zone. */
const floating = (d: Date) => {
  const w = parisWallClock(d);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
};

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The occurrences of a series from `now` (the clock's) to the horizon, in Europe/Paris: 19:00 stays 19:00 in winter
 * and in summer. `anchor` (a Paris date) is where the rule starts counting (intervals, COUNT).
 */
export function expandSeries(rule: string, startTime: string, durationMinutes: number, anchor: string, now: Date): Occurrence[] {
  const options = parseRule(rule);
  const { hour, minute } = parseStartTime(startTime);
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const dtstart = new Date(Date.UTC(y, m - 1, d, hour, minute));
  const from = floating(now);
  const horizon = new Date(from);
  horizon.setUTCMonth(horizon.getUTCMonth() + HORIZON_MONTHS);
  const rrule = new RRule({ ...options, dtstart });
  const dates = rrule.between(from, horizon, true, (_, i) => i < MAX_OCCURRENCES + 1);
  if (dates.length > MAX_OCCURRENCES) {
    throw badInput(`La règle donne plus de ${MAX_OCCURRENCES} dates en six mois : espacez les occurrences.`, 'rrule');
  }
  const occurrences: Occurrence[] = [];
  for (const date of dates) {
    const startsAt = fromParisWallClock({
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
    });
    if (startsAt.getTime() <= now.getTime()) continue;
    occurrences.push({ date: isoDate(date), startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000) });
  }
  return occurrences;
}

/** The Paris date of `now` (the clock's): today, `YYYY-MM-DD`. */
export const parisToday = (now: Date) => isoDate(floating(now));
