/**
 * The console's recurrence editor: a series' rule as the sentence staff read and build with selects (« le premier
 * jeudi de chaque mois à 18 h 30 », « chaque semaine le mardi à 19 h »). Pure data and French words: the RRULE itself
 * is written and read with the rrule package, server-side (recurrence.server.ts).
 */
import { formatClockTime } from './display-time';

export type Frequency = 'WEEKLY' | 'MONTHLY';
export type WeekdayCode = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
/** The week of the month (1 to 4), or -1 for the last one. */
export type Rank = 1 | 2 | 3 | 4 | -1;

export interface Recurrence {
  frequency: Frequency;
  /** Weekly only: every week (1) or every other week (2). */
  interval: 1 | 2;
  /** Monthly only. */
  rank: Rank;
  day: WeekdayCode;
  /** Paris time, HH:MM. */
  startTime: string;
}

export const FREQUENCY_LABELS: Record<Frequency, string> = { WEEKLY: 'chaque semaine', MONTHLY: 'chaque mois' };
export const WEEKDAY_LABELS: Record<WeekdayCode, string> = {
  MO: 'lundi',
  TU: 'mardi',
  WE: 'mercredi',
  TH: 'jeudi',
  FR: 'vendredi',
  SA: 'samedi',
  SU: 'dimanche',
};
export const RANK_LABELS: Record<string, string> = { '1': 'premier', '2': 'deuxième', '3': 'troisième', '4': 'quatrième', '-1': 'dernier' };
export const RANKS: Rank[] = [1, 2, 3, 4, -1];

/** The rule as a French sentence, starting with a lower-case letter (it follows « La série a lieu »). */
export function recurrenceSentence(r: Recurrence): string {
  const at = `à ${formatClockTime(r.startTime)}`;
  const day = WEEKDAY_LABELS[r.day];
  if (r.frequency === 'WEEKLY') {
    return r.interval === 2 ? `une semaine sur deux le ${day} ${at}` : `chaque semaine le ${day} ${at}`;
  }
  return `le ${RANK_LABELS[String(r.rank)]} ${day} de chaque mois ${at}`;
}

/** The sentence's selects, read from a submitted form (null for each missing or unknown choice). */
export function recurrenceFromForm(form: { get(name: string): unknown }): { recurrence: Recurrence | null; errors: Record<string, string> } {
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v.trim() : '';
  };
  const errors: Record<string, string> = {};
  const frequency = value('frequency');
  const day = value('day');
  const rank = Number(value('rank'));
  const startTime = value('startTime');
  if (frequency !== 'WEEKLY' && frequency !== 'MONTHLY' && frequency !== 'BIWEEKLY') errors.frequency = 'Choisissez chaque semaine ou chaque mois.';
  if (!(day in WEEKDAY_LABELS)) errors.day = 'Choisissez le jour de la semaine.';
  if (frequency === 'MONTHLY' && !RANKS.includes(rank as Rank)) errors.rank = 'Choisissez la semaine du mois (premier, deuxième… dernier).';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime)) errors.startTime = 'Indiquez l’heure de début, par exemple 18:30.';
  if (Object.keys(errors).length) return { recurrence: null, errors };
  return {
    recurrence: {
      frequency: frequency === 'MONTHLY' ? 'MONTHLY' : 'WEEKLY',
      interval: frequency === 'BIWEEKLY' ? 2 : 1,
      rank: frequency === 'MONTHLY' ? (rank as Rank) : 1,
      day: day as WeekdayCode,
      startTime,
    },
    errors,
  };
}
