import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import type { SystemDigestMember as DigestMember } from '../src/modules/system/member-system.service';

const PREFS = `mutation U($input: NotificationPreferencesInput!) {
  updateMyNotificationPreferences(input: $input) { notificationPreferences { digestFrequency followedThemes followedScales } }
}`;
const ME = `{ me { id notificationPreferences { followedScales } } }`;
const DIGEST_FIELDS = 'memberId email displayName followedCommuneCodes followedTerritoryCodes followedThemes followedScales digestFrequency';
const ONE = `query One($id: ID!) { systemDigestMember(memberId: $id) { ${DIGEST_FIELDS} } }`;
const MANY = `query Many($frequency: DigestFrequency!) { systemDigestMembers(frequency: $frequency, first: 500) { ${DIGEST_FIELDS} } }`;

const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

/** What the digest reads of a member: the scales they follow, their frequency, one member at a time. */
describe('members: digest preferences (followedScales, systemDigestMember)', () => {
  let system: TestSystem;
  let member: TestMember;
  let staff: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [member, staff] = await Promise.all([system.signUp({ communeCode: '93039', displayName: 'Awa Échelles' }), system.signUp({ role: 'STAFF' })]);
    systemToken = await system.systemToken();
  });
  afterAll(() => system?.stop());

  it('keeps the scales a member follows, empty by default (every scale), for the member only', async () => {
    const before = await system.gql<{ me: { notificationPreferences: { followedScales: string[] } } }>(ME, {}, member.token);
    expect(before.errors).toBeUndefined();
    expect(before.data!.me.notificationPreferences.followedScales).toEqual([]);

    const set = await system.gql<{ updateMyNotificationPreferences: { notificationPreferences: unknown } }>(
      PREFS,
      { input: { followedScales: ['QUARTIER', 'COMMUNE', 'QUARTIER'], followedThemes: ['LOGEMENT'] } },
      member.token,
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.updateMyNotificationPreferences.notificationPreferences).toEqual({
      digestFrequency: 'WEEKLY',
      followedThemes: ['LOGEMENT'],
      followedScales: ['QUARTIER', 'COMMUNE'],
    });
    const after = await system.gql<{ me: { notificationPreferences: { followedScales: string[] } } }>(ME, {}, member.token);
    expect(after.data!.me.notificationPreferences.followedScales).toEqual(['QUARTIER', 'COMMUNE']);
    const { rows } = await system.db.query('SELECT followed_scales FROM members.members WHERE id = $1', [member.id]);
    expect(rows[0].followed_scales).toEqual(['QUARTIER', 'COMMUNE']);

    // Other preferences left out keep the scales.
    await system.gql(PREFS, { input: { followedThemes: [] } }, member.token);
    expect(
      (await system.gql<{ me: { notificationPreferences: { followedScales: string[] } } }>(ME, {}, member.token)).data!.me.notificationPreferences
        .followedScales,
    ).toEqual(['QUARTIER', 'COMMUNE']);

    // Like the themes, another member (even staff) does not read them.
    const other = await system.gql<{ member: { notificationPreferences: unknown } }>(
      `query M($id: ID!) { member(id: $id) { notificationPreferences { followedScales } } }`,
      { id: member.id },
      staff.token,
    );
    expect(other.data?.member?.notificationPreferences ?? null).toBeNull();

    // An unknown scale is refused (variables: BAD_USER_INPUT) and changes nothing.
    const bad = await system.gql(PREFS, { input: { followedScales: ['GALAXIE'] } }, member.token);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.message).toMatch(/followedScales/);
    const inline = await system.gql(`mutation { updateMyNotificationPreferences(input: { followedScales: [GALAXIE] }) { id } }`, {}, member.token);
    expect(inline.errors).toHaveLength(1);
    expect(
      (await system.gql<{ me: { notificationPreferences: { followedScales: string[] } } }>(ME, {}, member.token)).data!.me.notificationPreferences
        .followedScales,
    ).toEqual(['QUARTIER', 'COMMUNE']);

    // null, like [], goes back to every scale.
    const reset = await system.gql<{ updateMyNotificationPreferences: { notificationPreferences: { followedScales: string[] } } }>(
      PREFS,
      { input: { followedScales: null } },
      member.token,
    );
    expect(reset.data!.updateMyNotificationPreferences.notificationPreferences.followedScales).toEqual([]);
    await system.gql(PREFS, { input: { followedScales: ['METROPOLE'] } }, member.token);

    const exported = await system.gql<{ myData: { members: { notificationPreferences: Record<string, unknown> } } }>(
      '{ myData { members } }',
      {},
      member.token,
    );
    expect(exported.data!.myData.members.notificationPreferences).toMatchObject({ followedScales: ['METROPOLE'] });
  });

  it('gives the platform one member as the digest reads them, whatever their frequency', async () => {
    await system.gql(PREFS, { input: { digestFrequency: 'MONTHLY', followedThemes: ['CULTURE'], followedCommunes: ['93066'] } }, member.token);
    const res = await system.gql<{ systemDigestMember: DigestMember }>(ONE, { id: member.id }, systemToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.systemDigestMember).toEqual({
      memberId: member.id,
      email: member.email,
      displayName: 'Awa Échelles',
      followedCommuneCodes: ['93066'],
      // The default: the territory of L'Île-Saint-Denis (Plaine Commune).
      followedTerritoryCodes: ['200057867'],
      followedThemes: ['CULTURE'],
      followedScales: ['METROPOLE'],
      digestFrequency: 'MONTHLY',
    });
    // Whatever the frequency: NONE too (a preview).
    await system.gql(PREFS, { input: { digestFrequency: 'NONE' } }, member.token);
    expect(
      (await system.gql<{ systemDigestMember: DigestMember }>(ONE, { id: member.id }, systemToken)).data!.systemDigestMember.digestFrequency,
    ).toBe('NONE');
    await system.gql(PREFS, { input: { digestFrequency: 'WEEKLY' } }, member.token);

    // Nobody else: not the member, not the staff, not a visitor.
    expect(codes(await system.gql(ONE, { id: member.id }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await system.gql(ONE, { id: member.id }, member.token))).toEqual(['FORBIDDEN']);
    expect(codes(await system.gql(ONE, { id: member.id }, staff.token))).toEqual(['FORBIDDEN']);

    // Unknown: null.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-id']) {
      const unknown = await system.gql<{ systemDigestMember: unknown }>(ONE, { id }, systemToken);
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data!.systemDigestMember).toBeNull();
    }
  });

  it('lists followedScales and digestFrequency in systemDigestMembers', async () => {
    const res = await system.gql<{ systemDigestMembers: DigestMember[] }>(MANY, { frequency: 'WEEKLY' }, systemToken);
    expect(res.errors).toBeUndefined();
    expect(res.data!.systemDigestMembers.find((m) => m.memberId === member.id)).toMatchObject({
      followedScales: ['METROPOLE'],
      digestFrequency: 'WEEKLY',
    });
    expect(res.data!.systemDigestMembers.find((m) => m.memberId === staff.id)).toMatchObject({ followedScales: [], digestFrequency: 'WEEKLY' });
  });

  it('answers null for a suspended, banned or erased member', async () => {
    const [suspended, banned, erased] = await Promise.all([system.signUp(), system.signUp(), system.signUp()]);
    const one = async (id: string) => {
      const res = await system.gql<{ systemDigestMember: DigestMember | null }>(ONE, { id }, systemToken);
      expect(res.errors).toBeUndefined();
      return res.data!.systemDigestMember;
    };
    for (const m of [suspended, banned, erased]) expect(await one(m.id)).not.toBeNull();

    // Suspensions end at an instant of the platform's clock (the run's), not of the machine's.
    const suspendUntil = (id: string, offset: string) =>
      system.db.query(`UPDATE members.members SET suspended_until = $2::timestamptz + $3::interval WHERE id = $1`, [id, system.clock.now(), offset]);
    await suspendUntil(suspended.id, '7 days');
    await system.db.query(`UPDATE members.members SET banned_at = $2 WHERE id = $1`, [banned.id, system.clock.now()]);
    const deleted = await system.gql<{ deleteMyAccount: boolean }>(
      `mutation D($p: String!) { deleteMyAccount(password: $p) }`,
      { p: erased.password },
      erased.token,
    );
    expect(deleted.data?.deleteMyAccount).toBe(true);
    for (const m of [suspended, banned, erased]) expect(await one(m.id)).toBeNull();
    const listed = async () =>
      (await system.gql<{ systemDigestMembers: DigestMember[] }>(MANY, { frequency: 'WEEKLY' }, systemToken)).data!.systemDigestMembers.map(
        (m) => m.memberId,
      );
    expect(await listed()).not.toContain(suspended.id);

    // A suspension that is over: back in the digest.
    await suspendUntil(suspended.id, '-1 minute');
    expect(await one(suspended.id)).toMatchObject({ memberId: suspended.id });
    expect(await listed()).toContain(suspended.id);
  });
});

