import { fromParisWallClock, parisDate, parisOffsetMinutes, parisWallClock, toParisIso } from '../src/lib/paris-time';

// Paris wall-clock time around the daylight-saving changes of 2026 (29 March 02:00 → 03:00, 25 October 03:00 → 02:00).
describe('Paris time', () => {
  test('a wall-clock time is its Paris instant, in winter and in summer', () => {
    expect(fromParisWallClock({ year: 2026, month: 12, day: 3, hour: 19, minute: 0 }).toISOString()).toBe('2026-12-03T18:00:00.000Z');
    expect(fromParisWallClock({ year: 2026, month: 6, day: 10, hour: 10, minute: 0 }).toISOString()).toBe('2026-06-10T08:00:00.000Z');
  });

  test('a time the spring change skips moves forward one hour; a time the autumn change repeats is the second one', () => {
    expect(toParisIso(fromParisWallClock({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }))).toBe('2026-03-29T03:30:00+02:00');
    expect(toParisIso(fromParisWallClock({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }))).toBe('2026-10-25T02:30:00+01:00');
  });

  test('the offset, the wall clock and the date of an instant', () => {
    expect(parisOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(parisWallClock(new Date('2026-10-25T00:30:00Z'))).toEqual({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 });
    expect(parisWallClock(new Date('2026-10-25T01:30:00Z'))).toEqual({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 });
    expect(parisDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(toParisIso(new Date('2026-12-03T18:00:00.999Z'))).toBe('2026-12-03T19:00:00+01:00');
  });
});
