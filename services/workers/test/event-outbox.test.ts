import type { TcpProxy, TestMember, TestSystem } from '@metropotes/test-kit';
import { OutboxRelay } from '@metropotes/jobs';
import { EVENTS_OUTBOX_SCHEMA } from '../../events/src/modules/events/event-outbox';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

/**
 * The events service writes its cancellation and promotion jobs into events.job_outbox with the change, and
 * relays them to Redis after the commit: nothing is lost when Redis refuses, nothing is sent twice.
 * The services reach Redis through a proxy the test cuts; the workers reach it directly (a partition).
 */
describe('events outbox: cancellation and promotion e-mails survive a Redis outage and series edits (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let proxy: TcpProxy;
  let system: TestSystem;
  let sink: SmtpSink;
  let runtime: WorkersRuntime;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness({ redisPartition: true, smtp: true });
    proxy = harness.redisProxy!;
    ({ system, runtime } = harness);
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
  });

  afterAll(() => harness?.stop());

  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);

  const register = (eventId: string, member: TestMember) => registerForEvent(system, eventId, member);

  const sentRow = (dedupeKey: string) =>
    waitFor(`e-mail ${dedupeKey}`, async () => {
      const { rows } = await system.db.query<{ id: string; state: string; member_id: string }>(
        `SELECT id, state, member_id FROM workers.emails WHERE dedupe_key = $1 AND state <> 'pending'`,
        [dedupeKey],
      );
      return rows[0];
    });

  /** Messages of one template the SMTP server received for one address. */
  const received = (email: string, template: string) =>
    sink.messages.filter((m) => m.headers.get('x-metropotes-template') === template && JSON.stringify(m.to).includes(email));

  const outbox = async (jobId: string) =>
    (
      await system.db.query<{ enqueued: boolean; attempts: number; last_error: string | null }>(
        `SELECT enqueued_at IS NOT NULL AS enqueued, attempts, last_error FROM events.job_outbox WHERE job_id = $1`,
        [jobId],
      )
    ).rows;

  it('cancelEvent while Redis refuses: the event is cancelled, the job waits in the outbox, and once Redis is back every attendee gets one e-mail', async () => {
    const a = await system.signUp({ displayName: 'Awa Diallo' });
    const b = await system.signUp({ displayName: 'Bruno Petit' });
    const event = await createEvent(system, staff.token, { title: 'Métrokawa sur les mobilités', kind: 'DEBAT' });
    await register(event.id, a);
    await register(event.id, b);

    // The events service has enqueued before (its queue is connected): Redis going down makes enqueues fail at once.
    await system.subgraphs.events.deps.jobs.queue('fanout').waitUntilReady();
    await proxy.cut();
    const jobId = `event-cancelled-${event.id}`;
    try {
      const cancelled = await gqlOk<{ cancelEvent: { status: string } }>(
        `mutation X($id: ID!) { cancelEvent(id: $id, reason: "La salle est inondée.") { status } }`,
        { id: event.id },
        staff.token,
      );
      expect(cancelled.cancelEvent.status).toBe('CANCELLED');
      // Written with the cancellation, refused by Redis, kept for later.
      const [row] = await outbox(jobId);
      expect(row).toMatchObject({ enqueued: false });
      expect(row!.attempts).toBeGreaterThanOrEqual(1);
      expect(row!.last_error).toBeTruthy();
      expect(await runtime.jobs.queue('fanout').getJob(jobId)).toBeUndefined();
      // Still down a few retries later: nothing sent, nothing lost.
      await sleep(2500);
      expect((await outbox(jobId))[0]).toMatchObject({ enqueued: false });
      expect(received(a.email, 'event-cancelled')).toHaveLength(0);
    } finally {
      await proxy.restore();
    }

    // The periodic relay of the events service sends it; the workers e-mail both attendees.
    const rowA = await sentRow(`cancel:${event.id}:${a.id}`);
    const rowB = await sentRow(`cancel:${event.id}:${b.id}`);
    expect([rowA.state, rowB.state]).toEqual(['sent', 'sent']);
    expect((await outbox(jobId))[0]).toMatchObject({ enqueued: true });
    const [message] = received(a.email, 'event-cancelled');
    expect(message!.subject).toBe('Annulé : Métrokawa sur les mobilités – Les Métropotes');
    expect(message!.text).toContain('Raison donnée : La salle est inondée.');

    // Relayed again (as after a crash between the enqueue and the mark): the same job id, no second e-mail.
    await system.db.query(`UPDATE events.job_outbox SET enqueued_at = NULL WHERE job_id = $1`, [jobId]);
    const { dataSource, jobs, logger } = system.subgraphs.events.deps;
    expect(await new OutboxRelay({ schema: EVENTS_OUTBOX_SCHEMA, database: dataSource, jobs, logger }).flush()).toEqual({
      enqueued: 1,
      failed: false,
    });
    await sleep(1000);
    expect(received(a.email, 'event-cancelled')).toHaveLength(1);
    expect(received(b.email, 'event-cancelled')).toHaveLength(1);
    const { rows } = await system.db.query(`SELECT count(*)::int AS n FROM workers.emails WHERE dedupe_key LIKE $1`, [`cancel:${event.id}:%`]);
    expect(rows[0].n).toBe(2);
  });

  it('a series edit raising the capacity e-mails the promoted members; one removing dates e-mails the attendees of the cancelled occurrences; each once', async () => {
    const first = await system.signUp({ displayName: 'Fatou Première' });
    const waiting = await system.signUp({ displayName: 'Yanis Attente' });
    const other = await system.signUp({ displayName: 'Chloé Autre' });
    const created = await gqlOk<{ createEventSeries: { id: string; occurrences: { edges: { node: { id: string } }[] } } }>(
      `mutation S($input: CreateEventSeriesInput!) { createEventSeries(input: $input) { id occurrences(first: 2) { edges { node { id } } } } }`,
      {
        input: {
          title: 'Pot du pote de Saint-Ouen',
          kind: 'POT_DU_POTE',
          rrule: 'FREQ=WEEKLY;BYDAY=TH',
          startTime: '19:00',
          durationMinutes: 120,
          venue: { name: 'Café associatif', communeCode: '93070' },
          capacity: 1,
        },
      },
      staff.token,
    );
    const series = created.createEventSeries;
    const [occ1, occ2] = series.occurrences.edges.map((e) => e.node.id);
    expect((await register(occ1!, first)).status).toBe('CONFIRMED');
    const promoted = await register(occ1!, waiting);
    expect(promoted.status).toBe('WAITLISTED');
    expect((await register(occ2!, other)).status).toBe('CONFIRMED');

    // Two places: the waitlisted member is confirmed and e-mailed.
    const UPDATE = `mutation U($id: ID!, $input: UpdateEventSeriesInput!) { updateEventSeries(id: $id, input: $input) { id } }`;
    await gqlOk(UPDATE, { id: series.id, input: { capacity: 2 } }, staff.token);
    const { rows: regs } = await system.db.query(`SELECT status FROM events.registrations WHERE id = $1`, [promoted.id]);
    expect(regs[0].status).toBe('CONFIRMED');
    const promotionRow = await sentRow(`promoted:${promoted.id}`);
    expect(promotionRow).toMatchObject({ state: 'sent', member_id: waiting.id });
    expect((await outbox(`registration.promoted-${promoted.id}`))[0]).toMatchObject({ enqueued: true });

    // Thursdays become Fridays: every Thursday occurrence is removed; those with people are cancelled and e-mailed.
    await gqlOk(UPDATE, { id: series.id, input: { rrule: 'FREQ=WEEKLY;BYDAY=FR' } }, staff.token);
    const { rows: statuses } = await system.db.query(`SELECT id, status FROM events.events WHERE id = ANY($1::uuid[]) ORDER BY starts_at`, [
      [occ1, occ2],
    ]);
    expect(statuses.map((r) => r.status)).toEqual(['CANCELLED', 'CANCELLED']);
    for (const [eventId, member] of [
      [occ1!, first],
      [occ1!, waiting],
      [occ2!, other],
    ] as const) {
      expect(await sentRow(`cancel:${eventId}:${member.id}`)).toMatchObject({ state: 'sent', member_id: member.id });
    }
    await sleep(1000);
    expect(received(waiting.email, 'registration-promoted')).toHaveLength(1);
    expect(received(first.email, 'event-cancelled')).toHaveLength(1);
    expect(received(waiting.email, 'event-cancelled')).toHaveLength(1);
    expect(received(other.email, 'event-cancelled')).toHaveLength(1);
    expect(received(first.email, 'event-cancelled')[0]!.text).toContain('Cette date a été retirée de la série.');
    const { rows: left } = await system.db.query(`SELECT count(*)::int AS n FROM events.job_outbox WHERE enqueued_at IS NULL`);
    expect(left[0].n).toBe(0);
  });
});
