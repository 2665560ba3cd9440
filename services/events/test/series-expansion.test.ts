import { expandSeries } from '../src/modules/series/series-expansion';
import { toParisIso } from '../src/lib/paris-time';

describe('series expansion in Europe/Paris', () => {
  it('keeps 19:00 Paris time across both daylight-saving changes', () => {
    // From mid-October 2026 to mid-April 2027: winter time starts on 25 October 2026 and ends on 28 March 2027.
    const now = new Date('2026-10-15T08:00:00Z');
    const occurrences = expandSeries('FREQ=WEEKLY;BYDAY=TH', '19:00', 90, '2026-10-15', now);
    expect(occurrences.length).toBe(26);
    const local = occurrences.map((o) => toParisIso(o.startsAt));
    for (const text of local) expect(text).toMatch(/T19:00:00\+0[12]:00$/);
    expect(local[0]).toBe('2026-10-15T19:00:00+02:00');
    expect(occurrences[0]!.startsAt.toISOString()).toBe('2026-10-15T17:00:00.000Z');
    // 29 October 2026: winter time.
    expect(occurrences[2]!.startsAt.toISOString()).toBe('2026-10-29T18:00:00.000Z');
    // 1 April 2027: summer time again.
    const april = occurrences.find((o) => o.date === '2027-04-01')!;
    expect(april.startsAt.toISOString()).toBe('2027-04-01T17:00:00.000Z');
    expect(april.endsAt.toISOString()).toBe('2027-04-01T18:30:00.000Z');
  });

  it('counts intervals from the anchor, skips past dates and refuses bad rules', () => {
    const now = new Date('2027-01-20T12:00:00Z');
    const monthly = expandSeries('RRULE:FREQ=MONTHLY;BYDAY=1TH', '19:00', 120, '2026-12-01', now);
    expect(monthly.map((o) => o.date)).toEqual(['2027-02-04', '2027-03-04', '2027-04-01', '2027-05-06', '2027-06-03', '2027-07-01']);
    const fortnightly = expandSeries('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '10:00', 60, '2027-01-04', now);
    expect(fortnightly.slice(0, 2).map((o) => o.date)).toEqual(['2027-02-01', '2027-02-15']);
    // The day itself, once its time has passed, is left out.
    const daily = expandSeries('FREQ=DAILY;COUNT=30', '09:00', 60, '2027-01-20', now);
    expect(daily[0]!.date).toBe('2027-01-21');
    expect(() => expandSeries('FREQ=HOURLY', '19:00', 60, '2027-01-01', now)).toThrow(/plus d’une fois par jour/);
    expect(() => expandSeries('n’importe quoi', '19:00', 60, '2027-01-01', now)).toThrow(/règle de récurrence/);
  });
});
