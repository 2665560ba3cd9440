import { parisDay } from '@metropotes/french-time';
import { unbreakable } from './display-time';

/** Calendar days and months in Europe/Paris, as the agenda's filters and month view read and write them. */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const FRENCH_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** A day typed in a filter (2026-06-01 from a date input, or 01/06/2026 typed in a text box), or null. */
export function parseDay(value: string): string | null {
  const trimmed = value.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = ISO_DAY.exec(trimmed);
  const french = FRENCH_DAY.exec(trimmed);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (french) [year, month, day] = [Number(french[3]), Number(french[2]), Number(french[1])];
  else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 2000 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A month of the address (2026-06), or null. */
export function parseMonth(value: string): string | null {
  const match = ISO_MONTH.exec(value.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** The day after a day (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** The instant a Paris day begins (midnight in Paris: 22:00 or 23:00 UTC the day before). */
export function parisMidnight(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // Paris is UTC+1 or UTC+2, and midnight is never skipped by a change of time (they happen at 2:00 and 3:00).
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.UTC(year, month - 1, date) - offsetHours * 3600_000);
    const before = new Date(candidate.getTime() - 1);
    if (parisDay(candidate) === day && parisDay(before) !== day) return candidate;
  }
  throw new RangeError(`No Paris midnight for ${day}`);
}

/** The month of an instant in Paris (2026-06). */
export const parisMonth = (instant: Date | string): string => parisDay(instant).slice(0, 7);

/** The month before or after (2026-06 → 2026-05, 2026-07). */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** The days of a month (YYYY-MM-DD), in order. */
export function daysOfMonth(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** The day of the week of a calendar day, Monday 0 … Sunday 6 (a calendar day has no time zone). */
export function weekdayIndex(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}

export const FRENCH_WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
export const FRENCH_MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « juin 2026 ». */
export function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${FRENCH_MONTHS[m - 1]} ${year}`;
}

/** « lundi 1er juin » (a calendar day, without the year), as shown: « 1er juin » unbreakable. */
export function dayName(day: string): string {
  const [, m, d] = day.split('-').map(Number) as [number, number, number];
  return unbreakable(`${FRENCH_WEEKDAYS[weekdayIndex(day)]} ${d === 1 ? '1er' : d} ${FRENCH_MONTHS[m - 1]}`);
}
