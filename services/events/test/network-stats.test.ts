import { startTestSystem, SUBGRAPH_NAMES, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { findCommune, TERRITORIES } from '@metropotes/territories';
import { firstError } from './helpers';

const STATS = `query S($from: Date!, $to: Date!) {
  networkStats(from: $from, to: $to) {
    from to eventsHeld participants participations returningParticipants walkInMembers walkInNonMembers
    newMembers newcomersCameWithin4Weeks newcomersCameWithin12Weeks
    byTerritory { area territory { code name } participants participations newMembers }
    byKind { kind events participants participations }
  }
}`;

interface Stats {
  from: string;
  to: string;
  eventsHeld: number;
  participants: number;
  participations: number;
  returningParticipants: number;
  walkInMembers: number;
  walkInNonMembers: number;
  newMembers: number;
  newcomersCameWithin4Weeks: number;
  newcomersCameWithin12Weeks: number;
  byTerritory: { area: string; territory: { code: string; name: string } | null; participants: number; participations: number; newMembers: number }[];
  byKind: { kind: string; events: number; participants: number; participations: number }[];
}

type Mark = { member: TestMember; attendance: 'PRESENT' | 'ABSENT' | 'EXCUSED'; walkIn?: boolean };

const PARIS = '75056';
const SAINT_DENIS = '93066';
const VITRY = '94081';
const VERSAILLES = '78646'; // outside the Métropole

/**
 * networkStats (issue #19, "Figures for the association and its funders") through the gateway: counts computed by
 * hand on a seeded set (Paris-day bounds, kinds, territories, newcomers' 4 and 12 weeks, walk-ins), staff only, the
 * range checked, and a constant number of SQL statements in events and members whatever the number of members.
 * The data is written straight into the tables at fixed instants in 2025–2026, before any instant the suites run at.
 */
describe('events: networkStats (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, member] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp()]);
  }, 120_000);
  afterAll(() => system?.stop());

  const stats = (from: string, to: string, token?: string) => system.gql<{ networkStats: Stats }>(STATS, { from, to }, token);

  async function event(kind: string, startsAt: string, marks: Mark[], options: { status?: string; walkInCount?: number } = {}): Promise<string> {
    const start = new Date(startsAt);
    const { rows } = await system.db.query<{ id: string }>(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, commune_code, organizer_id)
       VALUES ($1, $2, $3, $4, $5, '93066', $6) RETURNING id`,
      [`${kind} du ${startsAt}`, kind, options.status ?? 'PUBLISHED', start, new Date(start.getTime() + 2 * 3600_000), staff.id],
    );
    const id = rows[0]!.id;
    for (const mark of marks) {
      await system.db.query(
        `INSERT INTO events.registrations (event_id, member_id, status, attendance, walk_in) VALUES ($1, $2, 'CONFIRMED', $3, $4)`,
        [id, mark.member.id, mark.attendance, mark.walkIn ?? false],
      );
    }
    if (options.walkInCount !== undefined) {
      await system.db.query(`INSERT INTO events.event_attendance (event_id, walk_in_count) VALUES ($1, $2)`, [id, options.walkInCount]);
    }
    return id;
  }

  const joined = (m: TestMember, at: string) => system.db.query(`UPDATE members.members SET joined_at = $2 WHERE id = $1`, [m.id, new Date(at)]);

  it('matches the counts made by hand on a seeded set', async () => {
    const [a, b, c, d, e, f] = await Promise.all([
      system.signUp({ communeCode: PARIS }),
      system.signUp({ communeCode: SAINT_DENIS }),
      system.signUp({ communeCode: SAINT_DENIS }),
      system.signUp({ communeCode: VERSAILLES }),
      system.signUp(),
      system.signUp({ communeCode: VITRY }),
    ]);
    await system.db.query(`UPDATE members.members SET commune_code = NULL WHERE id = $1`, [e!.id]);
    await joined(a!, '2025-06-01T10:00:00Z');
    await joined(b!, '2026-01-10T10:00:00Z');
    await joined(c!, '2026-02-01T10:00:00Z');
    await joined(d!, '2026-02-15T10:00:00Z');
    await joined(e!, '2026-03-01T10:00:00Z');
    await joined(f!, '2026-03-20T10:00:00Z');
    // 1 January 00:30 in Paris: inside the period, although 31 December in UTC.
    await event(
      'POT_DU_POTE',
      '2025-12-31T23:30:00Z',
      [
        { member: a!, attendance: 'PRESENT' },
        { member: b!, attendance: 'ABSENT' },
      ],
      { walkInCount: 5 },
    );
    // b's first participation, 10 days after signing up.
    await event(
      'ATELIER',
      '2026-01-20T18:00:00Z',
      [
        { member: a!, attendance: 'PRESENT' },
        { member: b!, attendance: 'PRESENT' },
      ],
      { walkInCount: 3 },
    );
    // c: 37 days after signing up (within 12 weeks, not 4); d: a walk-in 23 days after; e excused.
    await event('FORMATION', '2026-03-10T18:00:00Z', [
      { member: a!, attendance: 'PRESENT' },
      { member: c!, attendance: 'PRESENT' },
      { member: d!, attendance: 'PRESENT', walkIn: true },
      { member: e!, attendance: 'EXCUSED' },
    ]);
    // 1 April 00:30 in Paris: outside the period; still e's first participation (30.6 days after signing up).
    await event(
      'POT_DU_POTE',
      '2026-03-31T22:30:00Z',
      [
        { member: e!, attendance: 'PRESENT' },
        { member: b!, attendance: 'PRESENT' },
      ],
      { walkInCount: 7 },
    );
    await event('ATELIER', '2026-02-10T18:00:00Z', [], { status: 'CANCELLED' });
    await event('DEBAT', '2026-02-20T18:00:00Z', []);

    const res = await stats('2026-01-01', '2026-03-31', staff.token);
    expect(res.errors).toBeUndefined();
    const s = res.data!.networkStats;
    expect(s).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      eventsHeld: 4,
      participants: 4,
      participations: 6,
      returningParticipants: 1,
      walkInMembers: 1,
      walkInNonMembers: 8,
      // b, c, d, e, f (a joined before; the test's staff and member join at the run's instant, after the period).
      newMembers: 5,
      newcomersCameWithin4Weeks: 2,
      newcomersCameWithin12Weeks: 4,
    });
    expect(s.byKind).toEqual([
      { kind: 'POT_DU_POTE', events: 1, participants: 1, participations: 1 },
      { kind: 'ATELIER', events: 1, participants: 2, participations: 2 },
      { kind: 'FORMATION', events: 1, participants: 3, participations: 3 },
      { kind: 'DEBAT', events: 1, participants: 0, participations: 0 },
      { kind: 'MISSION', events: 0, participants: 0, participations: 0 },
      { kind: 'AUTRE', events: 0, participants: 0, participations: 0 },
    ]);
    expect(s.byTerritory).toHaveLength(14);
    expect(s.byTerritory.slice(0, 12).map((r) => r.territory?.code)).toEqual(TERRITORIES.map((t) => t.code));
    const row = (code: string) => s.byTerritory.find((r) => r.territory?.code === code)!;
    expect(row(PARIS)).toEqual({ area: 'TERRITORY', territory: { code: PARIS, name: 'Paris' }, participants: 1, participations: 3, newMembers: 0 });
    expect(row(findCommune(SAINT_DENIS)!.territoryCode!)).toMatchObject({ participants: 2, participations: 2, newMembers: 2 });
    expect(row(findCommune(VITRY)!.territoryCode!)).toMatchObject({ participants: 0, participations: 0, newMembers: 1 });
    expect(s.byTerritory[12]).toEqual({ area: 'OUTSIDE_METROPOLE', territory: null, participants: 1, participations: 1, newMembers: 1 });
    expect(s.byTerritory[13]).toEqual({ area: 'UNKNOWN', territory: null, participants: 0, participations: 0, newMembers: 1 });
    // Every row adds up to the totals.
    expect(s.byTerritory.reduce((n, r) => n + r.participations, 0)).toBe(s.participations);
    expect(s.byTerritory.reduce((n, r) => n + r.newMembers, 0)).toBe(s.newMembers);

    // One day: only the ATELIER of 20 January.
    const day = (await stats('2026-01-20', '2026-01-20', staff.token)).data!.networkStats;
    expect(day).toMatchObject({ eventsHeld: 1, participants: 2, participations: 2, walkInNonMembers: 3, newMembers: 0 });
  });

  it('is for staff only, and checks the period', async () => {
    expect(firstError(await stats('2026-01-01', '2026-03-31'))?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(firstError(await stats('2026-01-01', '2026-03-31', member.token))?.extensions?.code).toBe('FORBIDDEN');
    // The members' side is not for members either.
    const figures = await system.gql(
      `query F($ids: [ID!]!) { networkMemberFigures(memberIds: $ids, joinedFrom: "2026-01-01T00:00:00Z", joinedBefore: "2026-02-01T00:00:00Z") { memberId } }`,
      { ids: [member.id] },
      member.token,
    );
    expect(firstError(figures)?.extensions?.code).toBe('FORBIDDEN');

    const reversed = firstError(await stats('2026-03-31', '2026-01-01', staff.token));
    expect(reversed).toMatchObject({ message: 'La date de fin doit suivre la date de début.', extensions: { code: 'BAD_USER_INPUT', field: 'to' } });
    const tooLong = firstError(await stats('2024-01-01', '2026-01-01', staff.token));
    expect(tooLong?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(tooLong?.message).toMatch(/deux ans/);
    // Two years exactly (731 days, 2024 a leap year) is accepted.
    expect((await stats('2024-01-01', '2025-12-31', staff.token)).errors).toBeUndefined();
    const notADay = firstError(await stats('2026-02-30', '2026-03-31', staff.token));
    expect(notADay?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(notADay?.message).toMatch(/AAAA-MM-JJ/);
  });

  it('costs the same SQL statements in events and members with N and 3N members', async () => {
    const people = await Promise.all(Array.from({ length: 9 }, (_, i) => system.signUp({ communeCode: [PARIS, SAINT_DENIS, VITRY][i % 3] })));
    const seed = async (group: TestMember[]) => {
      for (const m of group) await joined(m, '2025-02-01T10:00:00Z');
      await event(
        'POT_DU_POTE',
        '2025-02-05T18:00:00Z',
        group.map((m) => ({ member: m, attendance: 'PRESENT' as const })),
      );
      await event(
        'ATELIER',
        '2025-02-20T18:00:00Z',
        group.map((m) => ({ member: m, attendance: 'PRESENT' as const })),
      );
    };
    const count = async () => {
      for (const name of SUBGRAPH_NAMES) system.subgraphs[name].deps.queries.reset();
      const res = await stats('2025-01-01', '2025-03-31', staff.token);
      expect(res.errors).toBeUndefined();
      const counts = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system.subgraphs[name].deps.queries.count]));
      return { counts, figures: res.data!.networkStats };
    };
    await seed(people.slice(0, 3));
    const small = await count();
    await seed(people.slice(3));
    const large = await count();
    // The figures really grew: equal counts over empty figures would prove nothing.
    expect(small.figures).toMatchObject({
      participants: 3,
      participations: 6,
      returningParticipants: 3,
      newMembers: 3,
      newcomersCameWithin4Weeks: 3,
    });
    expect(large.figures).toMatchObject({
      participants: 9,
      participations: 18,
      returningParticipants: 9,
      newMembers: 9,
      newcomersCameWithin4Weeks: 9,
    });
    expect(large.counts).toEqual(small.counts);
    expect(small.counts.events).toBeLessThanOrEqual(3);
    // The figures (networkMemberFigures), and the territories' names the query asks for.
    expect(small.counts.members).toBeLessThanOrEqual(2);
  });
});
