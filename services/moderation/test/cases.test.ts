import { JobQueues } from '@metropotes/jobs';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { report, seedEvent, trustedReporters } from './helpers';

const CASE_FIELDS = `id targetType targetId status reportCount openedAt resolvedAt
  assignee { id }
  target { __typename ... on Member { id displayName } ... on Event { id title } }
  reports { id reason reporter { id } }
  decisions { id action reason automatic moderator { id } suspendedUntil requiresApplication createdAt appliedAt }`;

interface CaseAnswer {
  id: string;
  targetType: string;
  targetId: string;
  status: string;
  reportCount: number;
  openedAt: string;
  resolvedAt: string | null;
  assignee: { id: string } | null;
  target: { __typename: string; id: string; displayName?: string; title?: string } | null;
  reports: { id: string; reason: string; reporter: { id: string } }[];
  decisions: {
    id: string;
    action: string;
    reason: string;
    automatic: boolean;
    moderator: { id: string } | null;
    suspendedUntil: string | null;
    requiresApplication: boolean;
    createdAt: string;
    appliedAt: string | null;
  }[];
}

describe('moderation cases, decisions and the log', () => {
  let system: TestSystem;
  let jobs: JobQueues;
  let staff: TestMember;
  let member: TestMember;

  const caseOf = async (targetId: string): Promise<string> => {
    const { rows } = await system.db.query<{ id: string }>(`SELECT id FROM moderation.cases WHERE target_id = $1 ORDER BY opened_at DESC LIMIT 1`, [
      targetId,
    ]);
    return rows[0]!.id;
  };
  const getCase = async (id: string, token = staff.token) =>
    system.gql<{ moderationCase: CaseAnswer | null }>(`query C($id: ID!) { moderationCase(id: $id) { ${CASE_FIELDS} } }`, { id }, token);
  const decide = (caseId: string, input: Record<string, unknown>, token: string | undefined = staff.token) =>
    system.gql<{ decideCase: CaseAnswer }>(
      `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { ${CASE_FIELDS} } }`,
      { caseId, input },
      token,
    );
  const reporters = (n: number) => Promise.all(Array.from({ length: n }, () => system.signUp()));

  beforeAll(async () => {
    system = await startTestSystem();
    jobs = new JobQueues({ redisUrl: system.redisUrl, prefix: system.redisPrefix });
    staff = await system.signUp({ role: 'STAFF', displayName: 'Nadia Animatrice' });
    member = await system.signUp();
  });
  afterAll(async () => {
    await jobs?.close();
    await system?.stop();
  });

  it('groups the reports on one target in one open case, and another target in another', async () => {
    const organizer = await system.signUp();
    const eventA = await seedEvent(system, organizer.id);
    const eventB = await seedEvent(system, organizer.id);
    const [a, b] = await reporters(2);
    expect((await report(system, a!.token, { targetType: 'EVENT', targetId: eventA, reason: 'SPAM' })).errors).toBeUndefined();
    expect((await report(system, b!.token, { targetType: 'EVENT', targetId: eventA, reason: 'HATE' })).errors).toBeUndefined();
    expect((await report(system, a!.token, { targetType: 'EVENT', targetId: eventB })).errors).toBeUndefined();

    const { rows } = await system.db.query(
      `SELECT target_id, count(*)::int AS cases, sum(report_count)::int AS reports FROM moderation.cases
       WHERE target_id = ANY($1) GROUP BY target_id ORDER BY reports DESC`,
      [[eventA, eventB]],
    );
    expect(rows).toEqual([
      { target_id: eventA, cases: 1, reports: 2 },
      { target_id: eventB, cases: 1, reports: 1 },
    ]);
    const answer = await getCase(await caseOf(eventA));
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.moderationCase).toMatchObject({
      targetType: 'EVENT',
      targetId: eventA,
      status: 'OPEN',
      reportCount: 2,
      resolvedAt: null,
      target: { __typename: 'Event', id: eventA, title: 'Atelier budget participatif' },
      decisions: [],
    });
    expect(answer.data!.moderationCase!.reports.map((r) => [r.reason, r.reporter.id])).toEqual([
      ['SPAM', a!.id],
      ['HATE', b!.id],
    ]);
  });

  it('records an automatic HIDE decision (pending application) when 3 distinct trusted members reported, once', async () => {
    const target = await system.signUp({ displayName: 'Compte douteux' });
    const [a, b, c, d] = await trustedReporters(system, 4);
    await report(system, a!.token, { targetType: 'MEMBER', targetId: target.id });
    await report(system, b!.token, { targetType: 'MEMBER', targetId: target.id });
    // The same member again does not count twice.
    await report(system, b!.token, { targetType: 'MEMBER', targetId: target.id, reason: 'HATE' });
    const caseId = await caseOf(target.id);
    expect((await getCase(caseId)).data!.moderationCase!.decisions).toEqual([]);

    await report(system, c!.token, { targetType: 'MEMBER', targetId: target.id });
    await report(system, d!.token, { targetType: 'MEMBER', targetId: target.id });
    const answer = (await getCase(caseId)).data!.moderationCase!;
    expect(answer).toMatchObject({ status: 'OPEN', reportCount: 4, target: { __typename: 'Member', id: target.id, displayName: 'Compte douteux' } });
    expect(answer.decisions).toHaveLength(1);
    const decision = answer.decisions[0]!;
    expect(decision).toMatchObject({ action: 'HIDE', automatic: true, moderator: null, requiresApplication: true, appliedAt: null });
    expect(decision.reason).toMatch(/Masquage automatique : 3 membres/);

    // Durable record and job: an outbox row, handed to the fanout queue.
    const { rows } = await system.db.query(
      `SELECT job_name, payload, enqueued_at IS NOT NULL AS enqueued FROM moderation.job_outbox WHERE job_id = $1`,
      [`apply-decision-${decision.id}`],
    );
    expect(rows).toEqual([{ job_name: 'moderation.apply-decision', payload: { decisionId: decision.id }, enqueued: true }]);
    const job = await jobs.queue('fanout').getJob(`apply-decision-${decision.id}`);
    expect(job?.name).toBe('moderation.apply-decision');
    expect(job?.data).toEqual({ decisionId: decision.id });
  });

  it('opens one case and one automatic decision when many members report a new target at the same moment', async () => {
    const organizer = await system.signUp();
    const eventId = await seedEvent(system, organizer.id);
    const many = await trustedReporters(system, 6);
    const answers = await Promise.all(many.map((m) => report(system, m.token, { targetType: 'EVENT', targetId: eventId })));
    expect(answers.map((a) => a.errors)).toEqual(many.map(() => undefined));
    const { rows: cases } = await system.db.query(`SELECT id, report_count FROM moderation.cases WHERE target_id = $1`, [eventId]);
    expect(cases).toEqual([{ id: expect.any(String), report_count: 6 }]);
    const { rows: decisions } = await system.db.query(`SELECT action, automatic, moderator_id FROM moderation.decisions WHERE case_id = $1`, [
      cases[0]!.id,
    ]);
    expect(decisions).toEqual([{ action: 'HIDE', automatic: true, moderator_id: null }]);
    const { rows: log } = await system.db.query(`SELECT action, actor_id FROM moderation.audit_log WHERE case_id = $1`, [cases[0]!.id]);
    expect(log).toEqual([{ action: 'AUTO_HIDE', actor_id: null }]);
  });

  it('keeps the queue, the case, the log and decisions for staff: member FORBIDDEN, anonymous UNAUTHENTICATED', async () => {
    const target = await system.signUp();
    const [a] = await reporters(1);
    await report(system, a!.token, { targetType: 'MEMBER', targetId: target.id });
    const caseId = await caseOf(target.id);
    const operations: [string, Record<string, unknown>][] = [
      ['{ moderationQueue { totalCount } }', {}],
      ['query($id: ID!) { moderationCase(id: $id) { id } }', { id: caseId }],
      ['{ moderationLog { totalCount } }', {}],
      ['mutation($id: ID!) { assignCase(caseId: $id, memberId: null) { id } }', { id: caseId }],
      ['mutation($id: ID!) { decideCase(caseId: $id, input: { action: DISMISS, reason: "Rien à signaler" }) { id } }', { id: caseId }],
    ];
    for (const [query, variables] of operations) {
      const asMember = await system.gql(query, variables, member.token);
      expect([query, asMember.errors?.[0]?.extensions?.code]).toEqual([query, 'FORBIDDEN']);
      expect(asMember.errors?.[0]?.message).toBe("Cette action est réservée à l'équipe d'animation.");
      const anonymous = await system.gql(query, variables);
      expect([query, anonymous.errors?.[0]?.extensions?.code]).toEqual([query, 'UNAUTHENTICATED']);
    }
    const { rows } = await system.db.query(`SELECT status, assignee_id FROM moderation.cases WHERE id = $1`, [caseId]);
    expect(rows).toEqual([{ status: 'OPEN', assignee_id: null }]);
    expect((await system.gql('{ moderationQueue { totalCount } }', {}, staff.token)).errors).toBeUndefined();
  });

  it('assigns a case and records decisions with moderator, reason and time; the case is resolved', async () => {
    const organizer = await system.signUp();
    const eventId = await seedEvent(system, organizer.id);
    const [a] = await reporters(1);
    await report(system, a!.token, { targetType: 'EVENT', targetId: eventId, reason: 'SPAM' });
    const caseId = await caseOf(eventId);

    const assigned = await system.gql<{ assignCase: CaseAnswer }>(
      `mutation($caseId: ID!, $memberId: ID) { assignCase(caseId: $caseId, memberId: $memberId) { ${CASE_FIELDS} } }`,
      { caseId, memberId: staff.id },
      staff.token,
    );
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignCase.assignee).toEqual({ id: staff.id });
    const toMember = await system.gql(
      `mutation($caseId: ID!, $memberId: ID) { assignCase(caseId: $caseId, memberId: $memberId) { id } }`,
      { caseId, memberId: member.id },
      staff.token,
    );
    expect(toMember.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
    expect(toMember.errors?.[0]?.message).toBe("Un dossier ne peut être confié qu'à un membre de l'équipe d'animation.");
    expect((await system.db.query(`SELECT assignee_id FROM moderation.cases WHERE id = $1`, [caseId])).rows).toEqual([{ assignee_id: staff.id }]);

    // Times of the run's clock, to the millisecond.
    const before = system.clock.now().getTime();
    const hidden = await decide(caseId, { action: 'HIDE', reason: 'Publicité déguisée' });
    const after = system.clock.now().getTime();
    expect(hidden.errors).toBeUndefined();
    const c = hidden.data!.decideCase;
    expect(c.status).toBe('RESOLVED');
    expect(Date.parse(c.resolvedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(c.resolvedAt!)).toBeLessThanOrEqual(after);
    expect(c.decisions).toHaveLength(1);
    expect(c.decisions[0]).toMatchObject({
      action: 'HIDE',
      reason: 'Publicité déguisée',
      automatic: false,
      moderator: { id: staff.id },
      requiresApplication: true,
      appliedAt: null,
    });
    expect(Date.parse(c.decisions[0]!.createdAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(c.decisions[0]!.createdAt)).toBeLessThanOrEqual(after);
    expect(Date.parse(c.openedAt)).toBeLessThanOrEqual(before);
    const logged = await system.db.query<{ at: Date }>(`SELECT at FROM moderation.audit_log WHERE decision_id = $1`, [c.decisions[0]!.id]);
    expect(logged.rows).toHaveLength(1);
    expect(logged.rows[0]!.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(logged.rows[0]!.at.getTime()).toBeLessThanOrEqual(after);
    const job = await jobs.queue('fanout').getJob(`apply-decision-${c.decisions[0]!.id}`);
    expect(job?.data).toEqual({ decisionId: c.decisions[0]!.id });

    // The reporter sees their report's case resolved.
    const mine = await system.gql<{ myReports: { targetId: string; caseStatus: string }[] }>('{ myReports { targetId caseStatus } }', {}, a!.token);
    expect(mine.data!.myReports).toEqual([{ targetId: eventId, caseStatus: 'RESOLVED' }]);

    // Staff may come back on a resolved case: restoring the content is one more decision to apply.
    const restored = await decide(caseId, { action: 'RESTORE', reason: "L'organisateur a corrigé l'annonce" });
    expect(restored.errors).toBeUndefined();
    expect(restored.data!.decideCase.decisions.map((d) => [d.action, d.requiresApplication])).toEqual([
      ['HIDE', true],
      ['RESTORE', true],
    ]);
    expect(restored.data!.decideCase.resolvedAt).toBe(c.resolvedAt);

    // A new report on the same target, even by the same member, opens a new case.
    const again = await report(system, a!.token, { targetType: 'EVENT', targetId: eventId, reason: 'OFF_TOPIC' });
    expect(again.data!.reportContent.caseStatus).toBe('OPEN');
    const [b] = await reporters(1);
    expect((await report(system, b!.token, { targetType: 'EVENT', targetId: eventId })).data!.reportContent.caseStatus).toBe('OPEN');
    const { rows } = await system.db.query(`SELECT status, report_count FROM moderation.cases WHERE target_id = $1 ORDER BY opened_at`, [eventId]);
    expect(rows).toEqual([
      { status: 'RESOLVED', report_count: 1 },
      { status: 'OPEN', report_count: 2 },
    ]);
    const history = await system.gql<{ myReports: { reason: string; caseStatus: string }[] }>('{ myReports { reason caseStatus } }', {}, a!.token);
    expect(history.data!.myReports).toEqual([
      { reason: 'OFF_TOPIC', caseStatus: 'OPEN' },
      { reason: 'SPAM', caseStatus: 'RESOLVED' },
    ]);
  });

  it('records a DISMISS without anything to apply, and refuses invalid decisions in French', async () => {
    const target = await system.signUp();
    const organizer = await system.signUp();
    const eventId = await seedEvent(system, organizer.id);
    const [a] = await reporters(1);
    await report(system, a!.token, { targetType: 'MEMBER', targetId: target.id });
    await report(system, a!.token, { targetType: 'EVENT', targetId: eventId });
    const memberCase = await caseOf(target.id);
    const eventCase = await caseOf(eventId);

    const noReason = await decide(memberCase, { action: 'WARN', reason: '   ' });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const noEnd = await decide(memberCase, { action: 'SUSPEND', reason: 'Insultes répétées' });
    expect(noEnd.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suspendedUntil' });
    const pastEnd = await decide(memberCase, { action: 'SUSPEND', reason: 'Insultes répétées', suspendedUntil: '2020-01-01T00:00:00Z' });
    expect(pastEnd.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suspendedUntil' });
    expect(pastEnd.errors?.[0]?.message).toBe('La fin de la suspension doit être dans le futur.');
    // "Past" and "future" are the run's clock's: a day before it is refused, whatever the machine's date.
    const dayBefore = await decide(memberCase, {
      action: 'SUSPEND',
      reason: 'Insultes répétées',
      suspendedUntil: new Date(system.clock.now().getTime() - 86_400_000).toISOString(),
    });
    expect(dayBefore.errors?.[0]?.message).toBe('La fin de la suspension doit être dans le futur.');
    const suspendEvent = await decide(eventCase, {
      action: 'SUSPEND',
      reason: 'x',
      suspendedUntil: new Date(system.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(suspendEvent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
    const unknownCase = await decide('00000000-0000-4000-8000-000000000000', { action: 'DISMISS', reason: 'x' });
    expect(unknownCase.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await system.db.query(`SELECT 1 FROM moderation.decisions WHERE case_id = ANY($1)`, [[memberCase, eventCase]])).rows).toHaveLength(0);

    const dismissed = await decide(eventCase, { action: 'DISMISS', reason: 'Signalement infondé' });
    expect(dismissed.errors).toBeUndefined();
    expect(dismissed.data!.decideCase.decisions[0]).toMatchObject({ action: 'DISMISS', requiresApplication: false });
    const { rows } = await system.db.query(
      `SELECT count(*)::int AS n FROM moderation.job_outbox o JOIN moderation.decisions d ON o.job_id = 'apply-decision-' || d.id WHERE d.case_id = $1`,
      [eventCase],
    );
    expect(rows).toEqual([{ n: 0 }]);

    const until = new Date(system.clock.now().getTime() + 7 * 86_400_000);
    const suspended = await decide(memberCase, { action: 'SUSPEND', reason: 'Insultes répétées', suspendedUntil: until.toISOString() });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data!.decideCase.decisions[0]).toMatchObject({
      action: 'SUSPEND',
      requiresApplication: true,
      suspendedUntil: until.toISOString(),
    });
  });

  it('gives the workers decisionToApply and an idempotent markDecisionApplied, for the system only', async () => {
    const target = await system.signUp();
    const [a] = await reporters(1);
    await report(system, a!.token, { targetType: 'MEMBER', targetId: target.id });
    const caseId = await caseOf(target.id);
    const decided = await decide(caseId, { action: 'WARN', reason: 'Propos agressifs' });
    const decisionId = decided.data!.decideCase.decisions[0]!.id;
    const system1 = await system.systemToken();

    const toApply = `query($id: ID!) { decisionToApply(id: $id) { id targetType targetId action suspendedUntil appliedAt } }`;
    const mark = `mutation($id: ID!) { markDecisionApplied(id: $id) { id appliedAt } }`;
    for (const query of [toApply, mark]) {
      expect((await system.gql(query, { id: decisionId }, staff.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await system.gql(query, { id: decisionId })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const read = await system.gql<{ decisionToApply: Record<string, unknown> }>(toApply, { id: decisionId }, system1);
    expect(read.errors).toBeUndefined();
    expect(read.data!.decisionToApply).toEqual({
      id: decisionId,
      targetType: 'MEMBER',
      targetId: target.id,
      action: 'WARN',
      suspendedUntil: null,
      appliedAt: null,
    });

    const first = await system.gql<{ markDecisionApplied: { appliedAt: string } }>(mark, { id: decisionId }, system1);
    expect(first.errors).toBeUndefined();
    expect(first.data!.markDecisionApplied.appliedAt).not.toBeNull();
    const again = await system.gql<{ markDecisionApplied: { appliedAt: string } }>(mark, { id: decisionId }, system1);
    expect(again.data!.markDecisionApplied.appliedAt).toBe(first.data!.markDecisionApplied.appliedAt);
    const { rows } = await system.db.query(
      `SELECT count(*)::int AS n FROM moderation.audit_log WHERE decision_id = $1 AND action = 'DECISION_APPLIED'`,
      [decisionId],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('shows staff a member’s warnings and sanctions (moderationHistory); others get null', async () => {
    const target = await system.signUp();
    const [a] = await reporters(1);
    await report(system, a!.token, { targetType: 'MEMBER', targetId: target.id });
    await decide(await caseOf(target.id), { action: 'WARN', reason: 'Premier avertissement' });
    const query = `query($id: ID!) { member(id: $id) { id moderationHistory { action reason moderator { id } } } }`;
    const asStaff = await system.gql<{ member: { moderationHistory: unknown[] | null } }>(query, { id: target.id }, staff.token);
    expect(asStaff.errors).toBeUndefined();
    expect(asStaff.data!.member.moderationHistory).toEqual([{ action: 'WARN', reason: 'Premier avertissement', moderator: { id: staff.id } }]);
    const asMember = await system.gql<{ member: { moderationHistory: unknown[] | null } }>(query, { id: target.id }, member.token);
    expect(asMember.errors).toBeUndefined();
    expect(asMember.data!.member.moderationHistory).toBeNull();
    const asSelf = await system.gql<{ member: { moderationHistory: unknown[] | null } }>(query, { id: target.id }, target.token);
    expect(asSelf.data!.member.moderationHistory).toBeNull();
  });

  it('logs every moderation action in an append-only log that staff can filter', async () => {
    const target = await system.signUp();
    const [a] = await reporters(1);
    await report(system, a!.token, { targetType: 'MEMBER', targetId: target.id });
    const caseId = await caseOf(target.id);
    await system.gql(`mutation($c: ID!, $m: ID) { assignCase(caseId: $c, memberId: $m) { id } }`, { c: caseId, m: staff.id }, staff.token);
    await decide(caseId, { action: 'BAN', reason: 'Menaces' });

    const log = await system.gql<{
      moderationLog: {
        totalCount: number;
        edges: {
          node: { action: string; actor: { id: string } | null; targetType: string; targetId: string; caseId: string; reason: string | null };
        }[];
      };
    }>(
      `query($f: ModerationLogFilter) { moderationLog(filter: $f) { totalCount edges { node { action actor { id } targetType targetId caseId reason } } } }`,
      { f: { targetType: 'MEMBER', targetId: target.id } },
      staff.token,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.moderationLog.totalCount).toBe(2);
    expect(log.data!.moderationLog.edges.map((e) => e.node)).toEqual([
      { action: 'BAN', actor: { id: staff.id }, targetType: 'MEMBER', targetId: target.id, caseId, reason: 'Menaces' },
      expect.objectContaining({ action: 'CASE_ASSIGNED', actor: { id: staff.id }, caseId }),
    ]);
    const pageQuery = `query($f: ModerationLogFilter, $after: String) {
      moderationLog(filter: $f, first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { action } } }
    }`;
    type Page = { moderationLog: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { action: string } }[] } };
    const page1 = await system.gql<Page>(pageQuery, { f: { targetId: target.id } }, staff.token);
    expect(page1.data!.moderationLog.edges.map((e) => e.node.action)).toEqual(['BAN']);
    expect(page1.data!.moderationLog.pageInfo.hasNextPage).toBe(true);
    const page2 = await system.gql<Page>(pageQuery, { f: { targetId: target.id }, after: page1.data!.moderationLog.pageInfo.endCursor }, staff.token);
    expect(page2.data!.moderationLog.edges.map((e) => e.node.action)).toEqual(['CASE_ASSIGNED']);
    expect(page2.data!.moderationLog.pageInfo.hasNextPage).toBe(false);
    const byActor = await system.gql<{ moderationLog: { totalCount: number } }>(
      `query($f: ModerationLogFilter) { moderationLog(filter: $f) { totalCount } }`,
      { f: { actorId: a!.id } },
      staff.token,
    );
    expect(byActor.data!.moderationLog.totalCount).toBe(0);
    const future = await system.gql<{ moderationLog: { totalCount: number } }>(
      `query($f: ModerationLogFilter) { moderationLog(filter: $f) { totalCount } }`,
      { f: { from: new Date(system.clock.now().getTime() + 3_600_000).toISOString() } },
      staff.token,
    );
    expect(future.data!.moderationLog.totalCount).toBe(0);
    // The log is dated by the run's clock: the last hour of it holds both entries.
    const lastHour = await system.gql<{ moderationLog: { totalCount: number } }>(
      `query($f: ModerationLogFilter) { moderationLog(filter: $f) { totalCount } }`,
      { f: { targetId: target.id, from: new Date(system.clock.now().getTime() - 3_600_000).toISOString(), to: system.clock.now().toISOString() } },
      staff.token,
    );
    expect(lastHour.data!.moderationLog.totalCount).toBe(2);

    // The database itself refuses to change or remove an entry.
    await expect(system.db.query(`UPDATE moderation.audit_log SET reason = 'effacé' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(system.db.query(`DELETE FROM moderation.audit_log WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(system.db.query(`TRUNCATE moderation.audit_log`)).rejects.toThrow(/append-only/);
    const { rows } = await system.db.query(`SELECT reason FROM moderation.audit_log WHERE case_id = $1 ORDER BY at`, [caseId]);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({ reason: 'Menaces' });
  });
});
