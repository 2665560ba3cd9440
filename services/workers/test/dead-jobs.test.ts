import type { TcpProxy, TestMember, TestSystem } from '@metropotes/test-kit';
import { describeFailure, originJobId, redriveJobId } from '../src/jobs/dead-letters';
import type { SmtpSink } from './support/smtp-sink';
import { createEvent, gqlData, registerForEvent, sleep, startWorkersHarness, waitFor, type WorkersHarness } from './support/workers-harness';

const DEAD_JOBS = `query D { deadJobs(first: 20) { count jobs { id name state payload failures redrives firstFailedAt lastFailedAt nextAttemptAt failure } } }`;
const RETRY_DEAD_JOBS = `mutation R { retryDeadJobs { count jobs { name state } } }`;

interface DeadJob {
  id: string;
  name: string;
  state: 'DEAD' | 'RETRYING';
  payload: string;
  failures: number;
  redrives: number;
  firstFailedAt: string;
  lastFailedAt: string;
  nextAttemptAt: string | null;
  failure: string;
}
interface DeadJobReport {
  count: number;
  jobs: DeadJob[];
}

const FOUR_KINDS = ['event.cancelled', 'member.erased', 'moderation.apply-decision', 'registration.promoted'];

/**
 * Jobs born of a change that fail all their attempts are kept dead in PostgreSQL (workers.dead_jobs), counted and
 * listed for staff (`deadJobs`, through the gateway), and run again later and later until the service they need is
 * back: applied then, exactly once. The workers reach the gateway through a proxy the test cuts for longer than the
 * retry window (two attempts 100 ms apart here, JOB_ATTEMPTS / JOB_BACKOFF_MS); people and staff reach it directly.
 */
