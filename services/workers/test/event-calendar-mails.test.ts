/**
 * Reminders people can act on and cancellation notices (issue #20), through the gateway to the real SMTP sink: the
 * e-mails and their .ics attachments are parsed (mailparser, then node-ical, an independent iCalendar parser).
 */
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import type { ParsedMail } from 'mailparser';
import ical, { type VEvent } from 'node-ical';
import { sendChangeNotice, sweepChangeNotices } from '../src/jobs/event-change-notice.job';
import { reminderKey, scanReminders } from '../src/jobs/reminders-scan.job';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const HOUR = 3_600_000;
// Tuesday 1 December 2026, 10:00 in Paris: the events below are on Thursday 3 December.
const NOW = new Date('2026-12-01T09:00:00.000Z');
const STARTS = new Date('2026-12-03T17:30:00.000Z'); // 18:30 in Paris (UTC+1)

/** The .ics attached to a message, parsed: the calendar's METHOD and its one VEVENT. */
function calendarOf(message: ParsedMail): { method: string | undefined; event: VEvent; raw: string } {
  const attachment = message.attachments.find((a) => a.contentType === 'text/calendar');
  if (!attachment) throw new Error(`no text/calendar attachment in "${message.subject}"`);
  expect(attachment.filename).toBe('evenement.ics');
  const raw = attachment.content.toString('utf8');
  const parsed = ical.sync.parseICS(raw);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  const calendar = (parsed as unknown as { vcalendar?: { method?: string } }).vcalendar;
  return { method: calendar?.method, event: events[0]!, raw };
}

