/**
 * Paris wall-clock dates and times as forms hold them ("2026-06-18", "18:30") and the instants they are, whatever
 * the server's time zone. The offset is read from Intl's time-zone data: no hand-made daylight-saving rules.
 */
const wallClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/**
 * "2026-06-18" and "18:30", Paris time, as the instant they are. Null when either is malformed, or when that time
 * does not exist in Paris (the hour skipped when clocks go forward). In the hour that happens twice when clocks go
 * back, the first (summer) one.
 */
export function parisInstant(date: string, time: string): Date | null {
  if (!DAY.test(date) || !TIME.test(time)) return null;
  const guess = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(guess.getTime())) return null;
  // The Paris offset at that moment is one hour (winter) or two (summer).
  for (const offset of [2, 1]) {
    const candidate = new Date(guess.getTime() - offset * 3_600_000);
    if (wallClock.format(candidate) === `${date} ${time}`) return candidate;
  }
  return null;
}

/** The instant a Paris day starts (midnight in Paris), or null for anything but a date. */
export const parisDayStart = (day: string): Date | null => parisInstant(day, '00:00');

/** The Paris date and time of an instant, as a form's date and time inputs hold them. */
export function parisDateAndTime(instant: Date | string): { date: string; time: string } {
  const [date, time] = wallClock.format(new Date(instant)).split(' ') as [string, string];
  return { date, time };
}

/** The calendar day after a day ("2026-06-18" → "2026-06-19"; days, not instants: no time zone involved). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
