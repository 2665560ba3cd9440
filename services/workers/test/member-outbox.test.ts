import type { TcpProxy, TestMember, TestSystem } from '@metropotes/test-kit';
import type { WorkersRuntime } from '../src/runtime';
import type { SmtpSink } from './support/smtp-sink';
import {
  createEvent,
  gqlData,
  pollUntil,
  registerForEvent,
  sleep,
  startWorkersHarness,
  waitFor,
  type WorkersHarness,
} from './support/workers-harness';

const HOUR = 3_600_000;
const PUBLIC_URL = 'https://metropotes.example.org';

/**
 * Members writes the jobs of an account deletion (`member.erased`, `prospect.forgotten`), of a declined contact and
 * of a prospect's invitation (ids only: the link's token is derived and given at delivery) into members.job_outbox
 * with the change, and relays them after the commit. An account deletion also publishes the
 * member's new session version to Redis before its commit: with Redis refusing, it is refused whole.
 * The services reach Redis through a proxy the test cuts; the workers reach it directly (a partition).
 */
describe('members outbox: erasure and outreach jobs survive a Redis outage (gateway, Postgres, Redis, SMTP all real)', () => {
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
    // Members has used its queues before Redis goes down (connected): enqueues then fail at once.
    await system.subgraphs.members.deps.jobs.queue('fanout').waitUntilReady();
    await system.subgraphs.members.deps.jobs.queue('mail').waitUntilReady();
  });

  afterAll(() => harness?.stop());

  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);

  const outbox = async (jobId: string) =>
    (
      await system.db.query<{ job_name: string; payload: Record<string, unknown>; enqueued: boolean; attempts: number; last_error: string | null }>(
        `SELECT job_name, payload, enqueued_at IS NOT NULL AS enqueued, attempts, last_error FROM members.job_outbox WHERE job_id = $1`,
        [jobId],
      )
    ).rows;

  /** The job ids of a prospect's `prospect.forgotten` rows, oldest first. */
  const forgetJobIds = async (prospectId: string) =>
    (
      await system.db.query<{ job_id: string }>(
        `SELECT job_id FROM members.job_outbox WHERE job_name = 'prospect.forgotten' AND payload->>'prospectId' = $1 ORDER BY id`,
        [prospectId],
      )
    ).rows.map((r) => r.job_id);

  const emailsOf = async (column: 'member_id' | 'prospect_id', id: string) =>
    (
      await system.db.query<{ id: string; state: string; to_address: string | null; text: string | null }>(
        `SELECT id, state, to_address, text FROM workers.emails WHERE ${column} = $1`,
        [id],
      )
    ).rows;

  /** The job `jobId` in Redis, once the workers have finished it (attempts made, failure if any). */
  const finishedJob = (jobId: string) =>
    waitFor(`job ${jobId} finished`, async () => {
      const job = await runtime.jobs.queue('fanout').getJob(jobId);
      return job?.finishedOn ? job : null;
    });

  it('deleteMyAccount while Redis refuses: refused whole (nothing erased); the retry once Redis is back erases, member.erased runs once and the old access token is refused', async () => {
    const leaving = await system.signUp({ displayName: 'Léa Partante' });
    const waiting = await system.signUp({ displayName: 'Yanis Attente' });
    const event = await createEvent(system, staff.token, { title: 'Formation conseil citoyen', kind: 'FORMATION', capacity: 1 });
    expect((await registerForEvent(system, event.id, leaving)).status).toBe('CONFIRMED');
    const theirs = await registerForEvent(system, event.id, waiting);
    expect(theirs.status).toBe('WAITLISTED');
    // The verification e-mail of the sign-up, written by the workers with the member's address.
    await waitFor('verification e-mail', async () => (await emailsOf('member_id', leaving.id)).find((e) => e.to_address === leaving.email));

    const jobId = `member-erased-${leaving.id}`;
    const deleteAccount = () => system.gql(`mutation D($p: String!) { deleteMyAccount(password: $p) }`, { p: leaving.password }, leaving.token);
    await proxy.cut();
    try {
      // The new session version cannot be published: the erasure is refused whole.
      const refused = await deleteAccount();
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringContaining('Réessayez dans un instant.'),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      const { rows: member } = await system.db.query(`SELECT email, deleted_at, session_version FROM members.members WHERE id = $1`, [leaving.id]);
      expect(member[0]).toEqual({ email: leaving.email, deleted_at: null, session_version: 0 });
      expect(await outbox(jobId)).toEqual([]);
      const { rows: regs } = await system.db.query(`SELECT member_id FROM events.registrations WHERE event_id = $1 ORDER BY created_at`, [event.id]);
      expect(regs.map((r) => r.member_id)).toEqual([leaving.id, waiting.id]);
    } finally {
      await proxy.restore();
    }

    // Back up: the member's retry erases the account; member.erased goes out (committed with it) and runs once.
    let erased = false;
    for (let i = 0; i < 40 && !erased; i += 1) {
      erased = !(await deleteAccount()).errors;
      if (!erased) await sleep(250);
    }
    expect(erased).toBe(true);
    const { rows: member } = await system.db.query(
      `SELECT email, password_hash, deleted_at IS NOT NULL AS deleted FROM members.members WHERE id = $1`,
      [leaving.id],
    );
    expect(member[0]).toEqual({ email: null, password_hash: null, deleted: true });
    const job = await finishedJob(jobId);
    expect(job.failedReason).toBeUndefined();
    expect(job.attemptsMade).toBe(1);
    const { rows: regs } = await system.db.query(`SELECT member_id, status FROM events.registrations WHERE event_id = $1`, [event.id]);
    expect(regs).toEqual([{ member_id: waiting.id, status: 'CONFIRMED' }]);
    // Their e-mails leave the ledger (rows and all: no address, content, dedupe key or id of theirs is kept).
    expect(
      await pollUntil(
        () => emailsOf('member_id', leaving.id),
        (rows) => rows.length === 0,
      ),
    ).toEqual([]);
    // Once: one outbox row, enqueued (its payload, an id, kept); one e-mail to the promoted member.
    expect(await outbox(jobId)).toEqual([
      { job_name: 'member.erased', payload: { memberId: leaving.id }, enqueued: true, attempts: expect.any(Number), last_error: null },
    ]);
    const promoted = await waitFor('promotion e-mail', async () =>
      (await emailsOf('member_id', waiting.id)).find((e) => e.state === 'sent' && e.text?.includes('Formation conseil citoyen')),
    );
    await sleep(500);
    expect(sink.byEmailId(promoted.id)).toHaveLength(1);

    // The erased member's old access token is refused: nothing they could write after member.erased ran escapes it.
    const late = await system.gql(`mutation R($id: ID!) { registerForEvent(eventId: $id) { id status } }`, { id: event.id }, leaving.token);
    expect(late.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { rows: after } = await system.db.query(`SELECT member_id FROM events.registrations WHERE event_id = $1`, [event.id]);
    expect(after.map((r) => r.member_id)).toEqual([waiting.id]);
  });

  it('a password reset asked for while Redis refuses: its e-mail goes out once Redis is back (the job waited in the outbox)', async () => {
    const member = await system.signUp({ displayName: 'Odile Patiente' });
    await proxy.cut();
    try {
      const asked = await system.gql<{ requestPasswordReset: boolean }>(`mutation($email: String!) { requestPasswordReset(email: $email) }`, {
        email: member.email,
      });
      expect(asked.data?.requestPasswordReset).toBe(true);
      const { rows } = await pollUntil(
        () =>
          system.db.query<{ id: string }>(`SELECT id FROM members.account_tokens WHERE member_id = $1 AND purpose = 'PASSWORD_RESET'`, [member.id]),
        (result) => result.rows.length === 1,
      );
      expect((await outbox(`email-password-reset-${rows[0]!.id}`))[0]).toMatchObject({ job_name: 'email.requested', enqueued: false });
    } finally {
      await proxy.restore();
    }
    const sent = await waitFor('reset e-mail', async () =>
      (await emailsOf('member_id', member.id)).find((e) => e.state === 'sent' && e.text?.includes('/reinitialiser-mot-de-passe')),
    );
    expect(sink.byEmailId(sent.id)).toHaveLength(1);
  });

  it('inviteProspect while Redis refuses: recorded with its job in the outbox, e-mailed once when Redis is back; the do-not-contact link is declined at once and the e-mail forgotten when Redis is back', async () => {
    const { createProspect: prospect } = await gqlOk<{ createProspect: { id: string } }>(
      `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      { input: { name: 'Amicale du Landy', kind: 'COLLECTIVE', communeCode: '93066', contact: { email: 'amicale-landy@example.org' } } },
      staff.token,
    );

    const invite = () =>
      system.gql<{ inviteProspect: { status: string } }>(
        `mutation($id: ID!) { inviteProspect(id: $id) { status } }`,
        { id: prospect.id },
        staff.token,
      );
    const invitations = async () =>
      (await system.db.query<{ id: string }>('SELECT id FROM members.prospect_invitations WHERE prospect_id = $1', [prospect.id])).rows;
    await proxy.cut();
    try {
      // The job carries ids only: written to the outbox with the invitation, relayed once Redis answers.
      const answer = await invite();
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.inviteProspect.status).toBe('CONTACTED');
      const [invitation] = await invitations();
      expect(invitation).toBeDefined();
      const [row] = await outbox(`email-prospect-invitation-${invitation!.id}`);
      expect(row).toMatchObject({ job_name: 'prospect.invitation-requested', enqueued: false });
      expect(row!.payload).toEqual({
        prospectId: prospect.id,
        invitationId: invitation!.id,
        dedupeKey: `prospect-invitation:${invitation!.id}`,
        params: { validForDays: '30' },
      });
    } finally {
      await proxy.restore();
    }

    // Back up: the relay sends the job, and the e-mail goes out once.
    const [invitation] = await invitations();
    expect(await invitations()).toHaveLength(1);
    const sent = await waitFor('invitation e-mail', async () => (await emailsOf('prospect_id', prospect.id)).find((e) => e.state === 'sent'));
    await sleep(500);
    const messages = sink.byEmailId(sent.id);
    expect(messages).toHaveLength(1);
    expect(await emailsOf('prospect_id', prospect.id)).toHaveLength(1);
    expect((await outbox(`email-prospect-invitation-${invitation!.id}`))[0]).toMatchObject({ enqueued: true });
    const match = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/ne-plus-me-contacter\\?token=([A-Za-z0-9_%-]+)`).exec(messages[0]!.text!);
    const token = decodeURIComponent(match![1]!);

    // The do-not-contact link while Redis refuses: declined at once, the workers forget the e-mail once Redis is back.
    await proxy.cut();
    try {
      const declined = await gqlOk<{ declineProspectContact: boolean }>(`mutation($t: String!) { declineProspectContact(token: $t) }`, { t: token });
      expect(declined.declineProspectContact).toBe(true);
      const { rows } = await system.db.query(`SELECT status, contact_email FROM members.prospects WHERE id = $1`, [prospect.id]);
      expect(rows[0]).toEqual({ status: 'DECLINED', contact_email: null });
      expect(await forgetJobIds(prospect.id)).toHaveLength(1);
      expect((await outbox((await forgetJobIds(prospect.id))[0]!))[0]).toMatchObject({ job_name: 'prospect.forgotten', enqueued: false });
    } finally {
      await proxy.restore();
    }
    const forgotten = await pollUntil(
      () => emailsOf('prospect_id', prospect.id),
      (rows) => rows.every((r) => r.to_address === null),
    );
    expect(forgotten).toEqual([{ id: sent.id, state: 'sent', to_address: null, text: null }]);
    expect((await finishedJob((await forgetJobIds(prospect.id))[0]!)).attemptsMade).toBe(1);
  });

  it('a prospect forgotten twice (minimised, contact added back and e-mailed, then declined) gets two prospect.forgotten jobs: both e-mails are forgotten', async () => {
    const { createProspect: prospect } = await gqlOk<{ createProspect: { id: string } }>(
      `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      { input: { name: 'Collectif Pleyel', kind: 'COLLECTIVE', communeCode: '93066', contact: { email: 'pleyel@example.org' } } },
      staff.token,
    );
    const invite = async (address: string) => {
      await gqlOk(`mutation($id: ID!) { inviteProspect(id: $id) { status } }`, { id: prospect.id }, staff.token);
      return waitFor(`invitation e-mail to ${address}`, async () =>
        (await emailsOf('prospect_id', prospect.id)).find((e) => e.state === 'sent' && e.to_address === address),
      );
    };

    // First forgetting: thirteen months later without activity, the minimisation erases the contact data.
    const first = await invite('pleyel@example.org');
    const later = new Date(system.clock.now().getTime() + 396 * 24 * HOUR).toISOString();
    const { minimiseInactiveProspects } = await gqlOk<{ minimiseInactiveProspects: { erased: number } }>(
      `mutation($now: DateTime) { minimiseInactiveProspects(now: $now) { erased } }`,
      { now: later },
      await system.systemToken(),
    );
    expect(minimiseInactiveProspects.erased).toBeGreaterThanOrEqual(1);
    await pollUntil(
      () => emailsOf('prospect_id', prospect.id),
      (rows) => rows.length === 1 && rows.every((r) => r.to_address === null),
    );

    // The contact data is added back and the prospect e-mailed again; second forgetting: the do-not-contact link.
    await gqlOk(
      `mutation($id: ID!, $input: UpdateProspectInput!) { updateProspect(id: $id, input: $input) { id } }`,
      { id: prospect.id, input: { contact: { email: 'contact-pleyel@example.org' } } },
      staff.token,
    );
    const second = await invite('contact-pleyel@example.org');
    await sleep(300);
    const match = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/ne-plus-me-contacter\\?token=([A-Za-z0-9_%-]+)`).exec(
      sink.byEmailId(second.id)[0]!.text!,
    );
    await gqlOk(`mutation($t: String!) { declineProspectContact(token: $t) }`, { t: decodeURIComponent(match![1]!) });

    const forgotten = await pollUntil(
      () => emailsOf('prospect_id', prospect.id),
      (rows) => rows.length === 2 && rows.every((r) => r.to_address === null),
    );
    expect(forgotten.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
    const ids = await forgetJobIds(prospect.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect((await finishedJob(id)).failedReason).toBeUndefined();
  });
});
