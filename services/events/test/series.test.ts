import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { firstError, UPDATE_EVENT } from './helpers';

const CREATE = `mutation S($input: CreateEventSeriesInput!) { createEventSeries(input: $input) {
  id title rrule startTime durationMinutes capacity venue { name commune { code } }
  occurrences(first: 100) { totalCount edges { node { id title status startsAt startsAtLocal endsAtLocal capacity series { id } } } }
} }`;
const UPDATE = `mutation U($id: ID!, $input: UpdateEventSeriesInput!) { updateEventSeries(id: $id, input: $input) { id title startTime } }`;
const OCCURRENCES = `query O($id: ID!) { eventSeries(id: $id) { occurrences(first: 100) { totalCount edges { node { id title status startsAtLocal cancellationReason attendeeCount } } } } }`;
const EVENT = `query E($id: ID!) { event(id: $id) { id title status startsAtLocal cancellationReason attendeeCount series { id } } }`;

interface Occ {
  id: string;
  title: string;
  status: string;
  startsAt: string;
  startsAtLocal: string;
  endsAtLocal: string;
  capacity: number | null;
  cancellationReason: string | null;
  attendeeCount: number;
  series: { id: string };
}

describe('recurring series', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const input = (over: Record<string, unknown> = {}) => ({
    title: 'Pot du pote',
    description: 'Le rendez-vous **mensuel** du réseau.',
    kind: 'POT_DU_POTE',
    rrule: 'FREQ=WEEKLY;BYDAY=TH',
    startTime: '19:00',
    durationMinutes: 150,
    venue: { name: 'Café associatif', communeCode: '93039' },
    capacity: 30,
    ...over,
  });

  it('is for staff only, and checks its rule, time and duration', async () => {
    expect(firstError(await system.gql(CREATE, { input: input() }, member.token))?.extensions?.code).toBe('FORBIDDEN');
    const cases: [Record<string, unknown>, string][] = [
      [{ rrule: 'FREQ=SOMETIMES' }, 'rrule'],
      [{ rrule: 'FREQ=HOURLY' }, 'rrule'],
      [{ startTime: '25:00' }, 'startTime'],
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ venue: { name: 'X', communeCode: '12345' } }, 'venue.communeCode'],
      [{ rrule: 'FREQ=DAILY;UNTIL=20200101T000000Z' }, 'rrule'],
    ];
    for (const [over, field] of cases) {
      const res = await system.gql(CREATE, { input: input(over) }, staff.token);
      expect({ field, ext: firstError(res)?.extensions }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
    }
    expect((await system.db.query('SELECT count(*)::int AS n FROM events.event_series')).rows[0].n).toBe(0);
  });

  it('creates real events for six months at 19:00 Paris time, winter and summer alike', async () => {
    const res = await system.gql<{ createEventSeries: { id: string; occurrences: { totalCount: number; edges: { node: Occ }[] } } }>(
      CREATE,
      { input: input() },
      staff.token,
    );
    expect(res.errors).toBeUndefined();
    const series = res.data!.createEventSeries;
    const occurrences = series.occurrences.edges.map((e) => e.node);
    expect(series.occurrences.totalCount).toBeGreaterThanOrEqual(25);
    expect(series.occurrences.totalCount).toBeLessThanOrEqual(27);
    const days = new Set<number>();
    for (const o of occurrences) {
      expect(o).toMatchObject({ title: 'Pot du pote', status: 'PUBLISHED', capacity: 30, series: { id: series.id } });
      expect(o.startsAtLocal).toMatch(/T19:00:00\+0[12]:00$/);
      expect(o.endsAtLocal).toMatch(/T21:30:00\+0[12]:00$/);
      // The UTC hour follows the offset: 18:00Z in winter, 17:00Z in summer.
      const offset = o.startsAtLocal.endsWith('+01:00') ? 1 : 2;
      expect(new Date(o.startsAt).getUTCHours()).toBe(19 - offset);
      days.add(new Date(o.startsAt).getUTCDay());
    }
    expect([...days]).toEqual([4]);
    // Six months from the run's now, not from today's date.
    const now = system.clock.now().getTime();
    expect(new Date(occurrences[0]!.startsAt).getTime()).toBeGreaterThan(now - 60_000);
    expect(new Date(occurrences[0]!.startsAt).getTime()).toBeLessThanOrEqual(now + 7 * 24 * 3600 * 1000);
    const last = new Date(occurrences[occurrences.length - 1]!.startsAt).getTime();
    expect(last).toBeLessThanOrEqual(now + 186 * 24 * 3600 * 1000);
    expect(last).toBeGreaterThan(now + 170 * 24 * 3600 * 1000);
    // They are in the agenda like any event.
    const agenda = await system.gql<{ agenda: { totalCount: number } }>(`{ agenda(filter: { kinds: [POT_DU_POTE] }) { totalCount } }`);
    expect(agenda.data!.agenda.totalCount).toBe(series.occurrences.totalCount);
  });

  it('applies series edits to future occurrences not edited by hand; a cancelled one stays cancelled', async () => {
    const created = await system.gql<{ createEventSeries: { id: string; occurrences: { edges: { node: Occ }[] } } }>(
      CREATE,
      { input: input({ title: 'Atelier du jeudi', kind: 'ATELIER', rrule: 'FREQ=WEEKLY;BYDAY=TH;INTERVAL=2' }) },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const seriesId = created.data!.createEventSeries.id;
    const [first, edited, cancelled, withPeople] = created.data!.createEventSeries.occurrences.edges.map((e) => e.node) as Occ[];

    const hand = await system.gql(UPDATE_EVENT, { id: edited!.id, input: { title: 'Atelier spécial' } }, staff.token);
    expect(hand.errors).toBeUndefined();
    const cancel = await system.gql(
      `mutation C($id: ID!) { cancelEvent(id: $id, reason: "Salle fermée") { id } }`,
      { id: cancelled!.id },
      staff.token,
    );
    expect(cancel.errors).toBeUndefined();
    const registered = await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`, { id: withPeople!.id }, member.token);
    expect(registered.errors).toBeUndefined();

    // Cancelling one occurrence leaves the others.
    const get = async (id: string) => (await system.gql<{ event: Occ }>(EVENT, { id })).data!.event;
    expect((await get(first!.id)).status).toBe('PUBLISHED');
    expect((await get(withPeople!.id)).status).toBe('PUBLISHED');

    const update = await system.gql<{ updateEventSeries: { title: string; startTime: string } }>(
      UPDATE,
      { id: seriesId, input: { title: 'Atelier du jeudi soir', startTime: '18:30' } },
      staff.token,
    );
    expect(update.errors).toBeUndefined();
    expect(update.data!.updateEventSeries).toMatchObject({ title: 'Atelier du jeudi soir', startTime: '18:30' });

    const afterFirst = await get(first!.id);
    expect(afterFirst.title).toBe('Atelier du jeudi soir');
    expect(afterFirst.startsAtLocal).toMatch(/T18:30:00\+0[12]:00$/);
    const afterEdited = await get(edited!.id);
    expect(afterEdited.title).toBe('Atelier spécial');
    expect(afterEdited.startsAtLocal).toMatch(/T19:00:00/);
    expect(afterEdited.series).toEqual({ id: seriesId });
    expect(await get(cancelled!.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Salle fermée', title: 'Atelier du jeudi' });
    expect(await get(withPeople!.id)).toMatchObject({ title: 'Atelier du jeudi soir', attendeeCount: 1 });
    // The new time reaches the occurrence's attendee as a change notice, as an edit of the event would; the occurrence
    // edited by hand kept its time, so nothing is pending for it.
    const NOTICE = `query N($id: ID!) { systemEventChangeNotice(eventId: $id) { memberIds before { startsAt } after { startsAt } } }`;
    const systemToken = await system.systemToken();
    const notice = await system.gql<{
      systemEventChangeNotice: { memberIds: string[]; before: { startsAt: string }; after: { startsAt: string } } | null;
    }>(NOTICE, { id: withPeople!.id }, systemToken);
    expect(notice.errors).toBeUndefined();
    expect(notice.data!.systemEventChangeNotice).toMatchObject({ memberIds: [member.id] });
    const moved = notice.data!.systemEventChangeNotice!;
    expect(new Date(moved.before.startsAt).getTime() - new Date(moved.after.startsAt).getTime()).toBe(30 * 60_000);
    const untouched = await system.gql<{ systemEventChangeNotice: unknown }>(NOTICE, { id: edited!.id }, systemToken);
    expect(untouched.data!.systemEventChangeNotice).toBeNull();

    // Moving the series to Fridays: dates no longer in the rule go (cancelled when people registered), new ones come.
    const friday = await system.gql(UPDATE, { id: seriesId, input: { rrule: 'FREQ=WEEKLY;BYDAY=FR;INTERVAL=2' } }, staff.token);
    expect(friday.errors).toBeUndefined();
    expect(await get(withPeople!.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Cette date a été retirée de la série.' });
    expect(await system.gql<{ event: Occ | null }>(EVENT, { id: first!.id }).then((r) => r.data!.event)).toBeNull();
    expect((await get(edited!.id)).title).toBe('Atelier spécial');
    const list = await system.gql<{ eventSeries: { occurrences: { edges: { node: Occ }[] } } }>(OCCURRENCES, { id: seriesId });
    const published = list
      .data!.eventSeries.occurrences.edges.map((e) => e.node)
      .filter((o) => o.status === 'PUBLISHED' && o.title !== 'Atelier spécial');
    expect(published.length).toBeGreaterThan(10);
    for (const o of published) expect(o.startsAtLocal).toMatch(/T18:30:00/);
    const fridays = await system.db.query(
      `SELECT count(*)::int AS n FROM events.events WHERE series_id = $1 AND status = 'PUBLISHED' AND extract(isodow FROM starts_at AT TIME ZONE 'Europe/Paris') = 5`,
      [seriesId],
    );
    expect(fridays.rows[0].n).toBe(published.length);
  });

  it('reminderOffsetsHours: copied to the occurrences (extended ones too), followed on update except by occurrences edited by hand', async () => {
    const SHORT = `query Q($id: ID!) { eventSeries(id: $id) { reminderOffsetsHours occurrences(first: 100) { edges { node { id reminderOffsetsHours } } } } }`;
    const read = async (id: string) => {
      const res = await system.gql<{
        eventSeries: { reminderOffsetsHours: number[]; occurrences: { edges: { node: { id: string; reminderOffsetsHours: number[] } }[] } };
      }>(SHORT, { id });
      expect(res.errors).toBeUndefined();
      return { series: res.data!.eventSeries.reminderOffsetsHours, occurrences: res.data!.eventSeries.occurrences.edges.map((e) => e.node) };
    };
    const plain = await system.gql<{ createEventSeries: { id: string } }>(
      CREATE,
      { input: input({ title: 'Pot sans rappels 24 et 3 h' }) },
      staff.token,
    );
    expect(plain.errors).toBeUndefined();
    const plainRead = await read(plain.data!.createEventSeries.id);
    expect(plainRead.series).toEqual([24]);
    expect(plainRead.occurrences.length).toBeGreaterThan(0);
    expect(plainRead.occurrences.every((o) => o.reminderOffsetsHours.join() === '24')).toBe(true);

    const created = await system.gql<{ createEventSeries: { id: string } }>(
      CREATE,
      {
        input: input({
          title: 'Atelier avec rappels 24 et 3 h',
          kind: 'ATELIER',
          rrule: 'FREQ=MONTHLY;BYMONTHDAY=10',
          reminderOffsetsHours: [24, 3],
        }),
      },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createEventSeries.id;
    const before = await read(id);
    expect(before.series).toEqual([24, 3]);
    expect(before.occurrences.length).toBeGreaterThanOrEqual(5);
    expect(before.occurrences.every((o) => o.reminderOffsetsHours.join() === '24,3')).toBe(true);

    // Not for members; staff turn it off: the occurrences follow, except one edited by hand (it keeps its own value).
    const [hand] = before.occurrences;
    expect((await system.gql(UPDATE_EVENT, { id: hand!.id, input: { title: 'Atelier à part' } }, staff.token)).errors).toBeUndefined();
    expect(firstError(await system.gql(UPDATE, { id, input: { reminderOffsetsHours: [24] } }, member.token))?.extensions?.code).toBe('FORBIDDEN');
    expect((await read(id)).series).toEqual([24, 3]);
    expect((await system.gql(UPDATE, { id, input: { reminderOffsetsHours: [24] } }, staff.token)).errors).toBeUndefined();
    const after = await read(id);
    expect(after.series).toEqual([24]);
    expect(after.occurrences.find((o) => o.id === hand!.id)!.reminderOffsetsHours).toEqual([24, 3]);
    expect(after.occurrences.filter((o) => o.id !== hand!.id).every((o) => o.reminderOffsetsHours.join() === '24')).toBe(true);

    // Occurrences created later by the roll-forward take the series' value.
    expect((await system.gql(UPDATE, { id, input: { reminderOffsetsHours: [24, 3], title: 'Atelier du 10' } }, staff.token)).errors).toBeUndefined();
    await system.db.query(
      `DELETE FROM events.events WHERE id IN (SELECT id FROM events.events WHERE series_id = $1 ORDER BY starts_at DESC LIMIT 1)`,
      [id],
    );
    expect(
      (await system.gql<{ extendEventSeries: number }>(`mutation { extendEventSeries }`, {}, staff.token)).data!.extendEventSeries,
    ).toBeGreaterThanOrEqual(1);
    const rolled = await system.db.query<{ reminder_offsets_hours: number[] }>(
      `SELECT reminder_offsets_hours FROM events.events WHERE series_id = $1 ORDER BY starts_at DESC LIMIT 1`,
      [id],
    );
    expect(rolled.rows[0]!.reminder_offsets_hours).toEqual([24, 3]);
  });

  it('an occurrence whose reminderOffsetsHours alone is set stays in its series (the next series edit gives it the series value)', async () => {
    const created = await system.gql<{ createEventSeries: { id: string; occurrences: { edges: { node: Occ }[] } } }>(
      CREATE,
      { input: input({ title: 'Atelier du mardi', kind: 'ATELIER', rrule: 'FREQ=WEEKLY;BYDAY=TU' }) },
      staff.token,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createEventSeries.id;
    const [toggled, edited, both] = created.data!.createEventSeries.occurrences.edges.map((e) => e.node);
    const state = async (eventId: string) =>
      (
        await system.db.query<{ title: string; reminder_offsets_hours: number[]; detached_from_series: boolean }>(
          `SELECT title, reminder_offsets_hours, detached_from_series FROM events.events WHERE id = $1`,
          [eventId],
        )
      ).rows[0]!;

    // reminderOffsetsHours only: the occurrence takes it and stays attached.
    const toggle = await system.gql<{ updateEvent: { id: string } }>(
      UPDATE_EVENT,
      { id: toggled!.id, input: { reminderOffsetsHours: [24, 3] } },
      staff.token,
    );
    expect(toggle.errors).toBeUndefined();
    expect(await state(toggled!.id)).toEqual({ title: 'Atelier du mardi', reminder_offsets_hours: [24, 3], detached_from_series: false });
    // Any other field (with reminderOffsetsHours or not) detaches it, as before.
    expect((await system.gql(UPDATE_EVENT, { id: edited!.id, input: { title: 'Atelier à part' } }, staff.token)).errors).toBeUndefined();
    expect(
      (await system.gql(UPDATE_EVENT, { id: both!.id, input: { reminderOffsetsHours: [24, 3], capacity: null } }, staff.token)).errors,
    ).toBeUndefined();
    expect((await state(edited!.id)).detached_from_series).toBe(true);
    expect((await state(both!.id)).detached_from_series).toBe(true);

    // The next series edit reaches the toggled occurrence (its own reminderOffsetsHours gives way to the series' value).
    expect((await system.gql(UPDATE, { id, input: { title: 'Atelier du mardi soir' } }, staff.token)).errors).toBeUndefined();
    expect(await state(toggled!.id)).toEqual({ title: 'Atelier du mardi soir', reminder_offsets_hours: [24], detached_from_series: false });
    expect(await state(edited!.id)).toMatchObject({ title: 'Atelier à part', detached_from_series: true });
    expect(await state(both!.id)).toMatchObject({ title: 'Atelier du mardi', reminder_offsets_hours: [24, 3], detached_from_series: true });
  });

  it('rolls the six-month horizon forward, once', async () => {
    const created = await system.gql<{ createEventSeries: { id: string; occurrences: { totalCount: number } } }>(
      CREATE,
      { input: input({ title: 'Mission mensuelle', kind: 'MISSION', rrule: 'FREQ=MONTHLY;BYMONTHDAY=15' }) },
      staff.token,
    );
    const { id, occurrences } = created.data!.createEventSeries;
    expect(occurrences.totalCount).toBeGreaterThanOrEqual(5);
    // As if the last two were still beyond the horizon when the series was created.
    await system.db.query(
      `DELETE FROM events.events WHERE id IN (SELECT id FROM events.events WHERE series_id = $1 ORDER BY starts_at DESC LIMIT 2)`,
      [id],
    );
    const EXTEND = `mutation { extendEventSeries }`;
    expect(firstError(await system.gql(EXTEND, {}, member.token))?.extensions?.code).toBe('FORBIDDEN');
    const first = await system.gql<{ extendEventSeries: number }>(EXTEND, {}, await system.systemToken());
    expect(first.errors).toBeUndefined();
    expect(first.data!.extendEventSeries).toBe(2);
    expect((await system.gql<{ extendEventSeries: number }>(EXTEND, {}, staff.token)).data!.extendEventSeries).toBe(0);
    const after = await system.gql<{ eventSeries: { occurrences: { totalCount: number } } }>(OCCURRENCES, { id });
    expect(after.data!.eventSeries.occurrences.totalCount).toBe(occurrences.totalCount);
  });
});
