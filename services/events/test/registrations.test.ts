import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { createEvent, DAY, EVENT, firstError, UPDATE_EVENT, type EventResult } from './helpers';

const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { id status waitlistPosition createdAt member { id } event { id attendeeCount waitlistCount spotsLeft } } }`;
const CANCEL = `mutation C($id: ID!) { cancelRegistration(eventId: $id) { id status waitlistPosition } }`;
const MINE = `query M($id: ID!) { event(id: $id) { attendeeCount waitlistCount spotsLeft myRegistration { id status waitlistPosition } } }`;

interface Reg {
  id: string;
  status: string;
  waitlistPosition: number | null;
  member: { id: string };
  event: { id: string; attendeeCount: number; waitlistCount: number; spotsLeft: number | null };
}

describe('registrations', () => {
  let system: TestSystem;
  let staff: TestMember;
  let organizer: TestMember;
  const people: TestMember[] = [];

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    organizer = await system.signUp();
    for (let i = 0; i < 20; i += 1) people.push(await system.signUp());
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  const register = (token: string, id: string) => system.gql<{ registerForEvent: Reg }>(REGISTER, { id }, token);
  const mine = async (token: string, id: string) =>
    (
      await system.gql<{ event: { attendeeCount: number; waitlistCount: number; spotsLeft: number | null; myRegistration: Reg | null } }>(
        MINE,
        { id },
        token,
      )
    ).data!.event;

  it('never exceeds capacity under 20 concurrent registrations, and waitlists the others in order', async () => {
    const event = await createEvent(system, staff.token, { capacity: 5 });
    // Every member twice at once: registering again must change nothing.
    const results = await Promise.all([...people, ...people.slice(0, 5)].map((p) => register(p.token, event.id)));
    for (const r of results) expect(r.errors).toBeUndefined();
    const rows = await system.db.query(
      `SELECT member_id, status, waitlist_position FROM events.registrations WHERE event_id = $1 ORDER BY waitlist_position NULLS FIRST`,
      [event.id],
    );
    expect(rows.rows).toHaveLength(20);
    expect(rows.rows.filter((r) => r.status === 'CONFIRMED')).toHaveLength(5);
    expect(rows.rows.filter((r) => r.status === 'WAITLISTED').map((r) => r.waitlist_position)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const counts = await system.db.query(`SELECT confirmed_count, waitlist_count FROM events.events WHERE id = $1`, [event.id]);
    expect(counts.rows[0]).toEqual({ confirmed_count: 5, waitlist_count: 15 });
    const seen = await system.gql<{ event: EventResult }>(EVENT, { id: event.id });
    expect(seen.data!.event).toMatchObject({ attendeeCount: 5, spotsLeft: 0, waitlistCount: 15 });

    // A cancellation promotes the first waitlisted automatically; the others move up.
    const confirmedMember = people.find((p) => rows.rows.find((r) => r.member_id === p.id)!.status === 'CONFIRMED')!;
    const firstWaiting = people.find((p) => rows.rows.find((r) => r.member_id === p.id)!.waitlist_position === 1)!;
    const secondWaiting = people.find((p) => rows.rows.find((r) => r.member_id === p.id)!.waitlist_position === 2)!;
    const cancelled = await system.gql<{ cancelRegistration: Reg }>(CANCEL, { id: event.id }, confirmedMember.token);
    expect(cancelled.data!.cancelRegistration).toMatchObject({ status: 'CANCELLED', waitlistPosition: null });
    expect((await mine(firstWaiting.token, event.id)).myRegistration).toMatchObject({ status: 'CONFIRMED', waitlistPosition: null });
    expect(await mine(secondWaiting.token, event.id)).toMatchObject({
      attendeeCount: 5,
      waitlistCount: 14,
      myRegistration: { status: 'WAITLISTED', waitlistPosition: 1 },
    });

    // Leaving the waitlist closes the gap behind.
    const third = people.find((p) => rows.rows.find((r) => r.member_id === p.id)!.waitlist_position === 3)!;
    const fourth = people.find((p) => rows.rows.find((r) => r.member_id === p.id)!.waitlist_position === 4)!;
    await system.gql(CANCEL, { id: event.id }, third.token);
    expect((await mine(fourth.token, event.id)).myRegistration).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });

    // Coming back after cancelling goes to the end of the waitlist.
    const back = await register(confirmedMember.token, event.id);
    expect(back.data!.registerForEvent).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 14 });

    // Raising the capacity confirms the next people in line.
    const raised = await system.gql<{ updateEvent: EventResult }>(UPDATE_EVENT, { id: event.id, input: { capacity: 7 } }, staff.token);
    expect(raised.data!.updateEvent).toMatchObject({ capacity: 7, attendeeCount: 7, waitlistCount: 12 });
    expect((await mine(secondWaiting.token, event.id)).myRegistration?.status).toBe('CONFIRMED');
    expect((await mine(fourth.token, event.id)).myRegistration?.status).toBe('CONFIRMED');

    // Capacity cannot go below the confirmed count.
    const lower = await system.gql(UPDATE_EVENT, { id: event.id, input: { capacity: 6 } }, staff.token);
    expect(firstError(lower)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
  });

  it('is idempotent, and refused for cancelled, past and unpublished events', async () => {
    const event = await createEvent(system, staff.token, { capacity: 2 });
    const a = await register(people[0]!.token, event.id);
    const b = await register(people[0]!.token, event.id);
    expect(a.data!.registerForEvent).toMatchObject({ status: 'CONFIRMED', member: { id: people[0]!.id }, event: { attendeeCount: 1 } });
    expect(b.data!.registerForEvent.id).toBe(a.data!.registerForEvent.id);
    expect(b.data!.registerForEvent.event.attendeeCount).toBe(1);

    expect(firstError(await register('', event.id))?.extensions?.code).toBe('UNAUTHENTICATED');

    const pending = await createEvent(system, organizer.token);
    expect(firstError(await register(organizer.token, pending.id))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    // Someone who cannot see it does not learn it exists.
    expect(firstError(await register(people[1]!.token, pending.id))?.extensions?.code).toBe('NOT_FOUND');

    const cancelled = await createEvent(system, staff.token);
    await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Grève") { id } }`, { id: cancelled.id }, staff.token);
    const refused = await register(people[1]!.token, cancelled.id);
    expect(firstError(refused)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    expect(firstError(refused)?.message).toBe('Cet événement est annulé : les inscriptions sont fermées.');

    // Started a day before the run's now, ended 20 hours before it.
    const past = await system.db.query(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, online_url) VALUES ('Passé', 'ATELIER', 'PUBLISHED', $1::timestamptz - interval '1 day', $1::timestamptz - interval '20 hours', 'https://example.org') RETURNING id`,
      [system.clock.now()],
    );
    expect(firstError(await register(people[1]!.token, past.rows[0].id))?.message).toBe(
      'Cet événement a déjà commencé : les inscriptions sont closes.',
    );

    expect(firstError(await system.gql(CANCEL, { id: event.id }, people[5]!.token))?.extensions?.code).toBe('NOT_FOUND');
    expect(firstError(await register(people[1]!.token, '00000000-0000-4000-8000-000000000000'))?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows attendees to the organizer and staff only, and registrations to the member only', async () => {
    const event = await createEvent(system, organizer.token, {}, 5);
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: event.id }, staff.token);
    const later = await createEvent(system, staff.token, {}, 10);
    for (const p of people.slice(0, 3)) await register(p.token, event.id);
    await register(people[0]!.token, later.id);
    const ATTENDEES = `query A($id: ID!, $after: String) { event(id: $id) { attendees(first: 2, after: $after) { totalCount edges { node { member { id } status } } pageInfo { hasNextPage endCursor } } } }`;
    type Att = {
      event: {
        attendees: {
          totalCount: number;
          edges: { node: { member: { id: string } } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        } | null;
      };
    };
    const asOrganizer = await system.gql<Att>(ATTENDEES, { id: event.id }, organizer.token);
    expect(asOrganizer.errors).toBeUndefined();
    expect(asOrganizer.data!.event.attendees!.totalCount).toBe(3);
    expect(asOrganizer.data!.event.attendees!.edges.map((e) => e.node.member.id)).toEqual([people[0]!.id, people[1]!.id]);
    const next = await system.gql<Att>(ATTENDEES, { id: event.id, after: asOrganizer.data!.event.attendees!.pageInfo.endCursor }, staff.token);
    expect(next.data!.event.attendees!.edges.map((e) => e.node.member.id)).toEqual([people[2]!.id]);
    expect(next.data!.event.attendees!.pageInfo.hasNextPage).toBe(false);
    expect((await system.gql<Att>(ATTENDEES, { id: event.id }, people[0]!.token)).data!.event.attendees).toBeNull();
    expect((await system.gql<Att>(ATTENDEES, { id: event.id })).data!.event.attendees).toBeNull();

    const REGS = `query R($id: ID!, $upcoming: Boolean) { member(id: $id) { registrations(upcoming: $upcoming) { totalCount edges { node { status event { id } } } } } }`;
    type Regs = { member: { registrations: { totalCount: number; edges: { node: { event: { id: string } } }[] } | null } };
    const own = await system.gql<Regs>(REGS, { id: people[0]!.id, upcoming: true }, people[0]!.token);
    expect(own.errors).toBeUndefined();
    const ids = own.data!.member.registrations!.edges.map((e) => e.node.event.id);
    expect(ids.indexOf(event.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).toEqual(expect.arrayContaining([event.id, later.id]));
    expect((await system.gql<Regs>(REGS, { id: people[0]!.id }, staff.token)).data!.member.registrations).not.toBeNull();
    expect((await system.gql<Regs>(REGS, { id: people[0]!.id }, people[1]!.token)).data!.member.registrations).toBeNull();
    const pastOnes = await system.gql<Regs>(REGS, { id: people[0]!.id, upcoming: false }, people[0]!.token);
    expect(pastOnes.data!.member.registrations!.totalCount).toBe(0);

    // Paged one at a time with the cursor: the same registrations, in the same order.
    const PAGE = `query P($id: ID!, $after: String) { member(id: $id) { registrations(first: 1, after: $after) {
      edges { node { event { id } } } pageInfo { hasNextPage endCursor } } } }`;
    type Page = {
      member: { registrations: { edges: { node: { event: { id: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    };
    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i += 1) {
      const page: Page = (await system.gql<Page>(PAGE, { id: people[0]!.id, after }, people[0]!.token)).data!;
      expect(page.member.registrations.edges.length).toBeLessThanOrEqual(1);
      paged.push(...page.member.registrations.edges.map((e) => e.node.event.id));
      if (!page.member.registrations.pageInfo.hasNextPage) break;
      after = page.member.registrations.pageInfo.endCursor;
    }
    expect(paged).toEqual(ids);
  });

  it('costs a constant number of SQL statements for an agenda page with organizer, attendeeCount and myRegistration', async () => {
    const base = system.clock.now().getTime() + 200 * DAY;
    for (let i = 0; i < 30; i += 1) {
      const start = new Date(base + i * 3600_000);
      const e = await createEvent(system, staff.token, {
        kind: 'FORMATION',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 1800_000).toISOString(),
        capacity: 10,
      });
      if (i % 3 === 0) await register(people[7]!.token, e.id);
    }
    const PAGE = `query P($first: Int, $filter: AgendaFilter) { agenda(first: $first, filter: $filter) {
      edges { node { id title organizer { id } attendeeCount spotsLeft myRegistration { id status } } } } }`;
    const filter = { from: new Date(base - DAY).toISOString(), kinds: ['FORMATION'] };
    const counter = system.subgraphs.events.deps.queries;
    const run = async (first: number) => {
      counter.reset({ record: true });
      const res = await system.gql<{ agenda: { edges: { node: { myRegistration: unknown; attendeeCount: number } }[] } }>(
        PAGE,
        { first, filter },
        people[7]!.token,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.agenda.edges).toHaveLength(first);
      return { count: counter.count, registered: res.data!.agenda.edges.filter((e) => e.node.myRegistration).length };
    };
    const five = await run(5);
    const thirty = await run(30);
    expect(five.registered).toBe(2);
    expect(thirty.registered).toBe(10);
    expect(thirty.count).toBe(five.count);
    expect(five.count).toBeLessThanOrEqual(2);
  });

  it("costs a constant number of SQL statements for a directory page with the registrations' totalCount", async () => {
    const counter = system.subgraphs.events.deps.queries;
    const QUERY = `query D($first: Int!) { members(first: $first) { edges { node { id registrations(first: 1) { totalCount edges { node { id } } } } } } }`;
    type Directory = { members: { edges: { node: { id: string; registrations: { totalCount: number } | null } }[] } };
    const run = async (first: number) => {
      counter.reset({ record: true });
      const res = await system.gql<Directory>(QUERY, { first }, staff.token);
      expect(res.errors).toBeUndefined();
      const nodes = res.data!.members.edges.map((e) => e.node);
      expect(nodes).toHaveLength(first);
      const truth = await system.db.query<{ member_id: string; n: number }>(
        `SELECT member_id, count(*)::int AS n FROM events.registrations WHERE member_id = ANY($1::uuid[]) AND status <> 'CANCELLED' GROUP BY member_id`,
        [nodes.map((n) => n.id)],
      );
      expect(nodes.map((n) => n.registrations!.totalCount)).toEqual(nodes.map((n) => truth.rows.find((r) => r.member_id === n.id)?.n ?? 0));
      return { count: counter.count, totals: nodes.map((n) => n.registrations!.totalCount) };
    };
    const small = await run(2);
    const large = await run(12);
    // Members with registrations and members with none are on the page.
    expect(large.totals.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    expect(large.totals).toContain(0);
    expect(large.count).toBe(small.count);
  });

  it('lets attendees leave an event later hidden by moderation or cancelled; others still get NOT_FOUND for a hidden one', async () => {
    const [attendee, waiting, stranger] = [people[12]!, people[13]!, people[14]!];
    const hide = async (eventId: string) => {
      const res = await system.gql(
        `mutation A($input: ApplyModerationActionInput!) { applyEventModerationAction(input: $input) { decisionId } }`,
        { input: { targetType: 'EVENT', targetId: eventId, action: 'HIDE', decisionId: randomUUID() } },
        await system.systemToken(),
      );
      expect(res.errors).toBeUndefined();
    };
    const statusOf = async (eventId: string, memberId: string) =>
      (await system.db.query(`SELECT status FROM events.registrations WHERE event_id = $1 AND member_id = $2`, [eventId, memberId])).rows[0]
        ?.status as string | undefined;
    const counts = async (eventId: string) =>
      (await system.db.query(`SELECT confirmed_count, waitlist_count FROM events.events WHERE id = $1`, [eventId])).rows[0] as {
        confirmed_count: number;
        waitlist_count: number;
      };

    // Hidden by moderation: the attendee and the waitlisted member may leave; someone not registered learns nothing.
    const hidden = await createEvent(system, staff.token, { capacity: 1 }, 9);
    await register(attendee.token, hidden.id);
    await register(waiting.token, hidden.id);
    await hide(hidden.id);
    expect(firstError(await system.gql(CANCEL, { id: hidden.id }, stranger.token))).toMatchObject({
      message: 'Cet événement est introuvable.',
      extensions: { code: 'NOT_FOUND' },
    });
    const left = await system.gql<{ cancelRegistration: Reg }>(CANCEL, { id: hidden.id }, attendee.token);
    expect(left.errors).toBeUndefined();
    expect(left.data!.cancelRegistration).toMatchObject({ status: 'CANCELLED', waitlistPosition: null });
    expect(await statusOf(hidden.id, attendee.id)).toBe('CANCELLED');
    // Leaving twice changes nothing; the other registration (waitlisted, or given the freed place) can leave too.
    expect((await system.gql(CANCEL, { id: hidden.id }, attendee.token)).errors).toBeUndefined();
    const second = await system.gql<{ cancelRegistration: Reg }>(CANCEL, { id: hidden.id }, waiting.token);
    expect(second.errors).toBeUndefined();
    expect(second.data!.cancelRegistration.status).toBe('CANCELLED');
    expect(await counts(hidden.id)).toEqual({ confirmed_count: 0, waitlist_count: 0 });
    // Still hidden: registering again is refused as before.
    expect(firstError(await register(attendee.token, hidden.id))?.extensions?.code).toBe('NOT_FOUND');

    // Cancelled: the attendee leaves; the freed place goes to no one (the event will not take place).
    const cancelled = await createEvent(system, staff.token, { capacity: 1 }, 9);
    await register(attendee.token, cancelled.id);
    await register(waiting.token, cancelled.id);
    await system.gql(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible") { id } }`, { id: cancelled.id }, staff.token);
    const gone = await system.gql<{ cancelRegistration: Reg }>(CANCEL, { id: cancelled.id }, attendee.token);
    expect(gone.errors).toBeUndefined();
    expect(gone.data!.cancelRegistration.status).toBe('CANCELLED');
    expect(await statusOf(cancelled.id, waiting.id)).toBe('WAITLISTED');
    expect(await counts(cancelled.id)).toEqual({ confirmed_count: 0, waitlist_count: 1 });

    // Cancelled, then hidden: still free to leave (the waitlist too).
    await hide(cancelled.id);
    const off = await system.gql<{ cancelRegistration: Reg }>(CANCEL, { id: cancelled.id }, waiting.token);
    expect(off.errors).toBeUndefined();
    expect(off.data!.cancelRegistration).toMatchObject({ status: 'CANCELLED', waitlistPosition: null });
    expect(await counts(cancelled.id)).toEqual({ confirmed_count: 0, waitlist_count: 0 });
  });

  it("forgets an erased member on the platform's request: places go to the waitlist, organized events stay", async () => {
    const leaving = await system.signUp();
    const organized = await createEvent(system, leaving.token, {}, 12);
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: organized.id }, staff.token);
    const full = await createEvent(system, staff.token, { capacity: 1 }, 12);
    await register(leaving.token, full.id);
    await register(people[10]!.token, full.id);
    expect((await mine(people[10]!.token, full.id)).myRegistration?.status).toBe('WAITLISTED');

    const ERASE = `mutation E($id: ID!) { eraseMemberFromEvents(memberId: $id) }`;
    expect(firstError(await system.gql(ERASE, { id: leaving.id }, staff.token))?.extensions?.code).toBe('FORBIDDEN');
    const system_ = await system.systemToken();
    const erased = await system.gql<{ eraseMemberFromEvents: boolean }>(ERASE, { id: leaving.id }, system_);
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.eraseMemberFromEvents).toBe(true);
    // Idempotent.
    expect((await system.gql(ERASE, { id: leaving.id }, system_)).errors).toBeUndefined();

    expect(await mine(people[10]!.token, full.id)).toMatchObject({ attendeeCount: 1, waitlistCount: 0, myRegistration: { status: 'CONFIRMED' } });
    const left = await system.db.query(`SELECT count(*)::int AS n FROM events.registrations WHERE member_id = $1`, [leaving.id]);
    expect(left.rows[0].n).toBe(0);
    const event = await system.gql<{ event: { id: string; organizer: unknown; status: string } }>(
      `query E($id: ID!) { event(id: $id) { id status organizer { id } } }`,
      { id: organized.id },
    );
    expect(event.data!.event).toEqual({ id: organized.id, status: 'PUBLISHED', organizer: null });
  });
});
