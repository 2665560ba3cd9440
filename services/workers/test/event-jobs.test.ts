import type { TestMember, TestSystem } from '@metropotes/test-kit';
import type { JobContext } from '../src/jobs/job-handler';
import { createHandlers } from '../src/jobs/registry';
import { dueOffset, reminderKey, scanReminders, tooLate } from '../src/jobs/reminders-scan.job';
import { installSchedules, REMINDERS_SCAN_SCHEDULER_ID, SERIES_EXTEND_SCHEDULER_ID } from '../src/jobs/schedules';
import type { WorkersRuntime } from '../src/runtime';
import type { RunningWorkers } from '../src/worker-host';
import type { SmtpSink } from './support/smtp-sink';
import {
  createEvent as createEventAs,
  gqlData,
  registerForEvent,
  startWorkersHarness,
  waitFor,
  type WorkersHarness,
} from './support/workers-harness';

const HOUR = 3_600_000;

/** `hour`:00 in Paris, `daysAhead` Paris days after the day of `today` (summer or winter time). */
function parisAt(today: Date, daysAhead: number, hour: number): Date {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(today)
    .split('-')
    .map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d + daysAhead, hour);
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(utc))
    .find((p) => p.type === 'timeZoneName')!.value;
  return new Date(utc - Number(/GMT([+-]\d+)/.exec(zone)![1]) * HOUR);
}

interface EmailRow {
  id: string;
  dedupe_key: string;
  template: string;
  member_id: string;
  state: string;
  subject: string | null;
  text: string | null;
  last_error: string | null;
}

