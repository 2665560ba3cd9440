/**
 * Paris wall-clock dates and times of the console's forms ("2026-06-18", "18:30") and the instants they are, whatever
 * the server's time zone. Read from Intl: no hand-made daylight-saving rules.
 */
const wallClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

/** "2026-06-18" and "18:30", Paris time, as the instant they are (null when either is malformed or does not exist). */
export function parisInstant(date: string, time: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  const guess = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(guess.getTime())) return null;
  // The Paris offset at that moment is one or two hours.
  for (const offset of [1, 2]) {
    const candidate = new Date(guess.getTime() - offset * 3600_000);
    if (wallClock.format(candidate) === `${date} ${time}`) return candidate;
  }
  return null;
}

/** The Paris date and time of an instant, as the form's date and time inputs hold them. */
export function parisDateAndTime(instant: Date | string): { date: string; time: string } {
  const [date, time] = wallClock.format(new Date(instant)).split(' ') as [string, string];
  return { date, time };
}
