import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const CANCEL = `mutation C($id: ID!) { cancelRegistration(eventId: $id) { id status } }`;
const PROMOTED_SUBJECT = /^Une place s'est libérée : /;

/**
 * Waitlist promotions e-mailed by the workers through the gateway (events' outbox, Redis, the workers, SMTP all real):
 * one e-mail per promotion, and none about an event hidden by moderation or cancelled.
 */
describe('promotion e-mails (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness({ smtp: true });
    system = harness.system;
    sink = harness.sink!;
    staff = await system.signUp({ role: 'STAFF' });
  });

  afterAll(() => harness?.stop());

  const cancel = (eventId: string, member: TestMember) =>
    gqlData<{ cancelRegistration: { status: string } }>(system, CANCEL, { id: eventId }, member.token);

  const promotionMails = (member: TestMember) =>
    sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(member.email) && PROMOTED_SUBJECT.test(m.subject ?? ''));

  const promotionRows = async (memberId: string) =>
    (
      await system.db.query<{ dedupe_key: string; state: string }>(
        `SELECT dedupe_key, state FROM workers.emails WHERE template = 'registration-promoted' AND member_id = $1 ORDER BY created_at`,
        [memberId],
      )
    ).rows;

  /** The promotion jobs events wrote for a registration, once each has run (completed in BullMQ). */
  async function promotionJobsRun(registrationId: string, expected: number): Promise<void> {
    const jobIds = await waitFor(`${expected} promotion job(s) of ${registrationId}`, async () => {
      const { rows } = await system.db.query<{ job_id: string }>(
        `SELECT job_id FROM events.job_outbox WHERE job_name = 'registration.promoted' AND payload->>'registrationId' = $1 AND enqueued_at IS NOT NULL`,
        [registrationId],
      );
      return rows.length === expected ? rows.map((r) => r.job_id) : null;
    });
    for (const jobId of jobIds) {
      await waitFor(`job ${jobId} run`, async () => (await harness.runtime.jobs.queue('fanout').getJob(jobId))?.finishedOn);
    }
  }

  it('a registration promoted a second time (promoted, cancelled, registered again, promoted again) gets a second e-mail', async () => {
    const [first, promoted, third] = [await system.signUp(), await system.signUp({ displayName: 'Inès Deux-Fois' }), await system.signUp()];
    const event = await createEvent(system, staff.token, { capacity: 1, title: 'Atelier compost partagé' });
    await registerForEvent(system, event.id, first);
    const registration = await registerForEvent(system, event.id, promoted);
    expect(registration.status).toBe('WAITLISTED');

    await cancel(event.id, first);
    await waitFor('the first promotion e-mail', async () => promotionMails(promoted).length === 1);

    // The promoted member leaves, someone takes the place, the member comes back (waitlisted, same registration), and
    // gets the place again when it frees up.
    await cancel(event.id, promoted);
    await registerForEvent(system, event.id, third);
    expect(await registerForEvent(system, event.id, promoted)).toEqual({ id: registration.id, status: 'WAITLISTED' });
    await cancel(event.id, third);
    await waitFor('the second promotion e-mail', async () => promotionMails(promoted).length === 2, 15_000);

    const rows = await promotionRows(promoted.id);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent']);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(2);
    // Every job ran; nothing more comes.
    await promotionJobsRun(registration.id, 2);
    expect(promotionMails(promoted)).toHaveLength(2);
  });

  it('sends no promotion e-mail for an event hidden by moderation or cancelled when an attendee leaves it', async () => {
    const hide = async (eventId: string) =>
      gqlData(
        system,
        `mutation A($input: ApplyModerationActionInput!) { applyEventModerationAction(input: $input) { decisionId } }`,
        { input: { targetType: 'EVENT', targetId: eventId, action: 'HIDE', decisionId: randomUUID() } },
        await system.systemToken(),
      );
    const [attendee, waiting] = [await system.signUp(), await system.signUp()];

    // Hidden: the attendee can leave; whatever the waitlist does, no e-mail tells of hidden content.
    const hidden = await createEvent(system, staff.token, { capacity: 1, title: 'Soirée masquée' });
    await registerForEvent(system, hidden.id, attendee);
    const waitingHidden = await registerForEvent(system, hidden.id, waiting);
    await hide(hidden.id);
    expect((await cancel(hidden.id, attendee)).cancelRegistration.status).toBe('CANCELLED');
    const { rows: promotedJobs } = await system.db.query(
      `SELECT 1 FROM events.job_outbox WHERE job_name = 'registration.promoted' AND payload->>'registrationId' = $1`,
      [waitingHidden.id],
    );
    if (promotedJobs.length) await promotionJobsRun(waitingHidden.id, promotedJobs.length);

    // Cancelled: the freed place goes to no one, so no promotion and no e-mail.
    const cancelled = await createEvent(system, staff.token, { capacity: 1, title: 'Soirée annulée' });
    await registerForEvent(system, cancelled.id, attendee);
    const waitingCancelled = await registerForEvent(system, cancelled.id, waiting);
    await gqlData(system, `mutation X($id: ID!) { cancelEvent(id: $id, reason: "Salle indisponible.") { id } }`, { id: cancelled.id }, staff.token);
    expect((await cancel(cancelled.id, attendee)).cancelRegistration.status).toBe('CANCELLED');
    const still = await system.db.query(`SELECT status FROM events.registrations WHERE id = $1`, [waitingCancelled.id]);
    expect(still.rows[0].status).toBe('WAITLISTED');
    const { rows: none } = await system.db.query(
      `SELECT 1 FROM events.job_outbox WHERE job_name = 'registration.promoted' AND payload->>'registrationId' = $1`,
      [waitingCancelled.id],
    );
    expect(none).toEqual([]);

    expect(await promotionRows(waiting.id)).toEqual([]);
    expect(promotionMails(waiting)).toEqual([]);
  });
});
