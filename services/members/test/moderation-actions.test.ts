import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { sessionVersionKey } from '@metropotes/auth';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';

const APPLY = `mutation A($input: ApplyModerationActionInput!) {
  applyMemberModerationAction(input: $input) { decisionId targetType targetId action appliedAt }
}`;
const MEMBER = `query M($id: ID!) { member(id: $id) { id displayName moderationState } }`;
const DIRECTORY = `query { members(first: 100) { edges { node { id } } totalCount } }`;
const GROUP = `query G($id: ID!) { group(id: $id) { id name moderationState } }`;
const GROUPS = `query { groups(first: 100) { edges { node { id } } totalCount } }`;
const LOG_IN = `mutation L($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken } }`;

describe('members applies moderation decisions (applyMemberModerationAction)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let other: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF', communeCode: '93039' });
    other = await system.signUp({ communeCode: '93039' });
    systemToken = await system.systemToken();
  });

  afterAll(async () => {
    await system?.stop();
  });

  const apply = (input: Record<string, unknown>, token = systemToken) =>
    system.gql<{ applyMemberModerationAction: { decisionId: string; action: string; appliedAt: string } }>(APPLY, { input }, token);

  it('is for the platform only and checks what it applies', async () => {
    const input = { targetType: 'MEMBER', targetId: other.id, action: 'HIDE', decisionId: randomUUID() };
    expect((await apply(input, other.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await apply(input, staff.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await apply(input, '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await apply({ ...input, targetType: 'EVENT' });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetType' });
    const noEnd = await apply({ ...input, action: 'SUSPEND' });
    expect(noEnd.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'suspendedUntil' });
    expect(noEnd.errors?.[0]?.message).toBe('Indiquez la fin de la suspension.');
  });

  it('HIDE hides a profile from everyone but staff and the member; applying twice is once; RESTORE shows it again', async () => {
    const target = await system.signUp({ communeCode: '93039' });
    await system.gql(`mutation { updateMyProfile(input: { profileVisibility: PUBLIC }) { id } }`, {}, target.token);
    expect((await system.gql<{ member: unknown }>(MEMBER, { id: target.id })).data!.member).toMatchObject({ id: target.id, moderationState: null });

    const decisionId = randomUUID();
    const first = await apply({ targetType: 'MEMBER', targetId: target.id, action: 'HIDE', decisionId, reason: 'Profil trompeur' });
    expect(first.errors).toBeUndefined();
    const again = await apply({ targetType: 'MEMBER', targetId: target.id, action: 'HIDE', decisionId, reason: 'Profil trompeur' });
    expect(again.data!.applyMemberModerationAction).toEqual(first.data!.applyMemberModerationAction);
    expect((await system.db.query(`SELECT 1 FROM members.moderation_applications WHERE decision_id = $1`, [decisionId])).rowCount).toBe(1);

    expect((await system.gql<{ member: unknown }>(MEMBER, { id: target.id })).data!.member).toBeNull();
    expect((await system.gql<{ member: unknown }>(MEMBER, { id: target.id }, other.token)).data!.member).toBeNull();
    const ids = async (token?: string) =>
      (await system.gql<{ members: { edges: { node: { id: string } }[] } }>(DIRECTORY, {}, token)).data!.members.edges.map((e) => e.node.id);
    expect(await ids()).not.toContain(target.id);
    expect(await ids(other.token)).not.toContain(target.id);
    expect(await ids(staff.token)).toContain(target.id);
    expect((await system.gql<{ member: unknown }>(MEMBER, { id: target.id }, staff.token)).data!.member).toMatchObject({ moderationState: 'HIDDEN' });
    expect((await system.gql<{ member: unknown }>(MEMBER, { id: target.id }, target.token)).data!.member).toMatchObject({
      id: target.id,
      moderationState: null,
    });

    expect((await apply({ targetType: 'MEMBER', targetId: target.id, action: 'RESTORE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect((await system.gql<{ member: unknown }>(MEMBER, { id: target.id })).data!.member).toMatchObject({ id: target.id });
    expect(await ids()).toContain(target.id);
  });

  it('HIDE hides a group from the list and group(id) for non-staff; RESTORE brings it back', async () => {
    const created = await system.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { name: "Collectif des Lilas", communeCode: "93045" }) { id } }`,
      {},
      other.token,
    );
    const groupId = created.data!.createGroup.id;
    const listed = async (token?: string) =>
      (await system.gql<{ groups: { edges: { node: { id: string } }[] } }>(GROUPS, {}, token)).data!.groups.edges.map((e) => e.node.id);
    expect(await listed()).toContain(groupId);

    expect((await apply({ targetType: 'GROUP', targetId: groupId, action: 'HIDE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect(await listed()).not.toContain(groupId);
    expect(await listed(other.token)).not.toContain(groupId);
    expect((await system.gql<{ group: unknown }>(GROUP, { id: groupId })).data!.group).toBeNull();
    expect((await system.gql<{ group: unknown }>(GROUP, { id: groupId }, staff.token)).data!.group).toMatchObject({
      id: groupId,
      moderationState: 'HIDDEN',
    });
    expect(await listed(staff.token)).toContain(groupId);
    const join = await system.gql(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: groupId }, (await system.signUp()).token);
    expect(join.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await apply({ targetType: 'GROUP', targetId: groupId, action: 'WARN', decisionId: randomUUID() })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );

    expect((await apply({ targetType: 'GROUP', targetId: groupId, action: 'RESTORE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect(await listed()).toContain(groupId);
    expect((await system.gql<{ group: unknown }>(GROUP, { id: groupId }, other.token)).data!.group).toMatchObject({
      id: groupId,
      moderationState: null,
    });
  });

  it('BAN refuses log-in, refresh and writes; revokes every session', async () => {
    const target = await system.signUp({ communeCode: '93039' });
    expect(
      (await apply({ targetType: 'MEMBER', targetId: target.id, action: 'BAN', decisionId: randomUUID(), reason: 'Récidive' })).errors,
    ).toBeUndefined();
    const logIn = await system.gql(LOG_IN, { email: target.email, password: target.password });
    expect(logIn.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(logIn.errors?.[0]?.message).toBe("Ce compte a été exclu du réseau par l'équipe de modération.");
    const refresh = await system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: target.refreshToken });
    expect(refresh.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const open = await system.db.query(`SELECT 1 FROM members.refresh_tokens WHERE member_id = $1 AND revoked_at IS NULL`, [target.id]);
    expect(open.rowCount).toBe(0);
    // The access token issued before the ban is refused at the gateway (session version).
    const write = await system.gql(`mutation { createGroup(input: { name: "Groupe fantôme" }) { id } }`, {}, target.token);
    expect(write.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(write.errors?.[0]?.message).toBe('Votre session a été fermée : reconnectez-vous.');
    // Should the Redis key be gone (flushed), members still refuses the member's own writes.
    const redis = new IORedis(system.redisUrl);
    try {
      await redis.del(sessionVersionKey(system.redisPrefix, target.id));
    } finally {
      redis.disconnect();
    }
    const again = await system.gql(`mutation { createGroup(input: { name: "Groupe fantôme" }) { id } }`, {}, target.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const prefs = await system.gql(`mutation { updateMyNotificationPreferences(input: { eventReminders: false }) { id } }`, {}, target.token);
    expect(prefs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('SUSPEND refuses log-in until the end it names, an instant of the platform clock', async () => {
    const target = await system.signUp({ communeCode: '93039' });
    // A week after the run's clock (which may be far from the machine's).
    const until = new Date(system.clock.now().getTime() + 7 * 86_400_000);
    const applied = await apply({
      targetType: 'MEMBER',
      targetId: target.id,
      action: 'SUSPEND',
      decisionId: randomUUID(),
      suspendedUntil: until.toISOString(),
    });
    expect(applied.errors).toBeUndefined();
    const { rows } = await system.db.query<{ suspended_until: Date }>(`SELECT suspended_until FROM members.members WHERE id = $1`, [target.id]);
    expect(rows[0]!.suspended_until.toISOString()).toBe(until.toISOString());
    const refused = await system.gql(LOG_IN, { email: target.email, password: target.password });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', suspendedUntil: until.toISOString() });
    expect(refused.errors?.[0]?.message).toMatch(/^Ce compte est suspendu jusqu'au /);

    // Over a minute ago by the run's clock: the member logs in again.
    await system.db.query(`UPDATE members.members SET suspended_until = $2::timestamptz - interval '1 minute' WHERE id = $1`, [
      target.id,
      system.clock.now(),
    ]);
    const back = await system.gql<{ logIn: { accessToken: string } }>(LOG_IN, { email: target.email, password: target.password });
    expect(back.errors).toBeUndefined();
    expect(back.data!.logIn.accessToken).toEqual(expect.any(String));
  });

  it('WARN records a warning only the member and staff read, once per decision', async () => {
    const target = await system.signUp({ communeCode: '93039' });
    const decisionId = randomUUID();
    for (let i = 0; i < 2; i++) {
      expect(
        (await apply({ targetType: 'MEMBER', targetId: target.id, action: 'WARN', decisionId, reason: 'Restez courtois.' })).errors,
      ).toBeUndefined();
    }
    const WARNINGS = `query W($id: ID!) { member(id: $id) { warnings { reason } } }`;
    expect((await system.gql<{ member: { warnings: unknown } }>(WARNINGS, { id: target.id }, target.token)).data!.member.warnings).toEqual([
      { reason: 'Restez courtois.' },
    ]);
    expect((await system.gql<{ member: { warnings: unknown } }>(WARNINGS, { id: target.id }, staff.token)).data!.member.warnings).toEqual([
      { reason: 'Restez courtois.' },
    ]);
    expect((await system.gql<{ member: { warnings: unknown } }>(WARNINGS, { id: target.id }, other.token)).data!.member.warnings).toBeNull();
  });
});
