import type { TestSystem } from '@metropotes/test-kit';
import { dueRegistrations, scanReminders } from '../src/jobs/reminders-scan.job';
import type { WorkersRuntime } from '../src/runtime';
import { startWorkersHarness, type WorkersHarness } from './support/workers-harness';

const HOUR = 3_600_000;

/**
 * events answers `systemConfirmedRegistrations` 5,000 rows at a time (by start, then registration id): the reminders
 * scan pages with its keyset cursor (the last row's `cursor` as `after`) until a short page. The members, events and registrations are written
 * straight into the run's database (thousands of sign-ups through the API would take minutes); everything the scan
 * reads still goes through the gateway. The workers are stopped first: the scan is called directly and the rows stay
 * pending (no SMTP, no delivery of 6,000 e-mails). The 6,000 recipients are also read through the gateway
 * (`membersForMail`: members' system query `systemMembersForMail`, 500 ids a request).
 */
describe('workers: the reminders scan pages past 5,000 due registrations (gateway, Postgres, Redis real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;

  beforeAll(async () => {
    harness = await startWorkersHarness({ env: { REMINDER_OFFSETS_HOURS: '24, 3' } });
    ({ system, runtime } = harness);
    await harness.running.stop();
  });

  afterAll(() => harness?.stop());

  /**
   * `count` members with an e-mail (reminders on unless `reminders` is false), as one INSERT … generate_series; they
   * joined, verified their address and accepted the charter now (the run's clock).
   */
  async function insertMembers(tag: string, count: number, reminders = true): Promise<string[]> {
    const { rows } = await system.db.query<{ id: string }>(
      `INSERT INTO members.members (email, email_verified_at, display_name, search_name, role, welcome_status, charter_accepted_at, event_reminders, joined_at)
       SELECT $1 || n || '@exemple.org', $4::timestamptz, 'Membre ' || $1 || ' ' || n, lower('membre ' || $1 || ' ' || n), 'MEMBER', 'WELCOMED', $4::timestamptz, $3, $4::timestamptz
       FROM generate_series(1, $2::int) AS n
       RETURNING id`,
      [tag, count, reminders, system.clock.now()],
    );
    return rows.map((r) => r.id);
  }

  async function insertEvent(title: string, startsAt: Date, over: { status?: string; reminderOffsetsHours?: number[] } = {}): Promise<string> {
    const { rows } = await system.db.query<{ id: string }>(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, venue_name, commune_code, reminder_offsets_hours)
       VALUES ($1, 'ATELIER', $2, $3, $3::timestamptz + interval '2 hours', 'Maison des associations', '93039', $4::integer[])
       RETURNING id`,
      [title, over.status ?? 'PUBLISHED', startsAt, over.reminderOffsetsHours ?? [24]],
    );
    return rows[0]!.id;
  }

  async function register(eventId: string, memberIds: string[], status: 'CONFIRMED' | 'CANCELLED' = 'CONFIRMED'): Promise<void> {
    await system.db.query(`INSERT INTO events.registrations (event_id, member_id, status) SELECT $1, m, $3 FROM unnest($2::uuid[]) AS m`, [
      eventId,
      memberIds,
      status,
    ]);
    await system.db.query(
      `UPDATE events.events SET confirmed_count = (SELECT count(*) FROM events.registrations WHERE event_id = $1 AND status = 'CONFIRMED') WHERE id = $1`,
      [eventId],
    );
  }

  it('writes exactly one reminder per confirmed registration when more than 5,000 are due, across several start times', async () => {
    const now = system.clock.now();
    now.setUTCSeconds(0, 0);
    // Page 1 (5,000 rows): the 3,000 of `soon`, then 2,000 of `later`; page 2 goes on after the last row read, in the
    // middle of `later`'s registrations (its last 1,000). Losing the second page, or skipping its start, loses reminders.
    const soon = await insertEvent('Pot du pote de la gare', new Date(now.getTime() + 2 * HOUR), { reminderOffsetsHours: [24, 3] });
    const later = await insertEvent('Atelier budget participatif', new Date(now.getTime() + 5 * HOUR));
    const soonMembers = await insertMembers('rappel-tot', 3000);
    const laterMembers = await insertMembers('rappel-tard', 3000);
    await register(soon, soonMembers);
    await register(later, laterMembers);
    // Not due: a cancelled registration, an event still in draft, an event past the horizon; not wanted: reminders off.
    const others = await insertMembers('autre', 3);
    await register(soon, [others[0]!], 'CANCELLED');
    await register(await insertEvent('Brouillon', new Date(now.getTime() + 4 * HOUR), { status: 'DRAFT' }), [others[1]!]);
    await register(await insertEvent('Dans deux jours', new Date(now.getTime() + 48 * HOUR)), [others[2]!]);
    const quiet = await insertMembers('sans-rappel', 5, false);
    await register(later, quiet);
    await system.db.query('ANALYZE events.registrations; ANALYZE events.events; ANALYZE members.members');

    const result = await scanReminders(runtime, now);
    expect(result).toEqual({ due: 6005, created: 6000 });

    const { rows: counts } = await system.db.query<{ event_id: string; offset_hours: string; rows: number; registrations: number; pending: number }>(
      `SELECT split_part(e.dedupe_key, ':', 2) AS event_id, split_part(e.dedupe_key, ':', 4) AS offset_hours,
              count(*)::int AS rows, count(DISTINCT r.id)::int AS registrations,
              count(*) FILTER (WHERE e.state = 'pending' AND e.to_address = m.email)::int AS pending
       FROM workers.emails e
       LEFT JOIN events.registrations r
         ON r.event_id = split_part(e.dedupe_key, ':', 2)::uuid AND r.member_id = split_part(e.dedupe_key, ':', 3)::uuid AND r.status = 'CONFIRMED'
       LEFT JOIN members.members m ON m.id = e.member_id
       WHERE e.dedupe_key LIKE 'reminder:%'
       GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    // `soon` asks for the short reminder and starts within 3 hours: its 3-hour one; `later` gets the day-before one.
    // Every row matches a confirmed registration of the event, is pending and addressed to the member.
    expect(counts).toHaveLength(2);
    expect(counts).toEqual(
      expect.arrayContaining([
        { event_id: soon, offset_hours: '3', rows: 3000, registrations: 3000, pending: 3000 },
        { event_id: later, offset_hours: '24', rows: 3000, registrations: 3000, pending: 3000 },
      ]),
    );
    // One row per registration, none twice, nobody else.
    const { rows: totals } = await system.db.query<{ rows: number; keys: number; members: number }>(
      `SELECT count(*)::int AS rows, count(DISTINCT dedupe_key)::int AS keys, count(DISTINCT member_id)::int AS members
       FROM workers.emails WHERE dedupe_key LIKE 'reminder:%'`,
    );
    expect(totals[0]).toEqual({ rows: 6000, keys: 6000, members: 6000 });

    // Run again: nothing new.
    expect((await scanReminders(runtime, now)).created).toBe(0);
  }, 60_000);

  it('reads every registration once when more than a page of them share one start time (pages of 3 here)', async () => {
    // 7 registrations of two events starting at the same minute (5 + 2), then 1 an hour later, a month ahead (far from
    // the other test's rows). Restarting from the last start read would read the same 3 again and again.
    const start = new Date(system.clock.now().getTime() + 30 * 24 * HOUR);
    start.setUTCSeconds(0, 0);
    const a = await insertEvent('Assemblée de quartier', start);
    const b = await insertEvent('Réunion publique', start);
    const c = await insertEvent('Repair café', new Date(start.getTime() + HOUR));
    const members = await insertMembers('meme-minute', 8);
    await register(a, members.slice(0, 5));
    await register(b, members.slice(5, 7));
    await register(c, members.slice(7));
    const { rows } = await system.db.query<{ id: string; event_id: string }>(
      `SELECT r.id, r.event_id FROM events.registrations r WHERE r.event_id = ANY($1::uuid[])`,
      [[a, b, c]],
    );
    const sameStart = rows
      .filter((r) => r.event_id !== c)
      .map((r) => r.id)
      .sort();
    const expected = [...sameStart, rows.find((r) => r.event_id === c)!.id];

    const call = jest.spyOn(runtime.gateway, 'call');
    try {
      const read = await dueRegistrations(runtime, new Date(start.getTime() - HOUR), new Date(start.getTime() + 2 * HOUR), 3);
      // In (start, registration id) order, each once, nothing missing: pages of 3, 3, then 2 (short: the last).
      expect(read.map((r) => r.registrationId)).toEqual(expected);
      expect(call).toHaveBeenCalledTimes(3);
      expect(call.mock.calls.map(([, variables]) => (variables as { first: number }).first)).toEqual([3, 3, 3]);
    } finally {
      call.mockRestore();
    }
  });
});
