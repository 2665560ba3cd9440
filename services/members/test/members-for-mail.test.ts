import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import type { SystemMemberForMail as MemberForMail } from '../src/modules/system/member-system.service';

const FOR_MAIL = `query M($ids: [ID!]!) { systemMembersForMail(memberIds: $ids) { memberId email displayName eventReminders } }`;

type Res = { data?: { systemMembersForMail: MemberForMail[] } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };

const codes = (res: Res) => (res.errors ?? []).map((e) => e.extensions?.code);

/** What the workers read to e-mail members (reminders, cancellations, promotions): many at once, the system only. */
describe('members: systemMembersForMail (workers e-mails, the system only)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let keen: TestMember;
  let quiet: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, keen, quiet] = await Promise.all([
      system.signUp({ role: 'STAFF' }),
      system.signUp({ displayName: 'Awa Courriel' }),
      system.signUp({ displayName: 'Sophie Sans Rappel' }),
    ]);
    systemToken = await system.systemToken();
    const off = await system.gql(`mutation P { updateMyNotificationPreferences(input: { eventReminders: false }) { id } }`, {}, quiet.token);
    expect(off.errors).toBeUndefined();
  });
  afterAll(() => system?.stop());

  const forMail = (ids: string[], token: string | undefined = systemToken) =>
    system.gql<{ systemMembersForMail: MemberForMail[] }>(FOR_MAIL, { ids }, token) as Promise<Res>;

  it('answers address, name and reminder preference (false passes through); unknown and erased members left out', async () => {
    const erased = await system.signUp({ displayName: 'Marc Effacé' });
    const deleted = await system.gql<{ deleteMyAccount: boolean }>(
      `mutation D($p: String!) { deleteMyAccount(password: $p) }`,
      { p: erased.password },
      erased.token,
    );
    expect(deleted.data?.deleteMyAccount).toBe(true);

    const res = await forMail([keen.id, quiet.id, erased.id, randomUUID(), keen.id]);
    expect(res.errors).toBeUndefined();
    const byId = [...res.data!.systemMembersForMail].sort((a, b) => a.displayName.localeCompare(b.displayName));
    expect(byId).toEqual([
      { memberId: keen.id, email: keen.email, displayName: 'Awa Courriel', eventReminders: true },
      { memberId: quiet.id, email: quiet.email, displayName: 'Sophie Sans Rappel', eventReminders: false },
    ]);
    expect((await forMail([])).data!.systemMembersForMail).toEqual([]);
  });

  it('at most 500 distinct ids a request: BAD_USER_INPUT on memberIds beyond; repeats count once', async () => {
    const tooMany = await forMail([keen.id, ...Array.from({ length: 500 }, () => randomUUID())]);
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0]!.extensions).toMatchObject({ field: 'memberIds' });
    expect(tooMany.errors![0]!.message).toBe('500 membres au plus par demande.');

    // 500 distinct ids, one of them repeated 101 times (601 in all): answered.
    const repeated = await forMail([...Array.from({ length: 101 }, () => keen.id), ...Array.from({ length: 499 }, () => randomUUID())]);
    expect(repeated.errors).toBeUndefined();
    expect(repeated.data!.systemMembersForMail.map((m) => m.memberId)).toEqual([keen.id]);
  });

  it('refuses staff, members and anonymous callers', async () => {
    expect(codes(await system.gql(FOR_MAIL, { ids: [keen.id] }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await forMail([keen.id], staff.token))).toEqual(['FORBIDDEN']);
    expect(codes(await forMail([keen.id], keen.token))).toEqual(['FORBIDDEN']);
  });
});
