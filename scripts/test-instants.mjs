#!/usr/bin/env node
// Runs the time-sensitive suites with the test clock started at awkward instants (TEST_NOW, read by the test kit's
// testNow()): both daylight-saving changes at 01:30 and 03:30 Paris time, New Year's Eve at 23:30, 29 February, a
// first Monday of a month and the day before one. `npm run test:instants` (all of them), or
// `npm run test:instants -- 2028-02-29T10:00:00Z` (one instant); other jest arguments after `--jest`.
import { spawnSync } from 'node:child_process';

export const AWKWARD_INSTANTS = [
  ['2027-03-28T00:30:00Z', 'last Sunday of March, 01:30 Paris (before the spring change)'],
  ['2027-03-28T01:30:00Z', 'last Sunday of March, 03:30 Paris (after the spring change)'],
  ['2026-10-24T23:30:00Z', 'last Sunday of October, 01:30 Paris (summer time)'],
  ['2026-10-25T02:30:00Z', 'last Sunday of October, 03:30 Paris (winter time)'],
  ['2026-12-31T22:30:00Z', '31 December, 23:30 Paris'],
  ['2028-02-29T10:00:00Z', '29 February 2028, 11:00 Paris'],
  ['2027-02-01T07:00:00Z', 'Monday 1 February 2027 (a first Monday), 08:00 Paris'],
  ['2027-01-31T10:00:00Z', 'Sunday 31 January 2027 (the day before a first Monday), 11:00 Paris'],
];

/** The suites whose rules depend on the date: digest periods, reminders, series, calendars, outreach retention. */
export const TIME_SENSITIVE_SUITES = [
  'services/workers/test/digest.test.ts',
  'services/workers/test/event-jobs.test.ts',
  'services/workers/test/reminders-paging.test.ts',
  'services/workers/test/prospect-invitation.test.ts',
  'services/workers/test/notifications.test.ts',
  'services/events/test/series.test.ts',
  'services/events/test/series-expansion.test.ts',
  'services/events/test/calendar.test.ts',
  'services/events/test/calendar-parsed.test.ts',
  'services/events/test/agenda.test.ts',
  'services/events/test/registrations.test.ts',
  'services/members/test/prospects.test.ts',
  'services/members/test/digest-preferences.test.ts',
  'services/members/test/moderation-actions.test.ts',
  'services/moderation/test/cases.test.ts',
  'services/guide/test/watch-selection.test.ts',
  'services/guide/test/watch.test.ts',
  'scripts/test/seed.test.ts',
];

const args = process.argv.slice(2);
const jestAt = args.indexOf('--jest');
const jestArgs = jestAt >= 0 ? args.slice(jestAt + 1) : [];
const chosen = (jestAt >= 0 ? args.slice(0, jestAt) : args).filter(Boolean);
const instants = chosen.length ? chosen.map((at) => [at, 'chosen']) : AWKWARD_INSTANTS;

const failed = [];
for (const [at, what] of instants) {
  process.stdout.write(`\n=== TEST_NOW=${at} (${what})\n`);
  const run = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...TIME_SENSITIVE_SUITES, ...jestArgs], {
    stdio: 'inherit',
    env: { ...process.env, TEST_NOW: at },
  });
  if (run.status !== 0) failed.push(at);
}
process.stdout.write(`\n${instants.length - failed.length} passed, ${failed.length} failed\n`);
if (failed.length) {
  process.stdout.write(`failed at: ${failed.join(', ')}\n`);
  process.exit(1);
}
