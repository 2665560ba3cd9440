import type { JobPayloads } from '@metropotes/jobs';
import { errorCodes, type TestMember, type TestSystem } from '@metropotes/test-kit';
import type { WorkersRuntime } from '../src/runtime';
import { createHandlers } from '../src/jobs/registry';
import { pollUntil, sleep, startWorkersHarness, type WorkersHarness } from './support/workers-harness';

const SET_ROLE = `mutation S($memberId: ID!, $role: MemberRole!) { setMemberRole(memberId: $memberId, role: $role) { id role } }`;
const LOG = `query L($filter: ModerationLogFilter) {
  moderationLog(filter: $filter) { totalCount edges { node { id action targetType targetId reason at actor { id } } } }
}`;
const RECORD = `mutation R($input: RecordRoleChangeInput!) { recordRoleChange(input: $input) { id } }`;

interface Entry {
  id: string;
  action: string;
  targetType: string;
  targetId: string;
  reason: string;
  at: string;
  actor: { id: string } | null;
}

describe('role changes in the moderation log (members → job → workers → moderation, all real)', () => {
  let harness: WorkersHarness;
  let system: TestSystem;
  let runtime: WorkersRuntime;
  let admin: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    harness = await startWorkersHarness();
    ({ system, runtime } = harness);
    admin = await system.signUp({ role: 'ADMIN' });
    staff = await system.signUp({ role: 'STAFF' });
  });

  afterAll(() => harness?.stop());

  const logOf = async (targetId: string): Promise<Entry[]> => {
    const res = await system.gql<{ moderationLog: { edges: { node: Entry }[] } }>(LOG, { filter: { targetId } }, staff.token);
    expect(res.errors).toBeUndefined();
    return res.data!.moderationLog.edges.map((e) => e.node);
  };

  const roleJobsOf = async (memberId: string) =>
    (await runtime.jobs.queue('fanout').getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter(
      (job) => job.name === 'audit.role-changed' && (job.data as JobPayloads['audit.role-changed']).memberId === memberId,
    );

  it('an admin changes a role: one ROLE_CHANGED entry with the admin as actor; the job run again adds none; the same role again logs nothing', async () => {
    const member = await system.signUp();
    const res = await system.gql(SET_ROLE, { memberId: member.id, role: 'STAFF' }, admin.token);
    expect(res.errors).toBeUndefined();

    const entries = await pollUntil(
      () => logOf(member.id),
      (list) => list.length > 0,
    );
    expect(entries).toEqual([
      {
        id: expect.any(String),
        action: 'ROLE_CHANGED',
        targetType: 'MEMBER',
        targetId: member.id,
        reason: 'MEMBER → STAFF',
        at: expect.any(String),
        actor: { id: admin.id },
      },
    ]);

    // The job carries ids and roles only, and its changedAt is the entry's `at`.
    const jobs = await pollUntil(
      () => roleJobsOf(member.id),
      (list) => list.every((j) => j.finishedOn !== undefined),
    );
    expect(jobs).toHaveLength(1);
    const payload = jobs[0]!.data as JobPayloads['audit.role-changed'];
    expect(payload).toEqual({ memberId: member.id, actorId: admin.id, previousRole: 'MEMBER', role: 'STAFF', changedAt: expect.any(String) });
    expect(new Date(entries[0]!.at).getTime()).toBe(new Date(payload.changedAt).getTime());

    // The same job handled twice more (a retry, a duplicate delivery): still one entry.
    const handle = createHandlers(runtime)['audit.role-changed'];
    const ctx = { jobId: jobs[0]!.id!, attempt: 2, maxAttempts: 8, log: harness.logger };
    await handle(payload, ctx);
    await handle(payload, ctx);
    expect(await logOf(member.id)).toHaveLength(1);

    // Setting the role the member already has: no job, no entry.
    const same = await system.gql(SET_ROLE, { memberId: member.id, role: 'STAFF' }, admin.token);
    expect(same.errors).toBeUndefined();
    await sleep(500);
    expect(await roleJobsOf(member.id)).toHaveLength(1);
    expect(await logOf(member.id)).toHaveLength(1);

    // A real second change is a second entry.
    expect((await system.gql(SET_ROLE, { memberId: member.id, role: 'MEMBER' }, admin.token)).errors).toBeUndefined();
    const after = await pollUntil(
      () => logOf(member.id),
      (list) => list.length > 1,
    );
    expect(after.map((e) => e.reason)).toEqual(['STAFF → MEMBER', 'MEMBER → STAFF']);
  });

  it('recordRoleChange is for the system only', async () => {
    const member = await system.signUp();
    const input = { memberId: member.id, actorId: admin.id, previousRole: 'MEMBER', role: 'ADMIN', changedAt: system.clock.now().toISOString() };
    expect(errorCodes(await system.gql(RECORD, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await system.gql(RECORD, { input }, member.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await system.gql(RECORD, { input }, staff.token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await system.gql(RECORD, { input }, admin.token))).toEqual(['FORBIDDEN']);
    expect(await logOf(member.id)).toEqual([]);
    // The system records it, once.
    const first = await system.gql<{ recordRoleChange: { id: string } }>(RECORD, { input }, await system.systemToken());
    const again = await system.gql<{ recordRoleChange: { id: string } }>(RECORD, { input }, await system.systemToken());
    expect(first.errors).toBeUndefined();
    expect(again.data!.recordRoleChange.id).toBe(first.data!.recordRoleChange.id);
    expect(await logOf(member.id)).toHaveLength(1);
  });
});