describe('dead jobs: kept, counted, and re-driven once the dependency is back (gateway, Postgres, Redis, SMTP all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let sink: SmtpSink;
  let proxy: TcpProxy;
  let staff: TestMember;

  const retry = { JOB_ATTEMPTS: '2', JOB_BACKOFF_MS: '100' };

  beforeAll(async () => {
    harness = await startWorkersHarness({
      smtp: true,
      gatewayPartition: true,
      systemEnv: retry,
      env: { ...retry, DEAD_JOB_SCAN_MS: '200', DEAD_JOB_REDRIVE_DELAY_MS: '300', DEAD_JOB_REDRIVE_MAX_DELAY_MS: '1000' },
    });
    system = harness.system;
    sink = harness.sink!;
    proxy = harness.gatewayProxy!;
    staff = await system.signUp({ role: 'STAFF' });
  });

  afterAll(() => harness?.stop());

  const gqlOk = <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => gqlData<T>(system, query, variables, token);
  const deadJobs = async () => (await gqlOk<{ deadJobs: DeadJobReport }>(DEAD_JOBS, {}, staff.token)).deadJobs;
  const mailsTo = (member: TestMember, subject: RegExp) =>
    sink.messages.filter((m) => JSON.stringify(m.to ?? '').includes(member.email) && subject.test(m.subject ?? ''));
  const one = async <T>(sql: string, params: unknown[]) => (await system.db.query(sql, params)).rows[0] as T;

  it('the staff query is refused to members', async () => {
    const member = await system.signUp();
    const res = await system.gql(DEAD_JOBS, {}, member.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await system.gql(RETRY_DEAD_JOBS, {}, member.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await deadJobs()).toEqual({ count: 0, jobs: [] });
  });

  it('counts a failed run once however often it is recorded, gives re-drives fresh ids, and tells failures without their details', async () => {
    const repository = harness.deadLetters.repository;
    const delay = { baseMs: 60_000, maxMs: 600_000 };
    const failed = {
      queue: 'fanout' as const,
      name: 'event.cancelled' as const,
      originJobId: 'event-cancelled-test-once',
      payload: { eventId: 'x' },
      failure: 'event-cancelled-test-once@1',
      error: 'gateway unreachable: fetch failed',
    };
    expect(await repository.record([failed], delay)).toBe(1);
    expect(await repository.record([failed, failed], delay)).toBe(0);
    const row = () =>
      one<{ failures: number; state: string }>(`SELECT failures, state FROM workers.dead_jobs WHERE job_id = $1`, [failed.originJobId]);
    expect(await row()).toEqual({ failures: 1, state: 'DEAD' });
    // Its first re-drive failed: the same row, dead again.
    expect(await repository.record([{ ...failed, failure: `${redriveJobId(failed.originJobId, 1)}@2` }], delay)).toBe(1);
    expect(await row()).toEqual({ failures: 2, state: 'DEAD' });
    await system.db.query(`DELETE FROM workers.dead_jobs WHERE job_id = $1`, [failed.originJobId]);

    expect(redriveJobId('apply-decision-1', 3)).toBe('apply-decision-1-redrive-3');
    expect(originJobId('apply-decision-1-redrive-3')).toBe('apply-decision-1');
    expect(originJobId('apply-decision-1')).toBe('apply-decision-1');
    expect(describeFailure('gateway unreachable: fetch failed')).toBe('La passerelle était injoignable pour les workers.');
    expect(
      describeFailure(
        'gateway answered HTTP 200 with errors: SERVICE_UNAVAILABLE: Le service « members » ne répond pas; NOT_FOUND: Awa Diallo introuvable',
      ),
    ).toBe('La passerelle a répondu par une erreur (SERVICE_UNAVAILABLE, NOT_FOUND).');
    expect(describeFailure('duplicate key value (email)=(awa@example.org)')).toBe(
      'Le traitement a échoué (le détail est dans les journaux des workers).',
    );
  });

  it('a ban, an erasure, a cancellation and a promotion outlive their attempts while the workers cannot reach the services, then apply once each', async () => {
    // Before the outage: a member to ban (reported), a member who will erase their account (registered somewhere), an
    // event to cancel (with an attendee), and a full event with a waitlist (a cancellation promotes).
    const banned = await system.signUp({ displayName: 'Compte Frauduleux' });
    const reporter = await system.signUp();
    await gqlOk(
      `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`,
      { input: { targetType: 'MEMBER', targetId: banned.id, reason: 'SPAM' } },
      reporter.token,
    );
    const queue = await gqlOk<{ moderationQueue: { edges: { node: { id: string; targetId: string } }[] } }>(
      `query Q { moderationQueue(filter: { targetType: MEMBER }) { edges { node { id targetId } } } }`,
      {},
      staff.token,
    );
    const caseId = queue.moderationQueue.edges.find((e) => e.node.targetId === banned.id)!.node.id;
    const leaving = await system.signUp();
    const somewhere = await createEvent(system, staff.token, { title: 'Atelier vélo' });
    await registerForEvent(system, somewhere.id, leaving);
    const attendee = await system.signUp({ displayName: 'Awa Présente' });
    const toCancel = await createEvent(system, staff.token, { title: 'Balade urbaine' });
    await registerForEvent(system, toCancel.id, attendee);
    const [first, waiting] = [await system.signUp(), await system.signUp({ displayName: 'Yanis Patient' })];
    const full = await createEvent(system, staff.token, { capacity: 1, title: 'Formation compostage' });
    await registerForEvent(system, full.id, first);
    expect((await registerForEvent(system, full.id, waiting)).status).toBe('WAITLISTED');

    await proxy.cut();
    let decisionId: string;
    try {
      const decided = await gqlOk<{ decideCase: { decisions: { id: string; action: string }[] } }>(
        `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { decisions { id action } } }`,
        { caseId, input: { action: 'BAN', reason: 'Escroquerie.' } },
        staff.token,
      );
      decisionId = decided.decideCase.decisions.find((d) => d.action === 'BAN')!.id;
      expect(
        (
          await gqlOk<{ deleteMyAccount: boolean }>(
            `mutation X($p: String!) { deleteMyAccount(password: $p) }`,
            { p: leaving.password },
            leaving.token,
          )
        ).deleteMyAccount,
      ).toBe(true);
      await gqlOk(`mutation C($id: ID!) { cancelEvent(id: $id, reason: "Pluie annoncée.") { id } }`, { id: toCancel.id }, staff.token);
      await gqlOk(`mutation L($id: ID!) { cancelRegistration(eventId: $id) { id } }`, { id: full.id }, first.token);

      // Each job fails its two attempts, then is kept dead, counted and listed for staff.
      const dead = await waitFor('four dead jobs', async () => {
        const report = await deadJobs();
        return report.count === 4 && report.jobs.length === 4 ? report : null;
      });
      expect(dead.jobs.map((j) => j.name).sort()).toEqual(FOUR_KINDS);
      const ban = dead.jobs.find((j) => j.name === 'moderation.apply-decision')!;
      expect(JSON.parse(ban.payload)).toEqual({ decisionId });
      expect(ban.failure).toMatch(/passerelle/);
      expect(ban.failures).toBeGreaterThanOrEqual(1);
      expect(Date.parse(ban.firstFailedAt)).not.toBeNaN();

      // Still cut: they are tried again, later and later, and stay one each (no copy, nothing applied).
      await waitFor('a re-drive that failed again', async () => (await deadJobs()).jobs.every((j) => j.failures >= 2));
      const still = await deadJobs();
      expect(still.count).toBe(4);
      expect(still.jobs.every((j) => j.redrives >= 1)).toBe(true);
      expect(await one(`SELECT banned_at FROM members.members WHERE id = $1`, [banned.id])).toEqual({ banned_at: null });
      expect(await one(`SELECT applied_at FROM moderation.decisions WHERE id = $1`, [decisionId])).toEqual({ applied_at: null });
      const { rows } = await system.db.query(`SELECT count(*)::int AS n FROM workers.dead_jobs`);
      expect(rows[0].n).toBe(4);
    } finally {
      await proxy.restore();
    }

    // Back: the next re-drive of each applies it, and nothing is counted dead any more.
    await waitFor('no dead job left', async () => (await deadJobs()).count === 0, 20_000);
    await waitFor(
      'the ban applied and marked',
      async () => (await one<{ applied_at: Date | null }>(`SELECT applied_at FROM moderation.decisions WHERE id = $1`, [decisionId!])).applied_at,
    );
    await waitFor('the cancellation e-mail', async () => mailsTo(attendee, /annulé/i).length === 1);
    await waitFor('the promotion e-mail', async () => mailsTo(waiting, /^Une place s'est libérée/).length === 1);
    await waitFor(
      'the erasure in events',
      async () => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM events.registrations WHERE member_id = $1`, [leaving.id])).n === 0,
    );

    // Exactly once: one sanction, one audit entry of its application, one e-mail each, even after more scans.
    await sleep(1_500);
    expect(await one(`SELECT count(*)::int AS n FROM members.moderation_applications WHERE decision_id = $1`, [decisionId!])).toEqual({ n: 1 });
    expect(await one(`SELECT banned_at IS NOT NULL AS banned FROM members.members WHERE id = $1`, [banned.id])).toEqual({ banned: true });
    expect(
      await one(`SELECT count(*)::int AS n FROM moderation.audit_log WHERE decision_id = $1 AND action = 'DECISION_APPLIED'`, [decisionId!]),
    ).toEqual({ n: 1 });
    expect(mailsTo(attendee, /annulé/i)).toHaveLength(1);
    expect(mailsTo(waiting, /^Une place s'est libérée/)).toHaveLength(1);
    const rows = await system.db.query<{ job_name: string; state: string }>(`SELECT job_name, state FROM workers.dead_jobs ORDER BY job_name`);
    expect(rows.rows).toEqual(FOUR_KINDS.map((job_name) => ({ job_name, state: 'RECOVERED' })));
    expect(await deadJobs()).toEqual({ count: 0, jobs: [] });
  });
});