describe('reminders with an .ics, per-registration opt-out, cancellation .ics (gateway, Postgres, Redis, SMTP real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let sink: SmtpSink;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true, now: NOW, env: { REMINDER_OFFSETS_HOURS: '24,3' } });
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
  });

  afterAll(() => harness?.stop());

  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);

  const sentRow = (dedupeKey: string) =>
    waitFor(`e-mail ${dedupeKey}`, async () => {
      const { rows } = await system.db.query<{ id: string; state: string }>(
        `SELECT id, state FROM workers.emails WHERE dedupe_key = $1 AND state <> 'pending'`,
        [dedupeKey],
      );
      return rows[0];
    });

  const message = async (dedupeKey: string): Promise<ParsedMail> => {
    const row = await sentRow(dedupeKey);
    expect(row.state).toBe('sent');
    return waitFor(`message ${dedupeKey}`, async () => sink.byEmailId(row.id)[0]);
  };

  const setReminders = (eventId: string, enabled: boolean, member: TestMember) =>
    gqlOk<{ setRegistrationReminders: { remindersEnabled: boolean; status: string } }>(
      `mutation S($id: ID!, $on: Boolean!) { setRegistrationReminders(eventId: $id, enabled: $on) { remindersEnabled status } }`,
      { id: eventId, on: enabled },
      member.token,
    );

  it('a reminder says when as people say it, the full place, the online link and the page, with the event as .ics; a member turns it off for one event', async () => {
    const keen = await system.signUp({ displayName: 'Inès Rappel' });
    const quiet = await system.signUp({ displayName: 'Paul Sansrappel' });
    const event = await createEvent(
      system,
      staff.token,
      {
        title: 'Atelier budget participatif',
        onlineUrl: 'https://visio.example.org/atelier-budget',
        endsAt: new Date(STARTS.getTime() + 2 * HOUR).toISOString(),
      },
      STARTS,
    );
    await registerForEvent(system, event.id, keen);
    await registerForEvent(system, event.id, quiet);
    const off = await setReminders(event.id, false, quiet);
    expect(off.setRegistrationReminders).toEqual({ remindersEnabled: false, status: 'CONFIRMED' });
    // Not registered: NOT_FOUND, in French.
    const other = await system.signUp();
    const refused = await system.gql(`mutation { setRegistrationReminders(eventId: "${event.id}", enabled: false) { id } }`, {}, other.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // The day before, 18:30 → 19:30 in Paris on Wednesday: the day-before reminder, for the keen member only.
    const dayBefore = new Date(STARTS.getTime() - 23 * HOUR);
    expect(await scanReminders(runtime, dayBefore)).toMatchObject({ created: 1 });
    const mail = await message(reminderKey(event.id, keen.id, 24, STARTS));
    expect(mail.subject).toBe('Rappel : Atelier budget participatif, demain à 18 h 30 – Les Métropotes');
    expect(mail.text).toContain('Quand : jeudi 3 décembre à 18 h 30');
    expect(mail.text).toContain("Où : Maison des associations, 1 rue Méchain, L'Île-Saint-Denis");
    expect(mail.text).toContain('En ligne : https://visio.example.org/atelier-budget');
    expect(mail.text).toContain(`https://metropotes.example.org/evenements/${event.id}`);
    const { method, event: vevent, raw } = calendarOf(mail);
    expect(raw).toMatch(/\r\nMETHOD:PUBLISH\r\n/);
    expect(method).toBe('PUBLISH');
    expect(vevent.uid).toBe(`${event.id}@metropotes`);
    expect(Number(vevent.sequence)).toBe(0);
    expect(vevent.status).toBe('CONFIRMED');
    expect(vevent.start.toISOString()).toBe(STARTS.toISOString());
    expect(vevent.end?.toISOString()).toBe(new Date(STARTS.getTime() + 2 * HOUR).toISOString());
    expect(String(vevent.location)).toBe("Maison des associations, 1 rue Méchain, L'Île-Saint-Denis");
    expect(String(vevent.url)).toBe(`https://metropotes.example.org/evenements/${event.id}`);
    expect(String(vevent.description)).toContain('https://visio.example.org/atelier-budget');

    const quietKey = reminderKey(event.id, quiet.id, 24, STARTS);
    const { rows: none } = await system.db.query(`SELECT 1 FROM workers.emails WHERE dedupe_key = $1`, [quietKey]);
    expect(none).toHaveLength(0);
    // Turned on again: the next scan writes it.
    expect((await setReminders(event.id, true, quiet)).setRegistrationReminders.remindersEnabled).toBe(true);
    expect(await scanReminders(runtime, dayBefore)).toMatchObject({ created: 1 });
    expect(calendarOf(await message(quietKey)).event.uid).toBe(`${event.id}@metropotes`);
  });

  it('the event moved: SEQUENCE + 1; cancelled: the .ics says METHOD:CANCEL, STATUS:CANCELLED, same UID, SEQUENCE + 1', async () => {
    const awa = await system.signUp({ displayName: 'Awa Annulée' });
    const event = await createEvent(system, staff.token, { title: 'Métrokawa sur le logement', kind: 'DEBAT' }, STARTS);
    await registerForEvent(system, event.id, awa);
    const sequence = async () =>
      (await gqlOk<{ event: { calendarSequence: number } }>(`query Q($id: ID!) { event(id: $id) { calendarSequence } }`, { id: event.id })).event
        .calendarSequence;
    expect(await sequence()).toBe(0);
    const update = (input: Record<string, unknown>) =>
      gqlOk(`mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`, { id: event.id, input }, staff.token);
    // The title is not what a calendar entry is about: no new sequence; a new start is.
    await update({ title: 'Métrokawa : le logement' });
    expect(await sequence()).toBe(0);
    const moved = new Date(STARTS.getTime() + HOUR);
    await update({ startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() });
    expect(await sequence()).toBe(1);

    await gqlOk(`mutation X($id: ID!) { cancelEvent(id: $id, reason: "La salle n'est plus disponible.") { id } }`, { id: event.id }, staff.token);
    expect(await sequence()).toBe(2);
    const mail = await message(`cancel:${event.id}:${awa.id}`);
    expect(mail.subject).toBe('Annulé : Métrokawa : le logement – Les Métropotes');
    expect(mail.text).toContain('Quand : jeudi 3 décembre à 19 h 30');
    const { method, event: vevent, raw } = calendarOf(mail);
    expect(raw).toMatch(/\r\nMETHOD:CANCEL\r\n/);
    expect(method).toBe('CANCEL');
    expect(vevent.status).toBe('CANCELLED');
    expect(vevent.uid).toBe(`${event.id}@metropotes`);
    expect(Number(vevent.sequence)).toBe(2);
    expect(vevent.start.toISOString()).toBe(moved.toISOString());
  });

  it('change notice: two edits within the delay make one e-mail to confirmed and waitlisted members, before → after, updated .ics; edits undone send nothing', async () => {
    const first = await system.signUp({ displayName: 'Chloé Confirmée' });
    const waiting = await system.signUp({ displayName: 'Wassim Attente' });
    const event = await createEvent(system, staff.token, { title: 'Pot du pote de décembre', kind: 'POT_DU_POTE', capacity: 1 }, STARTS);
    await registerForEvent(system, event.id, first);
    expect((await registerForEvent(system, event.id, waiting)).status).toBe('WAITLISTED');
    const update = (id: string, input: Record<string, unknown>) =>
      gqlOk(`mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`, { id, input }, staff.token);
    const changeRows = async (id: string) =>
      (
        await system.db.query<{ dedupe_key: string; member_id: string }>(
          `SELECT dedupe_key, member_id FROM workers.emails WHERE dedupe_key LIKE $1 ORDER BY dedupe_key`,
          [`change:${id}:%`],
        )
      ).rows;

    // Two edits, a minute apart: the time (19:30 → 20:00 the same day), then the place.
    const edited = system.clock.now();
    const later = new Date(STARTS.getTime() + HOUR / 2);
    await update(event.id, { startsAt: later.toISOString(), endsAt: new Date(later.getTime() + 2 * HOUR).toISOString() });
    await update(event.id, { venue: { name: 'Café associatif Le Pavé', address: '12 rue de la République', communeCode: '93066' } });
    const { rows: notices } = await system.db.query<{ id: string; due_at: Date; sent_at: Date | null }>(
      `SELECT id, due_at, sent_at FROM events.event_change_notices WHERE event_id = $1`,
      [event.id],
    );
    expect(notices).toHaveLength(1);
    // One delayed job, through the outbox, with a stable id, to run when the notice is due.
    const { rows: jobs } = await system.db.query<{ run_at: Date }>(
      `SELECT run_at FROM events.job_outbox WHERE job_name = 'event.change-notice' AND payload ->> 'eventId' = $1`,
      [event.id],
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.run_at.getTime()).toBe(notices[0]!.due_at.getTime());
    const { rows: ids } = await system.db.query(
      `SELECT job_id FROM events.job_outbox WHERE payload ->> 'eventId' = $1 AND job_name = 'event.change-notice'`,
      [event.id],
    );
    expect(ids).toEqual([{ job_id: `event-change-notice-${notices[0]!.id}` }]);
    // Due EVENT_CHANGE_NOTICE_DELAY_SECONDS (default 600) after the first edit.
    expect(Math.abs(notices[0]!.due_at.getTime() - (edited.getTime() + 600_000))).toBeLessThan(30_000);

    // Before the delay has passed: nothing (the delayed job, run early, and the sweep leave it).
    expect(await sweepChangeNotices(runtime, new Date(edited.getTime() + 300_000))).toBe(0);
    expect(await changeRows(event.id)).toHaveLength(0);
    // Once due, the sweep (as when the job was lost) sends it: one e-mail per member, once.
    const due = new Date(notices[0]!.due_at.getTime() + 1000);
    expect(await sweepChangeNotices(runtime, due)).toBe(1);
    expect(await sweepChangeNotices(runtime, due)).toBe(0);
    expect(await sendChangeNotice(runtime, event.id, due)).toBeNull();
    const rows = await changeRows(event.id);
    expect(rows.map((r) => r.member_id).sort()).toEqual([first.id, waiting.id].sort());
    expect(rows.every((r) => r.dedupe_key.endsWith(':2'))).toBe(true);

    for (const member of [first, waiting]) {
      const mail = await message(`change:${event.id}:${member.id}:2`);
      expect(mail.subject).toBe('Modifié : Pot du pote de décembre – Les Métropotes');
      expect(mail.text).toContain('Horaire : jeudi 3 décembre de 18 h 30 à 20 h 30 → jeudi 3 décembre de 19 h à 21 h');
      expect(mail.text).toContain(
        "Lieu : Maison des associations, 1 rue Méchain, L'Île-Saint-Denis → Café associatif Le Pavé, 12 rue de la République, Saint-Denis",
      );
      expect(mail.text).not.toContain('Lien en ligne');
      const { method, event: vevent } = calendarOf(mail);
      expect(method).toBe('PUBLISH');
      expect(vevent.uid).toBe(`${event.id}@metropotes`);
      expect(Number(vevent.sequence)).toBe(2);
      expect(vevent.start.toISOString()).toBe(later.toISOString());
      expect(String(vevent.location)).toBe('Café associatif Le Pavé, 12 rue de la République, Saint-Denis');
    }

    // Edits that restore the original values: the notice is closed, nothing is sent.
    const undone = await createEvent(system, staff.token, { title: 'Atelier finalement inchangé' }, STARTS);
    await registerForEvent(system, undone.id, first);
    await update(undone.id, { onlineUrl: 'https://visio.example.org/essai' });
    await update(undone.id, { onlineUrl: null });
    expect(await sendChangeNotice(runtime, undone.id, new Date(system.clock.now().getTime() + 601_000))).toEqual({ sent: false, created: 0 });
    expect(await changeRows(undone.id)).toHaveLength(0);
    const { rows: closed } = await system.db.query(`SELECT outcome FROM events.event_change_notices WHERE event_id = $1`, [undone.id]);
    expect(closed).toEqual([{ outcome: 'UNCHANGED' }]);
  });
});
