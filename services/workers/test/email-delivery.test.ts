import { createLogger } from '@metropotes/config';
import type { JobName, JobPayloads } from '@metropotes/jobs';
import { deleteRedisPrefix, startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { QueueEvents } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { workersConfigFrom, type WorkersConfig } from '../src/env';
import { GatewayCallError, SystemGateway } from '../src/gateway/system-gateway';
import type { JobContext } from '../src/jobs/job-handler';
import { createHandlers } from '../src/jobs/registry';
import { deliveryJobId, reconcilePendingEmails } from '../src/mail/delivery-queue';
import { writeMemberEmails } from '../src/mail/member-emails';
import { reconcileRedis } from '../src/mail/reconcile-loop';
import { REMINDERS_SCAN_SCHEDULER_ID, SERIES_EXTEND_SCHEDULER_ID } from '../src/jobs/schedules';
import { createSmtpSender } from '../src/mail/smtp-sender';
import { openWorkersRuntime, type WorkersRuntime } from '../src/runtime';
import { createServer, type AddressInfo } from 'node:net';
import { startWorkers, type RunningWorkers } from '../src/worker-host';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { sleep } from './support/workers-harness';

interface EmailRow {
  id: string;
  dedupe_key: string;
  template: string;
  member_id: string;
  to_address: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  state: 'pending' | 'sent' | 'suppressed' | 'dead';
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

describe('e-mail delivery by the workers (gateway, Postgres, Redis, SMTP all real)', () => {
  let system: TestSystem;
  let sink: SmtpSink;
  let config: WorkersConfig;
  let runtime: WorkersRuntime;
  let running: RunningWorkers | null = null;
  let mailEvents: QueueEvents;
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');

  beforeAll(async () => {
    system = await startTestSystem();
    sink = await startSmtpSink();
    config = {
      ...workersConfigFrom({
        ...system.env,
        SMTP_URL: sink.url,
        PUBLIC_URL: 'https://metropotes.example.org',
        MAIL_MAX_ATTEMPTS: '3',
        MAIL_RETRY_DELAY_MS: '100',
        MAIL_RATE_PER_SECOND: '100',
        SMTP_TIMEOUT_MS: '5000',
        WORKER_SHUTDOWN_TIMEOUT_MS: '3000',
      }),
      // The workers read the run's clock, as the services do.
      clock: system.clock,
    };
    runtime = await openWorkersRuntime(config, logger);
    running = await startWorkers(config, createHandlers(runtime), logger);
    mailEvents = new QueueEvents('mail', { connection: { url: system.redisUrl }, prefix: system.redisPrefix });
    await mailEvents.waitUntilReady();
  });

  afterAll(async () => {
    await mailEvents?.close();
    await running?.stop();
    await runtime?.close();
    await sink?.stop();
    await system?.stop();
  });

  beforeEach(() => {
    sink.answerRcpt = () => null;
    sink.dataDelayMs = 0;
  });

  const ctx = (): JobContext => ({ jobId: 'direct', attempt: 1, maxAttempts: 3, log: logger });

  /** Enqueues a job as a service would and waits until the worker has finished it. */
  async function runJob<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    const id = await runtime.jobs.enqueue(name, payload, { attempts: 1 });
    const job = await runtime.jobs.queue('mail').getJob(id);
    await job!.waitUntilFinished(mailEvents, 15_000);
  }

  const request = (
    member: { id: string },
    dedupeKey: string,
    template: JobPayloads['email.requested']['template'] = 'welcome',
    params: JobPayloads['email.requested']['params'] = {},
  ) => runJob('email.requested', { template, memberId: member.id, dedupeKey, params });

  async function rowOf(dedupeKey: string): Promise<EmailRow | undefined> {
    const { rows } = await system.db.query<EmailRow>('SELECT * FROM workers.emails WHERE dedupe_key = $1', [dedupeKey]);
    return rows[0];
  }

  /** Waits until the e-mail's row leaves `pending` (or the time runs out) and returns it. */
  async function settled(dedupeKey: string, timeoutMs = 15_000): Promise<EmailRow> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const row = await rowOf(dedupeKey);
      if (row && row.state !== 'pending') return row;
      if (Date.now() > until) throw new Error(`e-mail ${dedupeKey} still ${row ? row.state : 'absent'} after ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** Lets in-flight jobs of the mail queue finish. */
  async function drained(timeoutMs = 10_000): Promise<void> {
    const queue = runtime.jobs.queue('mail');
    const until = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > until) throw new Error(`mail queue not drained: ${JSON.stringify(counts)}`);
      await sleep(50);
    }
  }

  /**
   * Signs a member up, then lets whatever e-mail the sign-up asked for (the members service may request a
   * verification e-mail) go out, so that each test sees only its own traffic.
   */
  async function newMember(displayName: string): Promise<TestMember> {
    const signedUp = await system.signUp({ displayName });
    await drained();
    return signedUp;
  }
  const rcptsTo = (address: string) => sink.rcptLog.filter((a) => a === address).length;

  let member: TestMember;
  beforeAll(async () => {
    member = await newMember('Awa Diallo');
  });

  it("reads members for mail through the runtime's gateway client: address and name, absent when unknown, a retryable error when the gateway does not answer", async () => {
    const found = await runtime.gateway.membersForMail([member.id, randomUUID()]);
    expect([...found.values()]).toEqual([
      { id: member.id, email: member.email, displayName: 'Awa Diallo', eventReminders: true, welcomeFollowUp: true },
    ]);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = new SystemGateway(`http://127.0.0.1:${closedPort}/graphql`, config.systemPrivateKey);
    await expect(down.membersForMail([member.id])).rejects.toBeInstanceOf(GatewayCallError);
    // A bad system key stops the client (and the runtime) at the start, not at the first e-mail.
    await expect(new SystemGateway(config.gatewayUrl, 'pas une clé').ready()).rejects.toThrow();
  });

  it('sends a requested e-mail once, in French, with HTML and text parts, to the address read through the gateway', async () => {
    const key = `welcome:${randomUUID()}`;
    await request(member, key, 'welcome', {});
    const row = await settled(key);
    expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null, to_address: member.email, member_id: member.id });
    expect(row.sent_at).not.toBeNull();

    const messages = sink.byEmailId(row.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.to).toMatchObject({ value: [{ address: member.email }] });
    expect(message!.from?.value[0]).toMatchObject({ name: 'Les Métropotes' });
    expect(message!.subject).toBe('Bienvenue chez Les Métropotes !');
    expect(message!.messageId).toBe(row.headers['Message-ID']);
    expect(message!.text).toContain('Bonjour Awa Diallo,');
    expect(message!.text).toContain('https://metropotes.example.org/');
    expect(message!.text).toContain('Vous recevez cet e-mail parce que');
    expect(message!.html).toContain('<html lang="fr">');
    expect(message!.html).toContain('href="https://metropotes.example.org/"');
    // What is stored is what was sent (no secret link here).
    expect(message!.text!.trim()).toBe(row.text!.trim());

    // The same request again (same dedupe key): no second row, no second e-mail.
    await request(member, key, 'welcome', {});
    await drained();
    const { rows } = await system.db.query('SELECT id FROM workers.emails WHERE dedupe_key = $1', [key]);
    expect(rows).toHaveLength(1);
    expect(sink.byEmailId(row.id)).toHaveLength(1);
  });

  it('one job per e-mail: the job that writes it sends it; the same job run again (a retry after the send) sends nothing more', async () => {
    const key = `welcome:${randomUUID()}`;
    const mail = runtime.jobs.queue('mail');
    const completedBefore = (await mail.getJobCounts('completed')).completed ?? 0;
    const payload = { template: 'welcome' as const, memberId: member.id, dedupeKey: key, params: {} };
    const jobId = await runtime.jobs.enqueue('email.requested', payload, { attempts: 1 });
    await (await mail.getJob(jobId))!.waitUntilFinished(mailEvents, 15_000);
    // Sent by the time its job completed: no delivery job was queued, one job ran in all.
    const row = (await rowOf(key))!;
    expect(row).toMatchObject({ state: 'sent', attempts: 1, last_error: null });
    expect(sink.byEmailId(row.id)).toHaveLength(1);
    expect(await mail.getJob(deliveryJobId(row.id))).toBeUndefined();
    await drained();
    expect(((await mail.getJobCounts('completed')).completed ?? 0) - completedBefore).toBe(1);

    // BullMQ runs the job again (its lock was lost after the send, or it is retried): the row is sent, nothing goes out.
    const handlers = createHandlers(runtime);
    await handlers['email.requested'](payload, { ...ctx(), jobId, attempt: 2 });
    await Promise.all([handlers['email.requested'](payload, ctx()), handlers['email.deliver']({ emailId: row.id }, ctx())]);
    await drained();
    expect(sink.byEmailId(row.id)).toHaveLength(1);
    expect(await rowOf(key)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await mail.getJob(deliveryJobId(row.id))).toBeUndefined();
  });

  /** Waits for the e-mail of `template` the members service requested for `memberId`, once it has left `pending`. */
  async function requestedBy(memberId: string, template: string, timeoutMs = 15_000): Promise<EmailRow> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await system.db.query<EmailRow>(
        `SELECT * FROM workers.emails WHERE member_id = $1 AND template = $2 ORDER BY created_at DESC`,
        [memberId, template],
      );
      if (rows[0] && rows[0].state !== 'pending') return rows[0];
      if (Date.now() > until) throw new Error(`no settled ${template} e-mail for ${memberId}`);
      await sleep(50);
    }
  }
  const tokenIn = (text: string, path: string) => new RegExp(`https://metropotes\\.example\\.org${path}\\?token=([^\\s"&]+)`).exec(text)?.[1];

  /** Whether the members service issued `token` (an unused one) for the member: it keeps the SHA-256 of each. */
  async function issuedToken(memberId: string, purpose: string, token: string): Promise<boolean> {
    const { rowCount } = await system.db.query(
      'SELECT 1 FROM members.account_tokens WHERE member_id = $1 AND purpose = $2 AND token_hash = $3 AND used_at IS NULL',
      [memberId, purpose, createHash('sha256').update(token).digest('hex')],
    );
    return rowCount === 1;
  }

  it('sign-up: the members service asks for the verification e-mail; it arrives once, and its link confirms the address', async () => {
    const joined = await system.signUp({ displayName: 'Fatou' });
    const row = await requestedBy(joined.id, 'verify-email');
    expect(row).toMatchObject({ state: 'sent', to_address: joined.email });
    const messages = sink.byEmailId(row.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.subject).toBe('Confirmez votre adresse e-mail – Les Métropotes');
    const token = tokenIn(messages[0]!.text!, '/verifier-email');
    expect(token).toBeDefined();
    // The stored copy masks the link; the job named the token's row (link_id), never the token.
    expect(row.text).toContain('https://metropotes.example.org/verifier-email?token=[lien masqué]');
    expect(row.text).not.toContain(decodeURIComponent(token!));

    // The link carries the very token the members service issued (it stores only its hash).
    expect(await issuedToken(joined.id, 'VERIFY_EMAIL', decodeURIComponent(token!))).toBe(true);

    // And the link works: the member confirms the address with it.
    const verified = await system.gql<{ verifyEmail: { id: string } }>(`mutation Verify($token: String!) { verifyEmail(token: $token) { id } }`, {
      token: decodeURIComponent(token!),
    });
    expect(verified.errors).toBeUndefined();
    expect(verified.data?.verifyEmail.id).toBe(joined.id);
    const me = await system.gql<{ me: { emailVerified: boolean } }>(`{ me { emailVerified } }`, {}, joined.token);
    expect(me.data?.me.emailVerified).toBe(true);
  });

  it('password reset: the e-mail the members service asks for arrives in French, and its link sets a new password', async () => {
    const forgetful = await newMember('Yacine');
    const asked = await system.gql<{ requestPasswordReset: boolean }>(`mutation Reset($email: String!) { requestPasswordReset(email: $email) }`, {
      email: forgetful.email,
    });
    expect(asked.data?.requestPasswordReset).toBe(true);
    const row = await requestedBy(forgetful.id, 'password-reset');
    expect(row.state).toBe('sent');
    const [message] = sink.byEmailId(row.id);
    expect(message!.subject).toBe('Réinitialisation de votre mot de passe – Les Métropotes');
    expect(message!.html).toContain('Choisir un nouveau mot de passe');
    const token = tokenIn(message!.text!, '/reinitialiser-mot-de-passe');
    expect(await issuedToken(forgetful.id, 'PASSWORD_RESET', decodeURIComponent(token!))).toBe(true);

    // And the link works: a new password is set with it.
    const newPassword = 'Un-autre-mot-de-passe-2026!';
    const reset = await system.gql(
      `mutation SetPassword($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) { id } }`,
      { token: decodeURIComponent(token!), password: newPassword },
    );
    expect(reset.errors).toBeUndefined();
    const logIn = await system.gql<{ logIn: { member: { id: string } } }>(
      `mutation LogIn($email: String!, $password: String!) { logIn(email: $email, password: $password) { member { id } } }`,
      { email: forgetful.email, password: newPassword },
    );
    expect(logIn.data?.logIn.member.id).toBe(forgetful.id);
  });

  it('account deletion: the member.erased job makes the workers forget the member’s e-mails', async () => {
    const leaving = await newMember('Nora');
    const before = await system.db.query<EmailRow>(`SELECT * FROM workers.emails WHERE member_id = $1`, [leaving.id]);
    expect(before.rows.length).toBeGreaterThan(0);
    expect(before.rows.every((r) => r.to_address === leaving.email)).toBe(true);
    const deleted = await system.gql(
      `mutation Bye($password: String!) { deleteMyAccount(password: $password) }`,
      { password: leaving.password },
      leaving.token,
    );
    expect(deleted.errors).toBeUndefined();
    const until = Date.now() + 15_000;
    let rows: EmailRow[];
    do {
      await sleep(100);
      rows = (await system.db.query<EmailRow>(`SELECT * FROM workers.emails WHERE member_id = $1`, [leaving.id])).rows;
    } while (rows.length > 0 && Date.now() < until);
    // Rows and all: no address, content, dedupe key or id of theirs is kept.
    expect(rows).toEqual([]);
  });

  it('suppresses an e-mail to a member who does not exist (nothing sent)', async () => {
    const key = `welcome:${randomUUID()}`;
    const before = sink.rcptLog.length;
    await request({ id: randomUUID() }, key, 'welcome', {});
    const row = await rowOf(key);
    expect(row).toMatchObject({ state: 'suppressed', to_address: null, html: null });
    await drained();
    expect(sink.rcptLog.length).toBe(before);
  });

  it('marks dead, without sending, an e-mail with a secret link whose job does not name the link (its token id)', async () => {
    const key = `reset:${randomUUID()}`;
    await request(member, key, 'password-reset', {});
    const row = await rowOf(key);
    expect(row?.state).toBe('dead');
    expect(row?.last_error).toMatch(/tokenId/);
  });

  it('suppresses, without sending, an e-mail whose link members no longer gives (unknown, used, expired or replaced)', async () => {
    const key = `reset:${randomUUID()}`;
    const before = rcptsTo(member.email);
    await request(member, key, 'password-reset', { tokenId: randomUUID() });
    const row = await settled(key);
    expect(row).toMatchObject({ state: 'suppressed', last_error: 'link no longer valid (used, expired or replaced by a newer one)', attempts: 0 });
    await drained();
    expect(rcptsTo(member.email)).toBe(before);
  });

  it('sends once when the same delivery runs twice, at the same time and again later', async () => {
    sink.dataDelayMs = 300;
    const key = `welcome:${randomUUID()}`;
    // Written as the batch jobs write e-mails (a digest, an event's attendees): the row, and its delivery queued
    // (which the workers take).
    await writeMemberEmails(runtime, [{ template: 'welcome', memberId: member.id, dedupeKey: key, params: {} }]);
    const row = (await rowOf(key))!;
    const deliver = createHandlers(runtime)['email.deliver'];
    await Promise.all([
      deliver({ emailId: row.id }, ctx()),
      deliver({ emailId: row.id }, ctx()),
      deliver({ emailId: row.id }, ctx()),
      runtime.jobs.enqueue('email.deliver', { emailId: row.id }, { jobId: `extra-a-${row.id}` }),
      runtime.jobs.enqueue('email.deliver', { emailId: row.id }, { jobId: `extra-b-${row.id}` }),
    ]);
    expect((await settled(key)).state).toBe('sent');
    await deliver({ emailId: row.id }, ctx());
    await drained();
    expect(sink.byEmailId(row.id)).toHaveLength(1);
    expect((await rowOf(key))!.attempts).toBe(1);
  });

  it('retries after a temporary refusal (421) and delivers once', async () => {
    const other = await newMember('Karim');
    let refusals = 0;
    sink.answerRcpt = (address) => {
      if (address === other.email && refusals === 0) {
        refusals += 1;
        return { code: 421, message: 'Service temporairement indisponible' };
      }
      return null;
    };
    const key = `welcome:${randomUUID()}`;
    // The request's job completes: its first send was refused, and its delivery job retries it.
    await request(other, key, 'welcome', {});
    const row = await settled(key);
    expect(row).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
    expect(refusals).toBe(1);
    expect(sink.byEmailId(row.id)).toHaveLength(1);
    const job = await runtime.jobs.queue('mail').getJob(deliveryJobId(row.id));
    // The e-mail's other attempts (MAIL_MAX_ATTEMPTS 3, one made), the first MAIL_RETRY_DELAY_MS after the refusal.
    expect(job?.opts).toMatchObject({ attempts: 2, delay: 100, backoff: { type: 'exponential', delay: 200 } });
    expect(job?.attemptsMade).toBe(1);
  });

  it('marks the e-mail dead on a permanent refusal (550), with no retry', async () => {
    const other = await newMember('Inès');
    sink.answerRcpt = (address) => (address === other.email ? { code: 550, message: 'Boîte inconnue' } : null);
    const key = `welcome:${randomUUID()}`;
    const rcptsBefore = rcptsTo(other.email);
    // The request's job sent it, and fails for good with it (no retry, no delivery job).
    const jobId = await runtime.jobs.enqueue('email.requested', { template: 'welcome', memberId: other.id, dedupeKey: key, params: {} });
    const job = (await runtime.jobs.queue('mail').getJob(jobId))!;
    await expect(job.waitUntilFinished(mailEvents, 15_000)).rejects.toThrow(/permanent SMTP failure: .*550/);
    const row = await settled(key);
    expect(row.state).toBe('dead');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/550/);
    await drained();
    expect(await job.getState()).toBe('failed');
    expect((await runtime.jobs.queue('mail').getJob(jobId))?.attemptsMade).toBe(1);
    expect(await runtime.jobs.queue('mail').getJob(deliveryJobId(row.id))).toBeUndefined();
    expect(rcptsTo(other.email) - rcptsBefore).toBe(1);
    expect(sink.byEmailId(row.id)).toHaveLength(0);
  });

  it('marks the e-mail dead after the last attempt when the refusal stays temporary', async () => {
    const other = await newMember('Lou');
    sink.answerRcpt = (address) => (address === other.email ? { code: 451, message: 'Réessayez plus tard' } : null);
    const key = `welcome:${randomUUID()}`;
    const rcptsBefore = rcptsTo(other.email);
    await request(other, key, 'welcome', {});
    const row = await settled(key);
    expect(row).toMatchObject({ state: 'dead', attempts: 3 });
    expect(row.last_error).toMatch(/451/);
    expect(rcptsTo(other.email) - rcptsBefore).toBe(3);
  });

  it('keeps the e-mail pending and asks for a retry when the SMTP server cannot be reached, then gives up at the last attempt', async () => {
    let emailId: string | undefined;
    // A port that refuses connections.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    await running!.stop();
    running = null;
    const key = `welcome:${randomUUID()}`;
    const unreachable = createSmtpSender({ url: `smtp://127.0.0.1:${closedPort}`, poolSize: 1, timeoutMs: 1000 });
    const handlers = createHandlers({ ...runtime, sender: unreachable });
    try {
      // The request's own send fails: the job completes, the e-mail stays pending and its delivery job will retry it.
      await handlers['email.requested']({ template: 'welcome', memberId: member.id, dedupeKey: key, params: {} }, ctx());
      const row = (await rowOf(key))!;
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
      const retry = await runtime.jobs.queue('mail').getJob(deliveryJobId(row.id));
      expect(retry?.opts).toMatchObject({ attempts: 2, delay: 100 });
      emailId = row.id;

      const deliver = handlers['email.deliver'];
      const error = await deliver({ emailId: row.id }, { ...ctx(), attempt: 1, maxAttempts: 2 }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error!.name).not.toBe('UnrecoverableError');
      expect(await rowOf(key)).toMatchObject({ state: 'pending', attempts: 2 });
      expect((await rowOf(key))!.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);

      const last = await deliver({ emailId: row.id }, { ...ctx(), attempt: 2, maxAttempts: 2 }).then(
        () => null,
        (e: Error) => e,
      );
      expect(last?.name).toBe('UnrecoverableError');
      expect(await rowOf(key)).toMatchObject({ state: 'dead', attempts: 3 });
    } finally {
      unreachable.close();
      running = await startWorkers(config, createHandlers(runtime), logger);
    }
    // The retry queued by the request finds the e-mail dead: nothing is sent.
    await drained();
    expect(sink.byEmailId(emailId!)).toHaveLength(0);
  });

  it('re-enqueues a pending e-mail whose job Redis lost, and sends it once; the job schedulers come back too', async () => {
    await running!.stop();
    running = null;
    const key = `welcome:${randomUUID()}`;
    // Written with its delivery queued, as the batch jobs do (the workers stopped: not sent yet).
    await writeMemberEmails(runtime, [{ template: 'welcome', memberId: member.id, dedupeKey: key, params: {} }]);
    const row = (await rowOf(key))!;
    expect(row.state).toBe('pending');
    expect(await runtime.jobs.queue('mail').getJob(deliveryJobId(row.id))).toBeDefined();

    await reconcileRedis(runtime);
    const schedulers = async () => (await runtime.jobs.queue('system').getJobSchedulers()).map((s) => s.key).sort();
    const installed = await schedulers();
    expect(installed).toEqual(expect.arrayContaining([REMINDERS_SCAN_SCHEDULER_ID, SERIES_EXTEND_SCHEDULER_ID]));
    await deleteRedisPrefix(system.redisUrl, system.redisPrefix);
    expect(await runtime.jobs.queue('mail').getJob(deliveryJobId(row.id))).toBeUndefined();
    expect(await schedulers()).toEqual([]);

    // What the periodic reconcile does: the delivery job and every scheduler are back (reminders keep being scanned).
    expect(await reconcileRedis(runtime)).toEqual({ pending: 1, enqueued: 1 });
    expect(await schedulers()).toEqual(installed);
    // Twice: the job is there already, nothing is added.
    expect(await reconcilePendingEmails(runtime.emails, runtime.jobs, runtime.delivery)).toEqual({ pending: 1, enqueued: 0 });

    running = await startWorkers(config, createHandlers(runtime), logger);
    const sent = await settled(key);
    expect(sent).toMatchObject({ state: 'sent', attempts: 1 });
    await drained();
    expect(sink.byEmailId(row.id)).toHaveLength(1);
    expect(await reconcilePendingEmails(runtime.emails, runtime.jobs, runtime.delivery)).toEqual({ pending: 0, enqueued: 0 });
  });

  it('member e-mails asked for again: the pending rows whose jobs were lost get them back (all in one pass), nothing written twice, each sent once', async () => {
    await running!.stop();
    running = null;
    const keys = [`welcome:${randomUUID()}`, `welcome:${randomUUID()}`, `welcome:${randomUUID()}`];
    const requests = keys.map((dedupeKey) => ({ template: 'welcome' as const, memberId: member.id, dedupeKey, params: {} }));
    expect(await writeMemberEmails(runtime, requests)).toEqual({ created: 3, skipped: 0 });
    const ids = await Promise.all(keys.map(async (key) => (await rowOf(key))!.id));
    const mail = runtime.jobs.queue('mail');
    // Two jobs lost (Redis); the third still waiting.
    for (const id of ids.slice(0, 2)) await mail.remove(deliveryJobId(id));
    expect(await mail.getJobState(deliveryJobId(ids[0]!))).toBe('unknown');

    expect(await writeMemberEmails(runtime, requests)).toEqual({ created: 0, skipped: 3 });
    for (const id of ids) expect(await mail.getJobState(deliveryJobId(id))).toBe('waiting');

    running = await startWorkers(config, createHandlers(runtime), logger);
    for (const key of keys) expect(await settled(key)).toMatchObject({ state: 'sent', attempts: 1 });
    await drained();
    for (const id of ids) expect(sink.byEmailId(id)).toHaveLength(1);
  });

  it('forgets an erased member: their e-mails leave the ledger, the unsent one is never sent', async () => {
    const other = await newMember('Samir');
    const sentKey = `welcome:${randomUUID()}`;
    await request(other, sentKey, 'welcome', {});
    expect((await settled(sentKey)).state).toBe('sent');
    // A pending one (recorded while no worker delivers it).
    await running!.stop();
    running = null;
    const pendingKey = `welcome-again:${randomUUID()}`;
    await writeMemberEmails(runtime, [{ template: 'welcome', memberId: other.id, dedupeKey: pendingKey, params: {} }]);
    const pending = (await rowOf(pendingKey))!;
    await createHandlers(runtime)['member.erased']({ memberId: other.id }, ctx());
    expect(await rowOf(sentKey)).toBeUndefined();
    expect(await rowOf(pendingKey)).toBeUndefined();
    running = await startWorkers(config, createHandlers(runtime), logger);
    await drained();
    expect(sink.byEmailId(pending.id)).toHaveLength(0);
  });
});
