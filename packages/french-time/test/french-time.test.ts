import { formatParisTime, formatParisTimeRange, parisDay } from '../src';

describe('formatParisTime', () => {
  const now = '2026-06-10T08:00:00.000Z';

  it('writes a day and a time as people say them, in Paris time', () => {
    // 17:30 UTC in December is 18:30 in Paris (UTC+1).
    expect(formatParisTime('2026-12-03T17:30:00Z', { now })).toBe('jeudi 3 décembre, 18 h 30');
    // 16:30 UTC in June is 18:30 in Paris (UTC+2).
    expect(formatParisTime(new Date('2026-06-11T16:30:00Z'), { now })).toBe('jeudi 11 juin, 18 h 30');
  });

  it('says "1er", leaves out ":00" and pads minutes', () => {
    expect(formatParisTime('2026-12-01T08:00:00Z', { now })).toBe('mardi 1er décembre, 9 h');
    expect(formatParisTime('2026-12-01T23:05:00Z', { now })).toBe('mercredi 2 décembre, 0 h 05');
  });

  it('writes the year unless "now" is in the same Paris year', () => {
    expect(formatParisTime('2027-01-04T18:00:00Z', { now })).toBe('lundi 4 janvier 2027, 19 h');
    expect(formatParisTime('2026-12-31T23:30:00Z', { now })).toBe('vendredi 1er janvier 2027, 0 h 30');
    expect(formatParisTime('2026-12-03T17:30:00Z')).toBe('jeudi 3 décembre 2026, 18 h 30');
  });

  it('crosses the daylight-saving changes on the clock of Paris', () => {
    // 29 March 2026: 2:00 becomes 3:00. 01:30 UTC is 3:30 in Paris.
    expect(formatParisTime('2026-03-29T00:30:00Z', { now })).toBe('dimanche 29 mars, 1 h 30');
    expect(formatParisTime('2026-03-29T01:30:00Z', { now })).toBe('dimanche 29 mars, 3 h 30');
  });

  it('writes the day or the time alone', () => {
    expect(formatParisTime('2026-12-03T17:30:00Z', { now, style: 'date' })).toBe('jeudi 3 décembre');
    expect(formatParisTime('2026-12-03T17:30:00Z', { style: 'time' })).toBe('18 h 30');
  });

  it('refuses what is not an instant', () => {
    expect(() => formatParisTime('demain')).toThrow(RangeError);
  });
});

describe('formatParisTimeRange', () => {
  const now = '2026-06-10T08:00:00.000Z';

  it('says one day once', () => {
    expect(formatParisTimeRange('2026-12-03T17:30:00Z', '2026-12-03T19:00:00Z', { now })).toBe('jeudi 3 décembre, de 18 h 30 à 20 h');
  });

  it('names both days of a span over several days', () => {
    expect(formatParisTimeRange('2026-12-05T09:00:00Z', '2026-12-06T16:00:00Z', { now })).toBe(
      'du samedi 5 décembre, 10 h au dimanche 6 décembre, 17 h',
    );
  });
});

describe('parisDay', () => {
  it('is the calendar day in Paris', () => {
    expect(parisDay('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(parisDay('2026-08-15T10:00:00Z')).toBe('2026-08-15');
  });
});
