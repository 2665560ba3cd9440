import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { report } from './helpers';

const DECIDE = `mutation D($caseId: ID!, $input: DecideCaseInput!) {
  decideCase(caseId: $caseId, input: $input) { id status decisions { id action moderator { id } moderatorRole } }
}`;
const TO_APPLY = `query T($id: ID!) {
  decisionToApply(id: $id) { id targetType targetId action reason suspendedUntil createdAt moderatorRole }
}`;
const APPLY = `mutation A($input: ApplyModerationActionInput!) {
  applyMemberModerationAction(input: $input) { decisionId action appliedAt }
}`;
const STAFF_ONLY_SANCTION =
  "Seul·e un·e administrateur·rice peut avertir, suspendre ou exclure un membre de l'équipe d'animation ou un·e administrateur·rice.";

interface DecisionToApply {
  id: string;
  targetType: string;
  targetId: string;
  action: string;
  reason: string;
  suspendedUntil: string | null;
  createdAt: string;
  moderatorRole: string | null;
}

/**
 * Staff cannot sanction staff or admins: WARN, SUSPEND and BAN of a STAFF or ADMIN member are for admins only,
 * refused where the decision is taken (moderation) and where it is applied (members).
 */
describe('who may sanction whom', () => {
  let system: TestSystem;
  let admin: TestMember;
  let staff: TestMember;
  let reporter: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    admin = await system.signUp({ role: 'ADMIN', displayName: 'Awa Admin' });
    staff = await system.signUp({ role: 'STAFF', displayName: 'Nadia Animatrice' });
    reporter = await system.signUp();
    systemToken = await system.systemToken();
  });
  afterAll(async () => {
    await system?.stop();
  });

  /** An open case about this member (one report). */
  const caseAbout = async (memberId: string): Promise<string> => {
    expect((await report(system, reporter.token, { targetType: 'MEMBER', targetId: memberId, reason: 'HARASSMENT' })).errors).toBeUndefined();
    const { rows } = await system.db.query<{ id: string }>(`SELECT id FROM moderation.cases WHERE target_id = $1 AND status = 'OPEN'`, [memberId]);
    return rows[0]!.id;
  };
  const decide = (caseId: string, input: Record<string, unknown>, token: string) =>
    system.gql<{
      decideCase: { status: string; decisions: { id: string; action: string; moderator: { id: string } | null; moderatorRole: string | null }[] };
    }>(DECIDE, { caseId, input }, token);
  const written = async (caseId: string) => ({
    decisions: (await system.db.query(`SELECT 1 FROM moderation.decisions WHERE case_id = $1`, [caseId])).rowCount,
    log: (await system.db.query(`SELECT 1 FROM moderation.audit_log WHERE case_id = $1`, [caseId])).rowCount,
    outbox: (
      await system.db.query(
        `SELECT 1 FROM moderation.job_outbox WHERE payload->>'decisionId' IN (SELECT id::text FROM moderation.decisions WHERE case_id = $1)`,
        [caseId],
      )
    ).rowCount,
    status: (await system.db.query<{ status: string }>(`SELECT status FROM moderation.cases WHERE id = $1`, [caseId])).rows[0]!.status,
  });
  /** What the workers do with a decision: read it as the platform, hand it to members. */
  const applyAsWorkers = async (decisionId: string) => {
    const read = await system.gql<{ decisionToApply: DecisionToApply }>(TO_APPLY, { id: decisionId }, systemToken);
    expect(read.errors).toBeUndefined();
    const d = read.data!.decisionToApply;
    return system.gql<{ applyMemberModerationAction: { decisionId: string; action: string } }>(
      APPLY,
      {
        input: {
          targetType: d.targetType,
          targetId: d.targetId,
          action: d.action,
          decisionId: d.id,
          suspendedUntil: d.suspendedUntil,
          reason: d.reason,
          decidedAt: d.createdAt,
          decidedByRole: d.moderatorRole,
        },
      },
      systemToken,
    );
  };

  it('staff → ban an admin: FORBIDDEN, nothing written', async () => {
    const caseId = await caseAbout(admin.id);
    const answer = await decide(caseId, { action: 'BAN', reason: 'Abus de pouvoir' }, staff.token);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(answer.errors?.[0]?.message).toBe(STAFF_ONLY_SANCTION);
    expect(await written(caseId)).toEqual({ decisions: 0, log: 0, outbox: 0, status: 'OPEN' });
    const { rows } = await system.db.query(`SELECT banned_at FROM members.members WHERE id = $1`, [admin.id]);
    expect(rows).toEqual([{ banned_at: null }]);
  });

  it('staff → warn or suspend another staff member: FORBIDDEN, nothing written', async () => {
    const colleague = await system.signUp({ role: 'STAFF' });
    const caseId = await caseAbout(colleague.id);
    const warn = await decide(caseId, { action: 'WARN', reason: 'Ton déplacé' }, staff.token);
    expect(warn.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(warn.errors?.[0]?.message).toBe(STAFF_ONLY_SANCTION);
    const until = new Date(system.clock.now().getTime() + 7 * 86_400_000).toISOString();
    const suspend = await decide(caseId, { action: 'SUSPEND', reason: 'Ton déplacé', suspendedUntil: until }, staff.token);
    expect(suspend.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await written(caseId)).toEqual({ decisions: 0, log: 0, outbox: 0, status: 'OPEN' });
    // Other decisions about a colleague stay with staff.
    expect((await decide(caseId, { action: 'DISMISS', reason: 'Signalement infondé' }, staff.token)).errors).toBeUndefined();
  });

  it('admin → suspend a staff member: recorded with the role of who decided, applied by members', async () => {
    const colleague = await system.signUp({ role: 'STAFF' });
    const caseId = await caseAbout(colleague.id);
    const until = new Date(system.clock.now().getTime() + 7 * 86_400_000);
    const answer = await decide(caseId, { action: 'SUSPEND', reason: 'Propos insultants', suspendedUntil: until.toISOString() }, admin.token);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.decideCase.status).toBe('RESOLVED');
    const decision = answer.data!.decideCase.decisions[0]!;
    expect(decision).toMatchObject({ action: 'SUSPEND', moderator: { id: admin.id }, moderatorRole: 'ADMIN' });

    const applied = await applyAsWorkers(decision.id);
    expect(applied.errors).toBeUndefined();
    const { rows } = await system.db.query<{ suspended_until: Date }>(`SELECT suspended_until FROM members.members WHERE id = $1`, [colleague.id]);
    expect(rows[0]!.suspended_until.toISOString()).toBe(until.toISOString());
  });

  it('staff → ban a member: works, and members applies it', async () => {
    const target = await system.signUp();
    const caseId = await caseAbout(target.id);
    const answer = await decide(caseId, { action: 'BAN', reason: 'Récidive' }, staff.token);
    expect(answer.errors).toBeUndefined();
    const decision = answer.data!.decideCase.decisions[0]!;
    expect(decision).toMatchObject({ action: 'BAN', moderatorRole: 'STAFF' });
    expect((await applyAsWorkers(decision.id)).errors).toBeUndefined();
    const { rows } = await system.db.query(`SELECT banned_at IS NOT NULL AS banned FROM members.members WHERE id = $1`, [target.id]);
    expect(rows).toEqual([{ banned: true }]);
  });

  it('members refuses to apply a sanction of a STAFF or ADMIN member not decided by an admin, writing nothing', async () => {
    const colleague = await system.signUp({ role: 'STAFF' });
    const until = new Date(system.clock.now().getTime() + 7 * 86_400_000).toISOString();
    const attempts: [Record<string, unknown>, string][] = [
      [{ targetId: admin.id, action: 'BAN', decidedByRole: 'STAFF' }, 'ADMIN banned by staff'],
      [{ targetId: colleague.id, action: 'WARN', decidedByRole: 'STAFF' }, 'STAFF warned by staff'],
      [{ targetId: colleague.id, action: 'SUSPEND', suspendedUntil: until }, 'STAFF suspended, decider unknown'],
      [{ targetId: admin.id, action: 'BAN', decidedByRole: 'MEMBER' }, 'ADMIN banned by a member'],
    ];
    for (const [input, what] of attempts) {
      const decisionId = randomUUID();
      const answer = await system.gql(APPLY, { input: { targetType: 'MEMBER', decisionId, reason: 'Motif', ...input } }, systemToken);
      expect([what, answer.errors?.[0]?.extensions?.code]).toEqual([what, 'FORBIDDEN']);
      expect(answer.errors?.[0]?.message).toBe(STAFF_ONLY_SANCTION);
      expect((await system.db.query(`SELECT 1 FROM members.moderation_applications WHERE decision_id = $1`, [decisionId])).rowCount).toBe(0);
    }
    const { rows } = await system.db.query(
      `SELECT id, banned_at, suspended_until, (SELECT count(*)::int FROM members.member_warnings w WHERE w.member_id = m.id) AS warnings
       FROM members.members m WHERE id = ANY($1) ORDER BY id`,
      [[admin.id, colleague.id]],
    );
    expect(rows.map((r) => [r.banned_at, r.suspended_until, r.warnings])).toEqual([
      [null, null, 0],
      [null, null, 0],
    ]);
    // Hiding a staff profile is not a sanction: staff may decide it.
    expect(
      (
        await system.gql(
          APPLY,
          { input: { targetType: 'MEMBER', targetId: colleague.id, action: 'HIDE', decisionId: randomUUID(), decidedByRole: 'STAFF' } },
          systemToken,
        )
      ).errors,
    ).toBeUndefined();
    // A warning decided by an admin goes through.
    expect(
      (
        await system.gql(
          APPLY,
          {
            input: {
              targetType: 'MEMBER',
              targetId: colleague.id,
              action: 'WARN',
              decisionId: randomUUID(),
              reason: 'Attention',
              decidedByRole: 'ADMIN',
            },
          },
          systemToken,
        )
      ).errors,
    ).toBeUndefined();
  });
});