describe('members: systemNewcomers (the digest welcomes them)', () => {
  let system: TestSystem;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    systemToken = await system.systemToken();
  });
  afterAll(() => system?.stop());

  const NEWCOMERS = `query N($since: DateTime!, $first: Int, $after: ID) {
    systemNewcomers(since: $since, first: $first, after: $after) { memberId displayName communeCode joinedAt }
  }`;
  type Newcomer = { memberId: string; displayName: string; communeCode: string | null; joinedAt: string };
  const newcomers = async (since: Date, first?: number, after?: string) => {
    const res = await system.gql<{ systemNewcomers: Newcomer[] }>(NEWCOMERS, { since: since.toISOString(), first, after }, systemToken);
    expect(res.errors).toBeUndefined();
    return res.data!.systemNewcomers;
  };

  it('lists members who joined since, whose profile members may see, and who are not erased, banned, suspended or hidden; by id, in pages', async () => {
    // Join dates are the run's clock: "since" is counted from it.
    const now = system.clock.now();
    const since = new Date(now.getTime() - 60_000);
    const [old, shown, members, discreet, hidden, suspended, banned, erased] = await Promise.all(
      ['Ancienne', 'Publique', 'Membres', 'Discrète', 'Masquée', 'Suspendue', 'Exclue', 'Effacée'].map((name) =>
        system.signUp({ displayName: `Awa ${name}`, communeCode: '93039' }),
      ),
    );
    await system.db.query(`UPDATE members.members SET joined_at = $2::timestamptz - interval '2 days' WHERE id = $1`, [old!.id, now]);
    await system.db.query(`UPDATE members.members SET profile_visibility = 'MEMBERS' WHERE id = $1`, [members!.id]);
    await system.db.query(`UPDATE members.members SET profile_visibility = 'STAFF' WHERE id = $1`, [discreet!.id]);
    await system.db.query(`UPDATE members.members SET moderation_state = 'HIDDEN' WHERE id = $1`, [hidden!.id]);
    await system.db.query(`UPDATE members.members SET suspended_until = $2::timestamptz + interval '7 days' WHERE id = $1`, [suspended!.id, now]);
    await system.db.query(`UPDATE members.members SET banned_at = $2 WHERE id = $1`, [banned!.id, now]);
    const deleted = await system.gql<{ deleteMyAccount: boolean }>(
      `mutation D($p: String!) { deleteMyAccount(password: $p) }`,
      { p: erased!.password },
      erased!.token,
    );
    expect(deleted.data?.deleteMyAccount).toBe(true);

    const expected = [shown!, members!].map((m) => m.id).sort();
    const all = await newcomers(since);
    expect(all.map((n) => n.memberId)).toEqual(expected);
    expect(all.find((n) => n.memberId === shown!.id)).toMatchObject({ displayName: 'Awa Publique', communeCode: '93039' });
    // The sign-up recorded the clock's instant as the join date.
    const joinedAt = Date.parse(all.find((n) => n.memberId === shown!.id)!.joinedAt);
    expect(joinedAt).toBeGreaterThanOrEqual(now.getTime());
    expect(joinedAt).toBeLessThanOrEqual(system.clock.now().getTime());
    // Since two days ago, the older one too.
    expect((await newcomers(new Date(now.getTime() - 3 * 86_400_000))).map((n) => n.memberId)).toContain(old!.id);

    // One a page, by id after the last one.
    const first = await newcomers(since, 1);
    expect(first.map((n) => n.memberId)).toEqual([expected[0]]);
    expect((await newcomers(since, 1, expected[0])).map((n) => n.memberId)).toEqual([expected[1]]);
    expect(await newcomers(since, 1, expected[1])).toEqual([]);

    const bad = await system.gql(NEWCOMERS, { since: since.toISOString(), after: 'pas-un-id' }, systemToken);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });
});
