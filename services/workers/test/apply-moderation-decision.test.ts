import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { applyModerationDecisionJob } from '../src/jobs/apply-moderation-decision.job';
import type { WorkersRuntime } from '../src/runtime';
import { createEvent as createEventAs, pollUntil, startWorkersHarness, type WorkersHarness } from './support/workers-harness';

const REPORT = `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id caseStatus } }`;
const QUEUE = `query Q($filter: ModerationQueueFilter) { moderationQueue(filter: $filter) { edges { node { id targetId decisions { id action appliedAt } } } } }`;
const DECIDE = `mutation D($caseId: ID!, $input: DecideCaseInput!) { decideCase(caseId: $caseId, input: $input) { id decisions { id action appliedAt } } }`;
const AGENDA = `query { agenda(first: 100) { edges { node { id moderationState } } totalCount } }`;
const EVENT = `query E($id: ID!) { event(id: $id) { id title moderationState } }`;
const LOG_IN = `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`;

describe('moderation decisions applied by the workers (gateway, Postgres, Redis all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness();
    ({ system, runtime } = harness);
    staff = await system.signUp({ role: 'STAFF', communeCode: '93039' });
  });

  afterAll(() => harness?.stop());

  const createEvent = async (title: string): Promise<string> => (await createEventAs(system, staff.token, { title })).id;

  const publicAgendaIds = async (token?: string) =>
    (await system.gql<{ agenda: { edges: { node: { id: string; moderationState: string | null } }[] } }>(AGENDA, {}, token)).data!.agenda.edges.map(
      (e) => e.node,
    );

  async function caseOf(targetId: string) {
    const res = await system.gql<{
      moderationQueue: { edges: { node: { id: string; targetId: string; decisions: { id: string; action: string; appliedAt: string | null }[] } }[] };
    }>(QUEUE, { filter: { targetType: 'EVENT' } }, staff.token);
    expect(res.errors).toBeUndefined();
    return res.data!.moderationQueue.edges.map((e) => e.node).find((c) => c.targetId === targetId)!;
  }

  it('three distinct trusted reports hide an event from the public agenda within seconds; staff still see it; RESTORE brings it back', async () => {
    const eventId = await createEvent('Vide-grenier douteux');
    expect((await publicAgendaIds()).map((e) => e.id)).toContain(eventId);

    for (let i = 0; i < 3; i++) {
      const reporter = await system.signUp({ communeCode: '93039' });
      // Only trusted reporters count towards the automatic hiding: address verified, account a week old or more.
      await system.db.query(`UPDATE members.members SET email_verified_at = $2, joined_at = $2::timestamptz - interval '30 days' WHERE id = $1`, [
        reporter.id,
        system.clock.now(),
      ]);
      const res = await system.gql(REPORT, { input: { targetType: 'EVENT', targetId: eventId, reason: 'SPAM' } }, reporter.token);
      expect(res.errors).toBeUndefined();
    }

    const gone = await pollUntil(
      () => publicAgendaIds(),
      (ids) => !ids.some((e) => e.id === eventId),
    );
    expect(gone.map((e) => e.id)).not.toContain(eventId);
    expect((await system.gql<{ event: unknown }>(EVENT, { id: eventId })).data!.event).toBeNull();
    const member = await system.signUp({ communeCode: '93039' });
    expect((await system.gql<{ event: unknown }>(EVENT, { id: eventId }, member.token)).data!.event).toBeNull();

    // Staff still see it, marked HIDDEN; the decision is marked applied in moderation.
    const seenByStaff = await system.gql<{ event: { id: string; moderationState: string } }>(EVENT, { id: eventId }, staff.token);
    expect(seenByStaff.data!.event).toMatchObject({ id: eventId, moderationState: 'HIDDEN' });
    expect((await publicAgendaIds(staff.token)).find((e) => e.id === eventId)).toEqual({ id: eventId, moderationState: 'HIDDEN' });
    const autoCase = await pollUntil(
      () => caseOf(eventId),
      (c) => c.decisions.every((d) => d.appliedAt !== null),
    );
    expect(autoCase.decisions).toEqual([{ id: expect.any(String), action: 'HIDE', appliedAt: expect.any(String) }]);

    // Staff restore it: back in the public agenda, moderationState null for non-staff.
    const restored = await system.gql<{ decideCase: { decisions: { action: string }[] } }>(
      DECIDE,
      { caseId: autoCase.id, input: { action: 'RESTORE', reason: 'Signalements infondés' } },
      staff.token,
    );
    expect(restored.errors).toBeUndefined();
    const back = await pollUntil(
      () => publicAgendaIds(),
      (ids) => ids.some((e) => e.id === eventId),
    );
    expect(back.find((e) => e.id === eventId)).toEqual({ id: eventId, moderationState: null });
    expect((await system.gql<{ event: { moderationState: string } }>(EVENT, { id: eventId }, staff.token)).data!.event.moderationState).toBe(
      'VISIBLE',
    );
  });

  it('a staff HIDE decision is applied once, even when the job runs again', async () => {
    const eventId = await createEvent('Réunion de quartier');
    const reporter = await system.signUp({ communeCode: '93039' });
    expect(
      (await system.gql(REPORT, { input: { targetType: 'EVENT', targetId: eventId, reason: 'OFF_TOPIC' } }, reporter.token)).errors,
    ).toBeUndefined();
    const open = await caseOf(eventId);
    const decided = await system.gql<{ decideCase: { decisions: { id: string }[] } }>(
      DECIDE,
      { caseId: open.id, input: { action: 'HIDE', reason: 'Hors sujet' } },
      staff.token,
    );
    expect(decided.errors).toBeUndefined();
    const decisionId = decided.data!.decideCase.decisions[0]!.id;
    const gone = await pollUntil(
      () => publicAgendaIds(),
      (ids) => !ids.some((e) => e.id === eventId),
    );
    expect(gone.map((e) => e.id)).not.toContain(eventId);
    const applied = await pollUntil(
      () => caseOf(eventId),
      (c) => c.decisions[0]!.appliedAt !== null,
    );
    const appliedAt = applied.decisions[0]!.appliedAt;
    expect(appliedAt).not.toBeNull();

    // Running the job again (a retry after a lost acknowledgement) changes nothing.
    const handler = applyModerationDecisionJob(runtime);
    await handler({ decisionId }, { jobId: 'again', attempt: 2, maxAttempts: 5, log: harness.logger });
    expect((await caseOf(eventId)).decisions[0]!.appliedAt).toBe(appliedAt);
    const rows = await system.db.query(`SELECT decision_id FROM events.moderation_applications WHERE decision_id = $1`, [decisionId]);
    expect(rows.rowCount).toBe(1);

    // Calling the owning mutation twice answers the same application; only the platform may call it.
    const input = { targetType: 'EVENT', targetId: eventId, action: 'HIDE', decisionId, reason: 'Hors sujet' };
    const APPLY = `mutation A($input: ApplyModerationActionInput!) { applyEventModerationAction(input: $input) { decisionId appliedAt } }`;
    const again = await system.gql<{ applyEventModerationAction: { appliedAt: string } }>(APPLY, { input }, await system.systemToken());
    expect(again.errors).toBeUndefined();
    expect(new Date(again.data!.applyEventModerationAction.appliedAt).getTime()).toBeLessThanOrEqual(new Date(appliedAt!).getTime());
    const refused = await system.gql(APPLY, { input }, staff.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('SUSPEND stops log-in, refresh and writes with a French FORBIDDEN message; WARN shows the member a warning', async () => {
    const target = await system.signUp({ communeCode: '93039' });
    const reporter = await system.signUp({ communeCode: '93039' });
    expect(
      (await system.gql(REPORT, { input: { targetType: 'MEMBER', targetId: target.id, reason: 'HARASSMENT' } }, reporter.token)).errors,
    ).toBeUndefined();
    const memberCase = async () => {
      const res = await system.gql<{
        moderationQueue: {
          edges: { node: { id: string; targetId: string; decisions: { id: string; action: string; appliedAt: string | null }[] } }[];
        };
      }>(QUEUE, { filter: { targetType: 'MEMBER' } }, staff.token);
      return res.data!.moderationQueue.edges.map((e) => e.node).find((c) => c.targetId === target.id)!;
    };
    const open = await memberCase();
    const until = new Date(system.clock.now().getTime() + 7 * 24 * 3600 * 1000);
    const decided = await system.gql(
      DECIDE,
      { caseId: open.id, input: { action: 'SUSPEND', reason: 'Propos insultants', suspendedUntil: until.toISOString() } },
      staff.token,
    );
    expect(decided.errors).toBeUndefined();

    const logIn = () => system.gql<{ logIn: { accessToken: string } }>(LOG_IN, { email: target.email, password: target.password });
    const refused = await pollUntil(logIn, (res) => res.errors?.[0]?.extensions?.code === 'FORBIDDEN');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(/^Ce compte est suspendu jusqu'au /);
    const applied = await pollUntil(memberCase, (c) => c.decisions[0]!.appliedAt !== null);
    expect(applied.decisions[0]).toMatchObject({ action: 'SUSPEND', appliedAt: expect.any(String) });

    // Sessions were revoked: the refresh token opens nothing; the access token still running is refused at once
    // by the gateway (session version), in members as in events.
    const refreshed = await system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: target.refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    const write = await system.gql(`mutation { updateMyProfile(input: { bio: "Coucou" }) { id } }`, {}, target.token);
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(write.errors?.[0]?.message).toBe('Votre session a été fermée : reconnectez-vous.');
    const start = new Date(system.clock.now().getTime() + 7 * 24 * 3600 * 1000);
    const eventWrite = await system.gql(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Événement après suspension',
          kind: 'ATELIER',
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 3600 * 1000).toISOString(),
          venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
        },
      },
      target.token,
    );
    expect(eventWrite.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(`query { me { id } }`, {}, target.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // A WARN decision on another member's case: the member sees it, others do not.
    const warned = await system.signUp({ communeCode: '93039' });
    expect(
      (await system.gql(REPORT, { input: { targetType: 'MEMBER', targetId: warned.id, reason: 'SPAM' } }, reporter.token)).errors,
    ).toBeUndefined();
    const warnedCase = (
      await system.gql<{ moderationQueue: { edges: { node: { id: string; targetId: string } }[] } }>(
        QUEUE,
        { filter: { targetType: 'MEMBER' } },
        staff.token,
      )
    )
      .data!.moderationQueue.edges.map((e) => e.node)
      .find((c) => c.targetId === warned.id)!;
    expect(
      (await system.gql(DECIDE, { caseId: warnedCase.id, input: { action: 'WARN', reason: 'Merci de rester courtois.' } }, staff.token)).errors,
    ).toBeUndefined();
    const WARNINGS = `query W($id: ID!) { member(id: $id) { id warnings { reason createdAt } } }`;
    const seen = await pollUntil(
      () => system.gql<{ member: { warnings: { reason: string }[] | null } }>(WARNINGS, { id: warned.id }, warned.token),
      (res) => (res.data?.member?.warnings?.length ?? 0) > 0,
    );
    expect(seen.data!.member.warnings).toEqual([{ reason: 'Merci de rester courtois.', createdAt: expect.any(String) }]);
    expect((await system.gql<{ member: { warnings: unknown } }>(WARNINGS, { id: warned.id }, reporter.token)).data!.member.warnings).toBeNull();
  });
});
