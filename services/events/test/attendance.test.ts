import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent, DAY, firstError } from './helpers';

const HOUR = 3600 * 1000;

const MARK = `mutation M($input: MarkAttendanceInput!) {
  markAttendance(input: $input) { id attendeeCount walkInCount attendedCount noShowCount }
}`;
const CHECK_IN = `mutation C($eventId: ID!, $code: String!) { checkIn(eventId: $eventId, code: $code) { id status attendance walkIn } }`;
const ATTENDANCE = `query A($id: ID!) {
  event(id: $id) {
    id walkInCount checkInCode attendedCount noShowCount attendeeCount
    attendees(first: 100) { edges { node { member { id } status attendance walkIn } } }
    myRegistration { attendance }
  }
}`;
const ATTENDED = `query AE($id: ID!) { member(id: $id) { id attendedEvents(first: 10) { totalCount edges { node { id } } } } }`;
const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { id status } }`;

interface AttendanceView {
  id: string;
  walkInCount: number | null;
  checkInCode: string | null;
  attendedCount: number | null;
  noShowCount: number | null;
  attendeeCount: number;
  attendees: { edges: { node: { member: { id: string }; status: string; attendance: string | null; walkIn: boolean | null } }[] } | null;
  myRegistration: { attendance: string | null } | null;
}

/**
 * Attendance (issue #19) through the gateway: marking by the organizer and staff in its window, self check-in with the
 * venue's code (rate-limited), walk-ins, counts, who reads what, attendedEvents' opt-in, and erasure.
 */
describe('events: attendance (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let organizer: TestMember;
  let people: TestMember[];

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, organizer, ...people] = await Promise.all([
      system.signUp({ role: 'STAFF' }),
      system.signUp(),
      ...Array.from({ length: 8 }, () => system.signUp()),
    ]);
  }, 120_000);
  afterAll(() => system?.stop());

  const now = () => system.clock.now().getTime();

  /** A published event organised by `organizer`, with these members registered, then moved to start at `startOffsetMs` from now (2 hours long). */
  async function eventWith(registered: TestMember[], startOffsetMs: number, capacity?: number): Promise<string> {
    const event = await createEvent(system, organizer.token, capacity ? { capacity } : {}, 5);
    await system.gql(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id: event.id }, staff.token);
    for (const m of registered) {
      const res = await system.gql(REGISTER, { id: event.id }, m.token);
      expect(res.errors).toBeUndefined();
    }
    const start = new Date(now() + startOffsetMs);
    await system.db.query(`UPDATE events.events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
      event.id,
      start,
      new Date(start.getTime() + 2 * HOUR),
    ]);
    return event.id;
  }

  const view = async (id: string, token: string) => (await system.gql<{ event: AttendanceView }>(ATTENDANCE, { id }, token)).data!.event;
  const mark = (input: Record<string, unknown>, token: string) =>
    system.gql<{ markAttendance: { id: string; attendeeCount: number; walkInCount: number | null; attendedCount: number; noShowCount: number } }>(
      MARK,
      { input },
      token,
    );

  it('the organizer marks PRESENT / ABSENT / EXCUSED, a walk-in member and non-members, in one request; counts follow', async () => {
    const [a, b, c, walkIn] = people;
    const id = await eventWith([a!, b!, c!], -HOUR);
    const res = await mark(
      {
        eventId: id,
        entries: [
          { memberId: a!.id, status: 'PRESENT' },
          { memberId: b!.id, status: 'ABSENT' },
          { memberId: c!.id, status: 'EXCUSED' },
          { memberId: walkIn!.id, status: 'PRESENT' },
        ],
        walkInCount: 4,
      },
      organizer.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.markAttendance).toEqual({ id, attendeeCount: 4, walkInCount: 4, attendedCount: 2, noShowCount: 1 });

    const seen = await view(id, staff.token);
    const byMember = new Map(seen.attendees!.edges.map((e) => [e.node.member.id, e.node]));
    expect(byMember.get(a!.id)).toMatchObject({ attendance: 'PRESENT', walkIn: false });
    expect(byMember.get(b!.id)).toMatchObject({ attendance: 'ABSENT' });
    expect(byMember.get(c!.id)).toMatchObject({ attendance: 'EXCUSED' });
    expect(byMember.get(walkIn!.id)).toMatchObject({ status: 'CONFIRMED', attendance: 'PRESENT', walkIn: true });

    // The member reads their own attendance; another member reads no counts, no code and no attendance.
    expect((await view(id, b!.token)).myRegistration).toEqual({ attendance: 'ABSENT' });
    const other = await view(id, people[5]!.token);
    expect(other).toMatchObject({ walkInCount: null, checkInCode: null, attendedCount: null, noShowCount: null, attendees: null });

    // Marking again changes an entry; leaving walkInCount out keeps it.
    const again = await mark({ eventId: id, entries: [{ memberId: b!.id, status: 'PRESENT' }] }, staff.token);
    expect(again.data!.markAttendance).toMatchObject({ walkInCount: 4, attendedCount: 3, noShowCount: 0 });
  });

  it('adds walk-ins beyond the gateway alias limit in one request (members are looked up 10 at a time)', async () => {
    // 16 members: more than the gateway's 15 aliases (signed up one after the other: hashing passwords is slow).
    const crowd: TestMember[] = [];
    for (let i = 0; i < 16; i++) crowd.push(await system.signUp());
    const id = await eventWith([], -HOUR);
    const res = await mark({ eventId: id, entries: crowd.map((m) => ({ memberId: m.id, status: 'PRESENT' })) }, staff.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.markAttendance).toMatchObject({ attendeeCount: 16, attendedCount: 16 });
  });

  it('refuses another member, an unknown member (naming it, nothing stored), and a walk-in marked absent', async () => {
    const [a] = people;
    const id = await eventWith([a!], -HOUR);
    const refused = await mark({ eventId: id, entries: [{ memberId: a!.id, status: 'PRESENT' }] }, people[6]!.token);
    expect(firstError(refused)?.extensions?.code).toBe('FORBIDDEN');

    const ghost = '00000000-0000-4000-8000-000000000001';
    const unknown = await mark(
      {
        eventId: id,
        entries: [
          { memberId: a!.id, status: 'PRESENT' },
          { memberId: ghost, status: 'PRESENT' },
        ],
        walkInCount: 2,
      },
      organizer.token,
    );
    expect(firstError(unknown)?.extensions).toMatchObject({ code: 'NOT_FOUND', memberId: ghost });
    expect(firstError(unknown)?.message).toContain(ghost);
    // All or nothing: a's attendance and the count were not stored.
    expect(await view(id, organizer.token)).toMatchObject({ attendedCount: 0, walkInCount: null });

    const absentWalkIn = await mark({ eventId: id, entries: [{ memberId: people[7]!.id, status: 'ABSENT' }] }, organizer.token);
    expect(firstError(absentWalkIn)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entries' });
    const negative = await mark({ eventId: id, entries: [], walkInCount: -1 }, organizer.token);
    expect(firstError(negative)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'walkInCount' });
  });

  it('opens marking at the start and closes it 30 days after the end (the clock)', async () => {
    const [a] = people;
    const entries = [{ memberId: a!.id, status: 'PRESENT' }];
    const before = await eventWith([a!], HOUR);
    const early = await mark({ eventId: before, entries }, organizer.token);
    expect(firstError(early)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    expect(firstError(early)?.message).toBe("Les présences se notent à partir du début de l'événement.");

    const old = await eventWith([a!], -31 * DAY);
    const late = await mark({ eventId: old, entries }, staff.token);
    expect(firstError(late)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eventId' });
    expect(firstError(late)?.message).toContain('30 jours');

    // 29 days after its end it is still open.
    const recent = await eventWith([a!], -29 * DAY);
    expect((await mark({ eventId: recent, entries }, staff.token)).errors).toBeUndefined();
  });

  it('a member checks in with the code shown at the venue (registered or not); a wrong code is refused on `code`', async () => {
    const [a, b] = people;
    const id = await eventWith([a!], 30 * 60 * 1000); // starts in 30 minutes: check-in is open
    const { checkInCode } = await view(id, organizer.token);
    expect(checkInCode).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3469]{6}$/);
    // Stored: the same code every time, for staff too.
    expect((await view(id, staff.token)).checkInCode).toBe(checkInCode);

    const wrong = await system.gql(CHECK_IN, { eventId: id, code: 'AAAAAA' === checkInCode ? 'CCCCCC' : 'AAAAAA' }, a!.token);
    expect(firstError(wrong)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(firstError(wrong)?.message).toMatch(/code ne correspond pas/);

    const ok = await system.gql<{ checkIn: { status: string; attendance: string; walkIn: boolean } }>(
      CHECK_IN,
      { eventId: id, code: checkInCode!.toLowerCase() },
      a!.token,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.checkIn).toMatchObject({ status: 'CONFIRMED', attendance: 'PRESENT', walkIn: false });

    const walkIn = await system.gql<{ checkIn: { status: string; attendance: string; walkIn: boolean } }>(
      CHECK_IN,
      { eventId: id, code: checkInCode },
      b!.token,
    );
    expect(walkIn.data!.checkIn).toMatchObject({ status: 'CONFIRMED', attendance: 'PRESENT', walkIn: true });
    expect(await view(id, organizer.token)).toMatchObject({ attendedCount: 2, attendeeCount: 2 });

    // Too early, and after the end.
    const later = await eventWith([], 2 * HOUR);
    const code = (await view(later, organizer.token)).checkInCode;
    expect(firstError(await system.gql(CHECK_IN, { eventId: later, code }, b!.token))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'eventId',
    });
    const over = await eventWith([], -3 * HOUR);
    const overCode = (await view(over, organizer.token)).checkInCode;
    expect(firstError(await system.gql(CHECK_IN, { eventId: over, code: overCode }, b!.token))?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'eventId',
    });
    // Anonymous visitors cannot.
    expect(firstError(await system.gql(CHECK_IN, { eventId: id, code: checkInCode }))?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rate-limits a member after 5 wrong codes: RATE_LIMITED with retryAfter, even with the right code then', async () => {
    const guesser = await system.signUp();
    const id = await eventWith([], -30 * 60 * 1000);
    const { checkInCode } = await view(id, organizer.token);
    const wrongCode = checkInCode === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    for (let i = 0; i < 5; i++) {
      expect(firstError(await system.gql(CHECK_IN, { eventId: id, code: wrongCode }, guesser.token))?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const limited = await system.gql(CHECK_IN, { eventId: id, code: checkInCode }, guesser.token);
    expect(firstError(limited)?.extensions?.code).toBe('RATE_LIMITED');
    expect(firstError(limited)?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(firstError(limited)?.message).toMatch(/réessayez dans/);
    // Another member is not limited by it.
    expect((await system.gql(CHECK_IN, { eventId: id, code: checkInCode }, people[3]!.token)).errors).toBeUndefined();
  });

  it('attendedEvents: the member and staff; others only when the member opts in (members: showAttendedEvents)', async () => {
    const attendee = await system.signUp();
    const id = await eventWith([attendee], -2 * HOUR);
    // An event they registered to but missed is not listed.
    const missed = await eventWith([attendee], -2 * HOUR);
    expect((await mark({ eventId: id, entries: [{ memberId: attendee.id, status: 'PRESENT' }] }, organizer.token)).errors).toBeUndefined();
    expect((await mark({ eventId: missed, entries: [{ memberId: attendee.id, status: 'ABSENT' }] }, organizer.token)).errors).toBeUndefined();

    const attended = async (token: string) =>
      (
        await system.gql<{ member: { attendedEvents: { totalCount: number; edges: { node: { id: string } }[] } | null } | null }>(
          ATTENDED,
          { id: attendee.id },
          token,
        )
      ).data!.member!.attendedEvents;
    expect(await attended(attendee.token)).toEqual({ totalCount: 1, edges: [{ node: { id } }] });
    expect((await attended(staff.token))?.totalCount).toBe(1);
    expect(await attended(people[4]!.token)).toBeNull();

    const optIn = await system.gql(`mutation { updateMyProfile(input: { showAttendedEvents: true }) { showAttendedEvents } }`, {}, attendee.token);
    expect(optIn.data).toEqual({ updateMyProfile: { showAttendedEvents: true } });
    expect(await attended(people[4]!.token)).toEqual({ totalCount: 1, edges: [{ node: { id } }] });
  });

  it('erasure removes the attendance, a walk-in registration and the wrong codes of the member', async () => {
    const leaving = await system.signUp();
    const registeredTo = await eventWith([leaving], -HOUR);
    const walkedInto = await eventWith([], -HOUR);
    await mark({ eventId: registeredTo, entries: [{ memberId: leaving.id, status: 'PRESENT' }] }, organizer.token);
    await mark({ eventId: walkedInto, entries: [{ memberId: leaving.id, status: 'PRESENT' }] }, organizer.token);
    await system.gql(CHECK_IN, { eventId: walkedInto, code: 'WRONG1' }, leaving.token);
    const count = async (table: string) =>
      (await system.db.query(`SELECT count(*)::int AS n FROM events.${table} WHERE member_id = $1`, [leaving.id])).rows[0].n as number;
    expect(await count('registrations')).toBe(2);
    expect(await count('check_in_failures')).toBe(1);

    const erased = await system.gql(`mutation E($id: ID!) { eraseMemberFromEvents(memberId: $id) }`, { id: leaving.id }, await system.systemToken());
    expect(erased.errors).toBeUndefined();
    expect(await count('registrations')).toBe(0);
    expect(await count('check_in_failures')).toBe(0);
    expect(await view(walkedInto, organizer.token)).toMatchObject({ attendedCount: 0, attendeeCount: 0 });
  });
});
