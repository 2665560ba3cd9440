// The site's dates and times: the e-mails' words (@metropotes/french-time), with no-break spaces where a narrow
// line must not break them (« 18 h 30 », « 3 décembre 2026 »), plain spaces elsewhere.
import { formatClockTime, formatParisTime, formatParisTimeFrom, formatParisTimeRange } from '../app/lib/display-time';

const NB = '\u00a0';

describe('the dates and times the pages show', () => {
  it('keep « 18 h 30 » and « 3 décembre » together, and only those', () => {
    // Thursday 3 December 2026, 18:30 in Paris (17:30 UTC in winter); written without the year in 2026.
    expect(formatParisTime('2026-12-03T17:30:00Z', { now: '2026-11-20T10:00:00Z' })).toBe(`jeudi 3${NB}décembre à 18${NB}h${NB}30`);
    expect(formatParisTime('2027-06-01T07:00:00Z')).toBe(`mardi 1er${NB}juin${NB}2027 à 9${NB}h`);
    expect(formatParisTime('2026-12-03T17:30:00Z', { style: 'time' })).toBe(`18${NB}h${NB}30`);
    expect(formatParisTime('2026-12-03T17:30:00Z', { style: 'month' })).toBe('décembre 2026');
    expect(formatParisTimeRange('2026-12-03T17:30:00Z', '2026-12-03T19:00:00Z', { now: '2026-12-01T00:00:00Z' })).toBe(
      `jeudi 3${NB}décembre de 18${NB}h${NB}30 à 20${NB}h`,
    );
    expect(formatParisTimeFrom('2026-12-04T18:00:00Z', '2026-12-03T10:00:00Z')).toBe(`demain à 19${NB}h`);
    expect(formatClockTime('09:05')).toBe(`9${NB}h${NB}05`);
  });
});
