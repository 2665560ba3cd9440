import { nextDay, parisDateAndTime, parisDayStart, parisInstant } from '../src';

describe('Paris wall-clock dates and times', () => {
  it('reads a summer and a winter time with their offsets', () => {
    expect(parisInstant('2026-06-18', '18:30')?.toISOString()).toBe('2026-06-18T16:30:00.000Z');
    expect(parisInstant('2026-12-03', '18:30')?.toISOString()).toBe('2026-12-03T17:30:00.000Z');
  });

  it('refuses a time skipped when clocks go forward, and takes the first of the hour that happens twice', () => {
    expect(parisInstant('2027-03-28', '02:30')).toBeNull();
    expect(parisInstant('2026-10-25', '02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses what is not a date or a time', () => {
    expect(parisInstant('2026-02-30', '10:00')).toBeNull();
    expect(parisInstant('18/06/2026', '10:00')).toBeNull();
    expect(parisInstant('2026-06-18', '1830')).toBeNull();
    expect(parisDayStart('demain')).toBeNull();
  });

  it('starts a Paris day at midnight Paris time, and reads an instant back', () => {
    expect(parisDayStart('2027-03-28')?.toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(parisDayStart('2026-10-25')?.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(parisDateAndTime('2026-12-31T23:30:00Z')).toEqual({ date: '2027-01-01', time: '00:30' });
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});
