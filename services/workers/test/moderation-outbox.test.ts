import type { TcpProxy, TestMember, TestSystem } from '@metropotes/test-kit';
import { createEvent, gqlData, pollUntil, sleep, startWorkersHarness, type WorkersHarness } from './support/workers-harness';

/**
 * Moderation writes the job of a decision another service must apply into moderation.job_outbox (the outbox shared
 * with events): a decision taken while Redis refuses is applied once Redis is back. The services reach Redis through
 * a proxy the test cuts; the workers reach it directly.
 */
describe('moderation outbox: a decision taken while Redis refuses is applied once it is back (gateway, Postgres, Redis all real)', () => {
  let harness: WorkersHarness;
  let proxy: TcpProxy;
  let system: TestSystem;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness({ redisPartition: true });
    proxy = harness.redisProxy!;
    system = harness.system;
    staff = await system.signUp({ role: 'STAFF', communeCode: '93039' });
  });

  afterAll(() => harness?.stop());

  const gqlOk = <T>(query: string, variables: Record<string, unknown>, token?: string) => gqlData<T>(system, query, variables, token);

  const state = async (eventId: string) =>
    (await system.db.query(`SELECT moderation_state FROM events.events WHERE id = $1`, [eventId])).rows[0].moderation_state as string;

  it('HIDE with Redis cut: the decision stands, its job waits in moderation.job_outbox, then the event is hidden', async () => {
    const { id: eventId } = await createEvent(system, staff.token, { title: 'Vente de faux billets' });
    const reporter = await system.signUp({ communeCode: '93039' });
    await gqlOk(
      `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`,
      { input: { targetType: 'EVENT', targetId: eventId, reason: 'SPAM' } },
      reporter.token,
    );
    const queue = await gqlOk<{ moderationQueue: { edges: { node: { id: string; targetId: string } }[] } }>(
      `query Q { moderationQueue(filter: { targetType: EVENT }) { edges { node { id targetId } } } }`,
      {},
      staff.token,
    );
    const caseId = queue.moderationQueue.edges.find((e) => e.node.targetId === eventId)!.node.id;

    // The moderation service has enqueued before (its queue is connected): Redis going down makes enqueues fail at once.
    await system.subgraphs.moderation.deps.jobs.queue('fanout').waitUntilReady();
    await proxy.cut();
    let decisionId: string;
    try {
      const decided = await gqlOk<{ decideCase: { decisions: { id: string; action: string; appliedAt: string | null }[] } }>(
        `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { decisions { id action appliedAt } } }`,
        { caseId, input: { action: 'HIDE', reason: 'Arnaque.' } },
        staff.token,
      );
      const decision = decided.decideCase.decisions.find((d) => d.action === 'HIDE')!;
      decisionId = decision.id;
      expect(decision.appliedAt).toBeNull();
      const { rows } = await system.db.query(
        `SELECT job_name, payload, enqueued_at IS NOT NULL AS enqueued, attempts FROM moderation.job_outbox WHERE job_id = $1`,
        [`apply-decision-${decisionId}`],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ job_name: 'moderation.apply-decision', payload: { decisionId }, enqueued: false });
      expect(rows[0].attempts).toBeGreaterThanOrEqual(1);
      await sleep(2500);
      expect(await state(eventId)).toBe('VISIBLE');
    } finally {
      await proxy.restore();
    }

    // The periodic relay of the moderation service sends it; the workers apply it in events.
    const deadline = Date.now() + 20_000;
    while ((await state(eventId)) !== 'HIDDEN' && Date.now() < deadline) await sleep(100);
    expect(await state(eventId)).toBe('HIDDEN');
    // The workers mark the decision applied in moderation after events applied it: a step later.
    const appliedAt = async () =>
      (await system.db.query(`SELECT applied_at FROM moderation.decisions WHERE id = $1`, [decisionId])).rows[0].applied_at as Date | null;
    expect(await pollUntil(appliedAt, (at) => at !== null)).not.toBeNull();
    const { rows } = await system.db.query(
      `SELECT count(*)::int AS n, bool_and(enqueued_at IS NOT NULL) AS enqueued FROM moderation.job_outbox WHERE job_id = $1`,
      [`apply-decision-${decisionId}`],
    );
    expect(rows[0]).toEqual({ n: 1, enqueued: true });
  });
});