describe('workers: erasure fan-out, series, event e-mails and reminders (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  let running: RunningWorkers;
  let staff: TestMember;
  const ctx = (): JobContext => ({ jobId: 'direct', attempt: 1, maxAttempts: 1, log: harness.logger });

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, env: { REMINDER_OFFSETS_HOURS: '24, 3' } });
    ({ system, runtime, running } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
  });

  afterAll(() => harness?.stop());

  /** "Now" for the run (services and workers share the clock of the test system). */
  const now = () => system.clock.now();

  const mailWorker = () => running.workers.find((w) => w.name === 'mail')!;

  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);

  /** A staff event starting `startsIn` ms from now (or at that date). */
  const createEvent = (over: Record<string, unknown> = {}, startsIn: number | Date = 7 * 24 * HOUR) =>
    createEventAs(system, staff.token, over, typeof startsIn === 'number' ? new Date(now().getTime() + startsIn) : startsIn);

  const register = (eventId: string, member: TestMember) => registerForEvent(system, eventId, member);

  async function rows(where: string, params: unknown[]): Promise<EmailRow[]> {
    const { rows: found } = await system.db.query<EmailRow>(`SELECT * FROM workers.emails WHERE ${where} ORDER BY dedupe_key`, params);
    return found;
  }

  const settledRow = (dedupeKey: string) =>
    waitFor(`e-mail ${dedupeKey}`, async () => (await rows(`dedupe_key = $1 AND state <> 'pending'`, [dedupeKey]))[0]);

  it('member.erased also erases the member from events and guide, through the gateway, idempotently; the promoted member is e-mailed once', async () => {
    const leaving = await system.signUp({ displayName: 'Léa Partante' });
    const waiting = await system.signUp({ displayName: 'Yanis Attente' });
    const event = await createEvent({ capacity: 1, title: 'Formation conseil citoyen' });
    const mine = await register(event.id, leaving);
    expect(mine.status).toBe('CONFIRMED');
    const theirs = await register(event.id, waiting);
    expect(theirs.status).toBe('WAITLISTED');
    const article = await gqlOk<{ createGuideArticle: { id: string } }>(
      `mutation A($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id } }`,
      { input: { title: 'Mon brouillon de fiche', body: 'Texte.' } },
      leaving.token,
    );

    // Directly, twice: idempotent (members may also have enqueued the job on account deletion).
    const handlers = createHandlers(runtime);
    await handlers['member.erased']({ memberId: leaving.id }, ctx());
    await handlers['member.erased']({ memberId: leaving.id }, ctx());

    const registrations = await system.db.query(`SELECT member_id, status FROM events.registrations WHERE event_id = $1`, [event.id]);
    expect(registrations.rows).toEqual([{ member_id: waiting.id, status: 'CONFIRMED' }]);
    const articles = await system.db.query(`SELECT id FROM guide.articles WHERE id = $1`, [article.createGuideArticle.id]);
    expect(articles.rows).toHaveLength(0);

    // events enqueued 'registration.promoted' after its commit: one e-mail to the promoted member.
    const promoted = await settledRow(`promoted:${theirs.id}`);
    expect(promoted).toMatchObject({ state: 'sent', template: 'registration-promoted', member_id: waiting.id });
    expect(promoted.subject).toBe("Une place s'est libérée : Formation conseil citoyen – Les Métropotes");
    expect(promoted.text).toContain('Bonjour Yanis Attente,');
    expect(promoted.text).toContain(`https://metropotes.example.org/evenements/${event.id}`);
    await handlers['registration.promoted']({ registrationId: theirs.id, eventId: event.id, memberId: waiting.id }, ctx());
    expect(sink.byEmailId(promoted.id)).toHaveLength(1);
    expect(await rows(`dedupe_key LIKE $1`, [`promoted:${theirs.id}%`])).toHaveLength(1);
  });

  it('installs its job schedulers idempotently, and the daily job rolls series forward through the gateway', async () => {
    await installSchedules(runtime);
    await installSchedules(runtime);
    const schedulers = await runtime.jobs.queue('system').getJobSchedulers();
    const mine = schedulers.filter((s) => [SERIES_EXTEND_SCHEDULER_ID, REMINDERS_SCAN_SCHEDULER_ID].includes(s.key));
    expect(mine.map((s) => [s.key, s.pattern]).sort()).toEqual(
      [
        [SERIES_EXTEND_SCHEDULER_ID, '40 2 * * *'],
        [REMINDERS_SCAN_SCHEDULER_ID, '*/5 * * * *'],
      ].sort(),
    );

    const series = await gqlOk<{ createEventSeries: { id: string; occurrences: { totalCount: number } } }>(
      `mutation S($input: CreateEventSeriesInput!) { createEventSeries(input: $input) { id occurrences(first: 1) { totalCount } } }`,
      {
        input: {
          title: 'Pot du pote',
          kind: 'POT_DU_POTE',
          rrule: 'FREQ=MONTHLY;BYMONTHDAY=15',
          startTime: '19:00',
          durationMinutes: 150,
          venue: { name: 'Café associatif', communeCode: '93039' },
        },
      },
      staff.token,
    );
    const { id, occurrences } = series.createEventSeries;
    await system.db.query(
      `DELETE FROM events.events WHERE id IN (SELECT id FROM events.events WHERE series_id = $1 ORDER BY starts_at DESC LIMIT 2)`,
      [id],
    );
    await createHandlers(runtime)['events.extend-series']({}, ctx());
    const after = await system.db.query(`SELECT count(*)::int AS n FROM events.events WHERE series_id = $1`, [id]);
    expect(after.rows[0].n).toBe(occurrences.totalCount);
  });

  it('cancelEvent: every attendee gets one French e-mail (cancel:<event>:<member>), even if the job runs again', async () => {
    const a = await system.signUp({ displayName: 'Awa Diallo' });
    const b = await system.signUp({ displayName: 'Bruno Petit' });
    const event = await createEvent({ title: 'Métrokawa sur le logement', kind: 'DEBAT' });
    await register(event.id, a);
    await register(event.id, b);
    await gqlOk(
      `mutation X($id: ID!) { cancelEvent(id: $id, reason: "La salle n'est plus disponible.") { id status } }`,
      { id: event.id },
      staff.token,
    );

    const rowA = await settledRow(`cancel:${event.id}:${a.id}`);
    const rowB = await settledRow(`cancel:${event.id}:${b.id}`);
    expect(rowA).toMatchObject({ state: 'sent', template: 'event-cancelled' });
    expect(rowB.state).toBe('sent');
    const [message] = sink.byEmailId(rowA.id);
    expect(message!.subject).toBe('Annulé : Métrokawa sur le logement – Les Métropotes');
    expect(message!.text).toContain('Bonjour Awa Diallo,');
    expect(message!.text).toContain("Raison donnée : La salle n'est plus disponible.");
    expect(message!.text).toContain('Où : Maison des associations, 1 rue Méchain');
    expect(message!.html).toContain('<html lang="fr">');

    await createHandlers(runtime)['event.cancelled']({ eventId: event.id }, ctx());
    expect(await rows(`dedupe_key LIKE $1`, [`cancel:${event.id}:%`])).toHaveLength(2);
    expect(sink.byEmailId(rowA.id)).toHaveLength(1);
  });

  it('reminders: due offset, idempotent scans, none when turned off or cancelled, moved with the event, suppressed at delivery when stale', async () => {
    expect(dueOffset([3, 24], new Date(30 * HOUR), new Date(0))).toBeNull();
    expect(dueOffset([3, 24], new Date(23 * HOUR), new Date(0))).toBe(24);
    expect(dueOffset([3, 24], new Date(2 * HOUR), new Date(0))).toBe(3);
    expect(dueOffset([3, 24], new Date(0), new Date(0))).toBeNull();

    const keen = await system.signUp({ displayName: 'Karim Assidu' });
    const quiet = await system.signUp({ displayName: 'Sophie Discrète' });
    const gone = await system.signUp({ displayName: 'Marc Absent' });
    await gqlOk(`mutation P { updateMyNotificationPreferences(input: { eventReminders: false }) { id } }`, {}, quiet.token);
    // 19:00 in Paris, two days ahead: the scans below happen (in the scan's clock) the evening before.
    const event = await createEvent({ title: 'Atelier Métrobox' }, parisAt(now(), 2, 19));
    for (const m of [keen, quiet, gone]) await register(event.id, m);
    await gqlOk(`mutation C($id: ID!) { cancelRegistration(eventId: $id) { status } }`, { id: event.id }, gone.token);
    const startsAt = new Date(event.startsAt);

    await mailWorker().pause();
    try {
      // Too early: nothing. 23 hours before: the day-before reminder, for the keen member only.
      expect((await scanReminders(runtime, new Date(startsAt.getTime() - 30 * HOUR))).created).toBe(0);
      const dayBefore = new Date(startsAt.getTime() - 23 * HOUR);
      expect(await scanReminders(runtime, dayBefore)).toMatchObject({ created: 1 });
      expect(await scanReminders(runtime, dayBefore)).toMatchObject({ created: 0 });
      const first = await rows(`dedupe_key LIKE $1`, [`reminder:${event.id}:%`]);
      expect(first.map((r) => [r.dedupe_key, r.state])).toEqual([[reminderKey(event.id, keen.id, 24, startsAt), 'pending']]);

      // The event moves two hours later: a new reminder for the new time; the old one must not go out.
      const moved = new Date(startsAt.getTime() + 2 * HOUR);
      await gqlOk(
        `mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
        { id: event.id, input: { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() } },
        staff.token,
      );
      expect(await scanReminders(runtime, new Date(moved.getTime() - 23 * HOUR))).toMatchObject({ created: 1 });
    } finally {
      mailWorker().resume();
    }
    const old = await settledRow(reminderKey(event.id, keen.id, 24, startsAt));
    expect(old).toMatchObject({ state: 'suppressed', last_error: 'event cancelled, hidden or moved, or registration cancelled' });
    const fresh = await settledRow(reminderKey(event.id, keen.id, 24, new Date(startsAt.getTime() + 2 * HOUR)));
    expect(fresh.state).toBe('sent');
    const [message] = sink.byEmailId(fresh.id);
    // Moved to 21:00, written at 22:00 the day before (Paris): « demain à 21 h ».
    expect(message!.subject).toBe('Rappel : Atelier Métrobox, demain à 21 h – Les Métropotes');
    expect(message!.text).toContain("c'est demain à 21 h.");
    expect(message!.text).toContain('Bonjour Karim Assidu,');
    expect(
      sink.messages.filter((m) => m.headers.get('x-metropotes-template') === 'event-reminder' && m.to && JSON.stringify(m.to).includes(quiet.email)),
    ).toHaveLength(0);

    // Cancelled after the reminder was written, before it went out: suppressed at delivery.
    const other = await createEvent({ title: 'Mission jardin partagé', kind: 'MISSION' }, 20 * HOUR);
    await register(other.id, keen);
    await mailWorker().pause();
    try {
      expect(await scanReminders(runtime, now())).toMatchObject({ created: 1 });
      await gqlOk(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "Pluie annoncée.") { id } }`, { id: other.id }, staff.token);
    } finally {
      mailWorker().resume();
    }
    const cancelledReminder = await settledRow(reminderKey(other.id, keen.id, 24, new Date(other.startsAt)));
    expect(cancelledReminder.state).toBe('suppressed');
    expect((await settledRow(`cancel:${other.id}:${keen.id}`)).state).toBe('sent');
  });

  it('offsets per event: the 3-hour reminder only for events that chose it; removed after the day-before one, none written or the pending one suppressed', async () => {
    // REMINDER_OFFSETS_HOURS='24, 3': the scan looks 24 hours ahead; each event has the offsets its organizer chose.
    expect(runtime.config.reminders.offsetsHours).toEqual([3, 24]);
    expect(dueOffset([], new Date(2 * HOUR), new Date(0))).toBeNull();
    // Registered 2 hours before an event with the day-before reminder only: that one, late.
    expect(dueOffset([24], new Date(2 * HOUR), new Date(0))).toBe(24);
    // Less than an hour before the start, no reminder is written any more (but a 1-hour one is, that is its time).
    expect(tooLate(24, new Date(59 * 60_000), new Date(0))).toBe(true);
    expect(tooLate(3, new Date(59 * 60_000), new Date(0))).toBe(true);
    expect(tooLate(24, new Date(HOUR), new Date(0))).toBe(false);
    expect(tooLate(1, new Date(30 * 60_000), new Date(0))).toBe(false);

    const awa = await system.signUp({ displayName: 'Awa Rappel' });
    // 19:00 in Paris, two days ahead; the scans (in the scan's clock) run at 20:00 the day before and 17:00 that day.
    const start = parisAt(now(), 2, 19);
    const short = await createEvent({ title: 'Atelier avec rappel court', reminderOffsetsHours: [24, 3] }, start);
    const dayOnly = await createEvent({ title: 'Atelier sans rappel court' }, start);
    const turnedOff = await createEvent({ title: 'Atelier rappel court retiré', reminderOffsetsHours: [24, 3] }, start);
    const lateDay = await createEvent({ title: 'Atelier inscription tardive' }, start);
    for (const e of [short, dayOnly, turnedOff]) await register(e.id, awa);
    const startsAt = new Date(short.startsAt);
    const keys = async (eventId: string) => (await rows(`dedupe_key LIKE $1`, [`reminder:${eventId}:%`])).map((r) => r.dedupe_key);

    await mailWorker().pause();
    try {
      // The day before: every event's attendee gets the 24-hour reminder.
      await scanReminders(runtime, new Date(startsAt.getTime() - 23 * HOUR));
      for (const e of [short, dayOnly, turnedOff]) expect(await keys(e.id)).toEqual([reminderKey(e.id, awa.id, 24, startsAt)]);
      // Registered after that scan, to an event without the short reminder.
      await register(lateDay.id, awa);

      // The organizer turns the short reminder off once the day-before one is written.
      const off = await gqlOk<{ updateEvent: { reminderOffsetsHours: number[] } }>(
        `mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { reminderOffsetsHours } }`,
        { id: turnedOff.id, input: { reminderOffsetsHours: [24] } },
        staff.token,
      );
      expect(off.updateEvent.reminderOffsetsHours).toEqual([24]);

      // Two hours before: the 3-hour reminder for the event that asks for it only; scanning again writes nothing.
      const late = new Date(startsAt.getTime() - 2 * HOUR);
      await scanReminders(runtime, late);
      await scanReminders(runtime, late);
      expect(await keys(short.id)).toEqual([reminderKey(short.id, awa.id, 24, startsAt), reminderKey(short.id, awa.id, 3, startsAt)].sort());
      expect(await keys(dayOnly.id)).toEqual([reminderKey(dayOnly.id, awa.id, 24, startsAt)]);
      expect(await keys(turnedOff.id)).toEqual([reminderKey(turnedOff.id, awa.id, 24, startsAt)]);
      // The late registration gets the day-before one, late: written at 17:00 for 19:00 the same day.
      expect(await keys(lateDay.id)).toEqual([reminderKey(lateDay.id, awa.id, 24, startsAt)]);
    } finally {
      mailWorker().resume();
    }
    const sent = await settledRow(reminderKey(short.id, awa.id, 3, startsAt));
    expect(sent.state).toBe('sent');
    // Worded by the time left when written, in Paris.
    expect(sink.byEmailId(sent.id)[0]!.subject).toBe("Rappel : Atelier avec rappel court, aujourd'hui à 19 h – Les Métropotes");
    const dayBefore = await settledRow(reminderKey(dayOnly.id, awa.id, 24, startsAt));
    expect(dayBefore.state).toBe('sent');
    expect(sink.byEmailId(dayBefore.id)[0]!.subject).toBe('Rappel : Atelier sans rappel court, demain à 19 h – Les Métropotes');
    const lateOne = await settledRow(reminderKey(lateDay.id, awa.id, 24, startsAt));
    expect(lateOne.state).toBe('sent');
    expect(sink.byEmailId(lateOne.id)[0]!.subject).toBe("Rappel : Atelier inscription tardive, aujourd'hui à 19 h – Les Métropotes");
    expect(sink.byEmailId(lateOne.id)[0]!.text).toContain("c'est aujourd'hui à 19 h.");

    // A short reminder written, then turned off before it went out: suppressed at delivery.
    const soon = await createEvent({ title: 'Mission rappel court annulé', kind: 'MISSION', reminderOffsetsHours: [24, 3] }, 2 * HOUR + 30 * 60_000);
    await register(soon.id, awa);
    const soonStart = new Date(soon.startsAt);
    await mailWorker().pause();
    try {
      await scanReminders(runtime, now());
      expect(await keys(soon.id)).toEqual([reminderKey(soon.id, awa.id, 3, soonStart)]);
      await gqlOk(
        `mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
        { id: soon.id, input: { reminderOffsetsHours: [24] } },
        staff.token,
      );
    } finally {
      mailWorker().resume();
    }
    const stale = await settledRow(reminderKey(soon.id, awa.id, 3, soonStart));
    expect(stale).toMatchObject({ state: 'suppressed', last_error: 'reminder offset no longer chosen for the event' });
    expect(sink.byEmailId(stale.id)).toHaveLength(0);
    // The event now has the day-before reminder only; a scan 30 minutes before the start writes no late one
    // (less than an hour left: too late to be of use).
    expect(await scanReminders(runtime, new Date(soonStart.getTime() - 30 * 60_000))).toMatchObject({ created: 0 });
    expect(await keys(soon.id)).toEqual([reminderKey(soon.id, awa.id, 3, soonStart)]);
  });
});
