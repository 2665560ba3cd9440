import { formatClockTime, formatParisDateTime, formatParisTime, formatParisTimeFrom, formatParisTimeRange, parisDay } from '../src';

describe('formatParisTime', () => {
  const now = '2026-06-10T08:00:00.000Z';

  it('writes a day and a time as people say them, in Paris time', () => {
    // 17:30 UTC in December is 18:30 in Paris (UTC+1).
    expect(formatParisTime('2026-12-03T17:30:00Z', { now })).toBe('jeudi 3 décembre à 18 h 30');
    // 16:30 UTC in June is 18:30 in Paris (UTC+2).
    expect(formatParisTime(new Date('2026-06-11T16:30:00Z'), { now })).toBe('jeudi 11 juin à 18 h 30');
  });

  it('says "1er", leaves out ":00" and pads minutes', () => {
    expect(formatParisTime('2026-12-01T08:00:00Z', { now })).toBe('mardi 1er décembre à 9 h');
    expect(formatParisTime('2026-12-01T23:05:00Z', { now })).toBe('mercredi 2 décembre à 0 h 05');
  });

  it('writes the year unless "now" is in the same Paris year', () => {
    expect(formatParisTime('2027-01-04T18:00:00Z', { now })).toBe('lundi 4 janvier 2027 à 19 h');
    expect(formatParisTime('2026-12-31T23:30:00Z', { now })).toBe('vendredi 1er janvier 2027 à 0 h 30');
    expect(formatParisTime('2026-12-03T17:30:00Z')).toBe('jeudi 3 décembre 2026 à 18 h 30');
  });

  it('crosses the daylight-saving changes on the clock of Paris', () => {
    // 29 March 2026: 2:00 becomes 3:00. 01:30 UTC is 3:30 in Paris.
    expect(formatParisTime('2026-03-29T00:30:00Z', { now })).toBe('dimanche 29 mars à 1 h 30');
    expect(formatParisTime('2026-03-29T01:30:00Z', { now })).toBe('dimanche 29 mars à 3 h 30');
  });

  it('writes the day, the time or the month alone', () => {
    expect(formatParisTime('2026-12-03T17:30:00Z', { now, style: 'date' })).toBe('jeudi 3 décembre');
    expect(formatParisTime('2026-12-03T17:30:00Z', { style: 'time' })).toBe('18 h 30');
    expect(formatParisTime('2026-12-03T17:00:00Z', { style: 'time' })).toBe('18 h');
    // The last evening of May in UTC is already June in Paris.
    expect(formatParisTime('2026-05-31T22:30:00Z', { now, style: 'month' })).toBe('juin 2026');
  });

  it('has the day and the time by their name too', () => {
    expect(formatParisDateTime('2026-12-03T17:30:00Z', { now })).toBe('jeudi 3 décembre à 18 h 30');
    expect(formatParisDateTime('2026-12-03T17:00:00Z')).toBe('jeudi 3 décembre 2026 à 18 h');
  });

  it('refuses what is not an instant', () => {
    expect(() => formatParisTime('demain')).toThrow(RangeError);
  });
});

describe('formatParisTimeRange', () => {
  const now = '2026-06-10T08:00:00.000Z';

  it('says one day once', () => {
    expect(formatParisTimeRange('2026-12-03T17:30:00Z', '2026-12-03T19:00:00Z', { now })).toBe('jeudi 3 décembre de 18 h 30 à 20 h');
  });

  it('names both days of a span over several days', () => {
    expect(formatParisTimeRange('2026-12-05T09:00:00Z', '2026-12-06T16:00:00Z', { now })).toBe(
      'du samedi 5 décembre à 10 h au dimanche 6 décembre à 17 h',
    );
  });
});

describe('formatParisTimeFrom', () => {
  it('says today and tomorrow by Paris calendar days, otherwise the day', () => {
    // 19:00 in Paris on Tuesday 24 November 2026 (UTC+1).
    const startsAt = '2026-11-24T18:00:00Z';
    expect(formatParisTimeFrom(startsAt, '2026-11-24T17:10:00Z')).toBe("aujourd'hui à 19 h");
    // 23:30 in Paris the evening before: tomorrow, although the same UTC day.
    expect(formatParisTimeFrom(startsAt, '2026-11-23T22:30:00Z')).toBe('demain à 19 h');
    // 0 h 30 in Paris on the 24th is still the 23rd in UTC: today.
    expect(formatParisTimeFrom(startsAt, '2026-11-23T23:30:00Z')).toBe("aujourd'hui à 19 h");
    expect(formatParisTimeFrom(startsAt, '2026-11-21T09:00:00Z')).toBe('le mardi 24 novembre à 19 h');
    expect(formatParisTimeFrom('2027-01-05T17:30:00Z', '2026-12-31T09:00:00Z')).toBe('le mardi 5 janvier 2027 à 18 h 30');
  });

  it('counts days across the daylight-saving change', () => {
    // Sunday 25 October 2026 has 25 hours in Paris; Monday 26, 9 h is still « demain » from Sunday 0 h 30.
    expect(formatParisTimeFrom('2026-10-26T08:00:00Z', '2026-10-24T22:30:00Z')).toBe('demain à 9 h');
  });
});

describe('formatClockTime', () => {
  it("writes a form's time of day as the instants are written", () => {
    expect(formatClockTime('18:30')).toBe('18 h 30');
    expect(formatClockTime('09:00')).toBe('9 h');
    expect(formatClockTime('00:05')).toBe('0 h 05');
    expect(formatClockTime('19:00:00')).toBe('19 h');
    expect(() => formatClockTime('25:00')).toThrow(RangeError);
    expect(() => formatClockTime('18h30')).toThrow(RangeError);
  });
});

describe('parisDay', () => {
  it('is the calendar day in Paris', () => {
    expect(parisDay('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(parisDay('2026-08-15T10:00:00Z')).toBe('2026-08-15');
  });
});
