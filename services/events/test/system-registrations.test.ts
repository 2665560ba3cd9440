import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError } from './helpers';

const QUERY = `query Q($from: DateTime!, $before: DateTime!, $eventId: ID, $first: Int, $after: String) {
  systemConfirmedRegistrations(startsFrom: $from, startsBefore: $before, eventId: $eventId, first: $first, after: $after) {
    registrationId eventId memberId startsAt cursor
  }
}`;

interface Row {
  registrationId: string;
  eventId: string;
  memberId: string;
  startsAt: string;
  cursor: string;
}

/**
 * events' system query `systemConfirmedRegistrations` pages with a keyset cursor of (starts_at, registration id):
 * pages are disjoint and complete even when more than a page's worth of registrations share one start time.
 */
describe('events: systemConfirmedRegistrations keyset cursor (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, member] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp()]);
    systemToken = await system.systemToken();
  }, 120_000);
  afterAll(() => system?.stop());

  /** As the workers ask (system token) unless another token, or none (null), is given. */
  const query = (variables: Record<string, unknown>, token: string | null = systemToken) =>
    system.gql<{ systemConfirmedRegistrations: Row[] }>(QUERY, variables, token ?? undefined);

  /** Registrations written straight into the database (no member accounts needed: events keeps member ids only). */
  async function insertRegistrations(eventId: string, count: number, status = 'CONFIRMED'): Promise<string[]> {
    const { rows } = await system.db.query<{ id: string }>(
      `INSERT INTO events.registrations (event_id, member_id, status)
       SELECT $1, gen_random_uuid(), $3 FROM generate_series(1, $2::int) RETURNING id`,
      [eventId, count, status],
    );
    return rows.map((r) => r.id);
  }

  it('pages 7 registrations sharing one start time, then 2 more, 3 at a time: disjoint, complete, in (start, id) order', async () => {
    const crowded = await createEvent(system, staff.token, { title: 'Assemblée de quartier' }, 20);
    const next = await createEvent(system, staff.token, { title: 'Repair café' }, 21);
    // A start with microseconds: a cursor that kept only milliseconds would read the crowded start's rows again.
    await system.db.query(`UPDATE events.events SET starts_at = starts_at + interval '123456 microseconds' WHERE id = $1`, [crowded.id]);
    const crowdedIds = await insertRegistrations(crowded.id, 7);
    const nextIds = await insertRegistrations(next.id, 2);
    await insertRegistrations(crowded.id, 2, 'CANCELLED');
    const expected = [...[...crowdedIds].sort(), ...[...nextIds].sort()];

    const now = system.clock.now().getTime();
    const from = new Date(now + 19 * DAY).toISOString();
    const before = new Date(now + 22 * DAY).toISOString();
    const pages: Row[][] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const res = await query({ from, before, first: 3, after });
      expect(res.errors).toBeUndefined();
      const page = res.data!.systemConfirmedRegistrations;
      pages.push(page);
      if (page.length < 3) break;
      after = page[page.length - 1]!.cursor;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 0]);
    const read = pages.flat().map((r) => r.registrationId);
    expect(new Set(read).size).toBe(read.length);
    expect(read).toEqual(expected);
    // The first two pages are all at the crowded start.
    expect(
      new Set(
        pages
          .slice(0, 2)
          .flat()
          .map((r) => r.eventId),
      ),
    ).toEqual(new Set([crowded.id]));

    // Without `first`: everything in one page (default 5000); `eventId` still filters.
    const all = await query({ from, before });
    expect(all.data!.systemConfirmedRegistrations.map((r) => r.registrationId)).toEqual(expected);
    const one = await query({ from, before, eventId: next.id, first: 1 });
    expect(one.data!.systemConfirmedRegistrations.map((r) => r.registrationId)).toEqual([[...nextIds].sort()[0]]);
    const rest = await query({ from, before, eventId: next.id, after: one.data!.systemConfirmedRegistrations[0]!.cursor });
    expect(rest.data!.systemConfirmedRegistrations.map((r) => r.registrationId)).toEqual([[...nextIds].sort()[1]]);
  });

  it('refuses a malformed cursor (BAD_USER_INPUT on after) and a page size outside 1–5000 (BAD_USER_INPUT on first)', async () => {
    const from = '2026-01-01T00:00:00Z';
    const before = '2030-01-01T00:00:00Z';
    const encode = (values: unknown) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
    for (const after of [
      'pas-un-curseur',
      '',
      encode(['2026-01-01T00:00:00Z']),
      encode([1, 2]),
      encode(['2026-02-30T10:00:00.000000Z', '00000000-0000-4000-8000-000000000000']),
      encode(['2026-03-01T10:00:00Z', 'pas-un-uuid']),
    ]) {
      const res = await query({ from, before, after });
      expect(res.data?.systemConfirmedRegistrations ?? null).toBeNull();
      const error = firstError(res)!;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(error.message).toMatch(/curseur.*after/);
    }
    for (const first of [0, -1, 5001]) {
      const error = firstError(await query({ from, before, first }))!;
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect(error.message).toContain('entre 1 et 5000');
    }
    expect(firstError(await query({ from, before, first: 5000 }))).toBeUndefined();
  });

  it('is for the platform only: UNAUTHENTICATED without a token, FORBIDDEN for a member or staff', async () => {
    const variables = { from: '2026-01-01T00:00:00Z', before: '2030-01-01T00:00:00Z', first: 3 };
    expect(firstError(await query(variables, null))!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(firstError(await query(variables, member.token))!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(firstError(await query(variables, staff.token))!.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
