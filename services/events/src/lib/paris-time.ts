/** Europe/Paris wall-clock time, with Intl (no extra dependency): people read local time, we store UTC. */
export const PARIS = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function parisWallClock(date: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** Minutes Paris is ahead of UTC at that instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(date: Date): number {
  const w = parisWallClock(date);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a Paris wall-clock time designates (a time skipped by the spring change moves forward one hour). */
export function fromParisWallClock(w: Omit<WallClock, 'second'> & { second?: number }): Date {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  let instant = naive - parisOffsetMinutes(new Date(naive)) * 60_000;
  const second = naive - parisOffsetMinutes(new Date(instant)) * 60_000;
  if (second !== instant) instant = second;
  return new Date(instant);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 in Paris local time with its offset: `2026-12-03T19:00:00+01:00`. */
export function toParisIso(date: Date): string {
  const w = parisWallClock(date);
  const offset = parisOffsetMinutes(date);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The Paris calendar date of an instant, `YYYY-MM-DD`. */
export function parisDate(date: Date): string {
  const w = parisWallClock(date);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}
