import { createLogger } from '@metropotes/config';
import type { JobName, JobPayloads, QueueName } from '@metropotes/jobs';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { QueueEvents } from 'bullmq';
import { workersConfigFrom, type WorkersConfig } from '../src/env';
import { PROSPECTS_MINIMISE_SCHEDULER_ID, scheduleProspectMinimisation } from '../src/jobs/prospect-invitation.job';
import { createHandlers } from '../src/jobs/registry';
import { openWorkersRuntime, type WorkersRuntime } from '../src/runtime';
import { startWorkers, type RunningWorkers } from '../src/worker-host';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink';
import { sleep } from './support/workers-harness';

const PUBLIC_URL = 'https://metropotes.example.org';

interface EmailRow {
  id: string;
  template: string;
  member_id: string | null;
  prospect_id: string | null;
  to_address: string | null;
  state: string;
  last_error: string | null;
}

describe('outreach e-mails: a prospect invited by the staff (gateway, members, workers, SMTP all real)', () => {
  let system: TestSystem;
  let sink: SmtpSink;
  let config: WorkersConfig;
  let runtime: WorkersRuntime;
  let running: RunningWorkers | null = null;
  const events = new Map<QueueName, QueueEvents>();
  let staff: TestMember;
  const logger = createLogger('workers-test', process.env.TEST_LOG_LEVEL ?? 'silent');

  beforeAll(async () => {
    system = await startTestSystem();
    sink = await startSmtpSink();
    config = {
      ...workersConfigFrom({
        ...system.env,
        SMTP_URL: sink.url,
        PUBLIC_URL,
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
    for (const queue of ['mail', 'system'] as const) {
      const qe = new QueueEvents(queue, { connection: { url: system.redisUrl }, prefix: system.redisPrefix });
      await qe.waitUntilReady();
      events.set(queue, qe);
    }
    staff = await system.signUp({ role: 'STAFF', displayName: 'Inès Animatrice' });
  });

  afterAll(async () => {
    for (const qe of events.values()) await qe.close();
    await running?.stop();
    await runtime?.close();
    await sink?.stop();
    await system?.stop();
  });

  async function runJob<N extends JobName>(name: N, payload: JobPayloads[N], queue: QueueName): Promise<void> {
    const id = await runtime.jobs.enqueue(name, payload, { attempts: 1 });
    const job = await runtime.jobs.queue(queue).getJob(id);
    await job!.waitUntilFinished(events.get(queue)!, 15_000);
  }

  async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const response = await system.gql<T>(query, variables, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  }

  /** Waits for the prospect's e-mail to leave `pending`. */
  async function settledFor(prospectId: string, count = 1, timeoutMs = 15_000): Promise<EmailRow[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await system.db.query<EmailRow>('SELECT * FROM workers.emails WHERE prospect_id = $1 ORDER BY created_at', [prospectId]);
      if (rows.length >= count && rows.every((r) => r.state !== 'pending')) return rows;
      if (Date.now() > until) throw new Error(`e-mails of prospect ${prospectId}: ${JSON.stringify(rows.map((r) => r.state))}`);
      await sleep(50);
    }
  }

  const linkToken = (text: string, path: string, query: string): string => {
    const match = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}${path}\\?${query}=([A-Za-z0-9_%-]+)`).exec(text);
    if (!match) throw new Error(`no ${path} link in: ${text}`);
    return decodeURIComponent(match[1]!);
  };

  async function spotAndInvite(name: string, email: string, kind = 'PERSON', message?: string): Promise<string> {
    const created = await gql<{ createProspect: { id: string } }>(
      `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      { input: { name, kind, communeCode: '93039', contact: { email } } },
      staff.token,
    );
    const id = created.createProspect.id;
    const invited = await gql<{ inviteProspect: { status: string } }>(
      `mutation($id: ID!, $message: String) { inviteProspect(id: $id, message: $message) { status } }`,
      { id, message },
      staff.token,
    );
    expect(invited.inviteProspect.status).toBe('CONTACTED');
    return id;
  }

  it('e-mails the invitation once, in French, with the personal sign-up link; signing up through it makes the prospect JOINED', async () => {
    const submitted = await gql<{ submitWatchItem: { id: string } }>(
      `mutation($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`,
      { input: { url: 'https://example.org/repair-cafe-93', title: 'Repair café de la Cité', communeCodes: ['93039'], themes: ['ENVIRONNEMENT'] } },
      staff.token,
    );
    const fromItem = await gql<{ createProspectFromWatchItem: { id: string; name: string } }>(
      `mutation($id: ID!, $input: CreateProspectFromWatchItemInput!) { createProspectFromWatchItem(watchItemId: $id, input: $input) { id name } }`,
      { id: submitted.submitWatchItem.id, input: { kind: 'COLLECTIVE', contact: { email: 'repair@example.org' } } },
      staff.token,
    );
    const prospectId = fromItem.createProspectFromWatchItem.id;
    await gql(
      `mutation($id: ID!, $m: String) { inviteProspect(id: $id, message: $m) { status } }`,
      { id: prospectId, m: 'Votre repair café nous a <b>enthousiasmé·es</b> !' },
      staff.token,
    );

    const [row] = await settledFor(prospectId);
    expect(row).toMatchObject({
      state: 'sent',
      template: 'prospect-invitation',
      member_id: null,
      prospect_id: prospectId,
      to_address: 'repair@example.org',
    });
    const messages = sink.byEmailId(row!.id);
    expect(messages).toHaveLength(1);
    const message = messages[0]!;
    expect(message.to).toMatchObject({ value: [{ address: 'repair@example.org' }] });
    expect(message.subject).toBe('Rejoignez Les Métropotes, le réseau des habitant·es engagé·es de la métropole');
    expect(message.text).toContain('Bonjour Repair café de la Cité,');
    expect(message.text).toContain('Votre repair café nous a <b>enthousiasmé·es</b> !');
    expect(message.html).toContain('Votre repair café nous a &lt;b&gt;enthousiasmé·es&lt;/b&gt;&nbsp;!');
    expect(message.text).toContain('Ce lien personnel est valable 30 jours');
    const token = linkToken(message.text!, '/rejoindre', 'invitation');
    expect(linkToken(message.text!, '/ne-plus-me-contacter', 'token')).toBe(token);
    expect(message.html).toContain(`href="${PUBLIC_URL}/rejoindre?invitation=`);

    // The same job again (a retry, a duplicate): no second e-mail.
    const { rows: inv } = await system.db.query<{ id: string }>('SELECT id FROM members.prospect_invitations WHERE prospect_id = $1', [prospectId]);
    await runJob(
      'prospect.invitation-requested',
      { prospectId, invitationId: inv[0]!.id, dedupeKey: `prospect-invitation:${inv[0]!.id}`, params: { validForDays: '30' } },
      'mail',
    );
    await sleep(200);
    expect(sink.byEmailId(row!.id)).toHaveLength(1);
    expect(await settledFor(prospectId)).toHaveLength(1);

    const signUp = await gql<{ signUp: { member: { id: string } } }>(`mutation($input: SignUpInput!) { signUp(input: $input) { member { id } } }`, {
      input: {
        email: 'benevole@repair.example.org',
        password: 'Un-mot-de-passe-2026!',
        displayName: 'Léa Repair',
        communeCode: '93039',
        acceptCharter: true,
        invitationToken: token,
      },
    });
    const prospect = await gql<{ prospect: { status: string; joinedMember: { id: string } } }>(
      `query($id: ID!) { prospect(id: $id) { status joinedMember { id } } }`,
      { id: prospectId },
      staff.token,
    );
    expect(prospect.prospect).toEqual({ status: 'JOINED', joinedMember: { id: signUp.signUp.member.id } });
  });

  it('the do-not-contact link of the e-mail declines; the prospect is never e-mailed again', async () => {
    const prospectId = await spotAndInvite('Nadia Tranquille', 'nadia@example.org');
    const [row] = await settledFor(prospectId);
    const message = sink.byEmailId(row!.id)[0]!;
    const token = linkToken(message.text!, '/ne-plus-me-contacter', 'token');

    const declined = await gql<{ declineProspectContact: boolean }>(`mutation($t: String!) { declineProspectContact(token: $t) }`, { t: token });
    expect(declined.declineProspectContact).toBe(true);
    // The workers forget the e-mail already sent: no address or content of the prospect is kept.
    const until = Date.now() + 10_000;
    let forgotten: EmailRow & { text: string | null };
    do {
      await sleep(50);
      ({
        rows: [forgotten],
      } = (await system.db.query('SELECT * FROM workers.emails WHERE id = $1', [row!.id])) as unknown as {
        rows: [EmailRow & { text: string | null }];
      });
    } while (forgotten.to_address !== null && Date.now() < until);
    expect(forgotten).toMatchObject({ state: 'sent', to_address: null, text: null });
    const refused = await system.gql(`mutation($id: ID!) { inviteProspect(id: $id) { status } }`, { id: prospectId }, staff.token);
    expect(refused.errors?.[0]?.message).toBe('Cette personne a demandé à ne plus être contactée : aucune invitation ne peut lui être envoyée.');

    // A job still in flight for that prospect writes nothing to send.
    const { rows: inv } = await system.db.query<{ id: string }>('SELECT id FROM members.prospect_invitations WHERE prospect_id = $1', [prospectId]);
    const before = sink.rcptLog.filter((a) => a === 'nadia@example.org').length;
    await runJob(
      'prospect.invitation-requested',
      { prospectId, invitationId: inv[0]!.id, dedupeKey: `prospect-invitation:late-${inv[0]!.id}`, params: {} },
      'mail',
    );
    const { rows } = await system.db.query<EmailRow>(`SELECT * FROM workers.emails WHERE dedupe_key = $1`, [
      `prospect-invitation:late-${inv[0]!.id}`,
    ]);
    expect(rows[0]).toMatchObject({ state: 'suppressed', to_address: null });
    await sleep(200);
    expect(sink.rcptLog.filter((a) => a === 'nadia@example.org').length).toBe(before);
  });

  it('schedules the minimisation with a BullMQ job scheduler; the job erases contact data of inactive prospects', async () => {
    await scheduleProspectMinimisation(runtime);
    await scheduleProspectMinimisation(runtime); // idempotent
    const schedulers = await runtime.jobs.queue('system').getJobSchedulers();
    const ours = schedulers.filter((s) => s.key === PROSPECTS_MINIMISE_SCHEDULER_ID || s.id === PROSPECTS_MINIMISE_SCHEDULER_ID);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ name: 'prospects.minimise', pattern: '17 3 * * *' });

    const created = await gql<{ createProspect: { id: string } }>(
      `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
      { input: { name: 'Piste oubliée', kind: 'PERSON', contact: { email: 'oubliee@example.org', phone: '0611111111' } } },
      staff.token,
    );
    const id = created.createProspect.id;
    // Nothing to erase today.
    await runJob('prospects.minimise', {}, 'system');
    const { rows: kept } = await system.db.query('SELECT contact_email FROM members.prospects WHERE id = $1', [id]);
    expect(kept[0].contact_email).toBe('oubliee@example.org');
    // Thirteen months later (the job carries the instant).
    const later = new Date(system.clock.now().getTime() + 396 * 86_400_000).toISOString();
    await runJob('prospects.minimise', { requestedAt: later }, 'system');
    const { rows } = await system.db.query('SELECT contact_email, contact_phone, contact_erased_at FROM members.prospects WHERE id = $1', [id]);
    expect(rows[0]).toMatchObject({ contact_email: null, contact_phone: null });
    expect(rows[0].contact_erased_at).not.toBeNull();
  });
});
