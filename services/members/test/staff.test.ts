import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';

const SET_ROLE = `mutation R($id: ID!, $role: MemberRole!) { setMemberRole(memberId: $id, role: $role) { id role } }`;
const REFRESH = `mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken member { role } } }`;
const NEWCOMERS = `query N($first: Int, $after: String) {
  newcomers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id isNewcomer } } }
}`;
const WELCOME = `mutation W($id: ID!, $note: String) {
  welcomeMember(memberId: $id, note: $note) { id isNewcomer welcomeStatus welcomedAt welcomeNote welcomedBy { id } }
}`;
const UPDATE = `mutation U($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`;

describe('roles and welcoming newcomers', () => {
  let system: TestSystem;
  let admin: TestMember;
  let staff: TestMember;
  beforeAll(async () => {
    system = await startTestSystem();
    admin = await system.signUp({ role: 'ADMIN' });
    staff = await system.signUp({ role: 'STAFF' });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('lets an admin change a role, and only an admin', async () => {
    const member = await system.signUp();
    const anonymous = await system.gql(SET_ROLE, { id: member.id, role: 'STAFF' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const who of [member, staff]) {
      const refused = await system.gql(SET_ROLE, { id: member.id, role: 'STAFF' }, who.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await system.db.query('SELECT role FROM members.members WHERE id = $1', [member.id])).rows[0].role).toBe('MEMBER');

    const granted = await system.gql<{ setMemberRole: { id: string; role: string } }>(SET_ROLE, { id: member.id, role: 'STAFF' }, admin.token);
    expect(granted.errors).toBeUndefined();
    expect(granted.data!.setMemberRole).toEqual({ id: member.id, role: 'STAFF' });
    // The next token carries the new role.
    const refreshed = await system.gql<{ refreshSession: { accessToken: string; member: { role: string } } }>(REFRESH, {
      t: member.refreshToken,
    });
    expect(refreshed.data!.refreshSession.member.role).toBe('STAFF');
    const asStaff = await system.gql(NEWCOMERS, { first: 1 }, refreshed.data!.refreshSession.accessToken);
    expect(asStaff.errors).toBeUndefined();

    const missing = await system.gql(SET_ROLE, { id: '00000000-0000-4000-8000-000000000000', role: 'STAFF' }, admin.token);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const self = await system.gql(SET_ROLE, { id: admin.id, role: 'MEMBER' }, admin.token);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberId' });
  });

  it('lists newcomers oldest first for staff only, and welcomes them', async () => {
    // Every member so far is a newcomer; start from a clean slate for this test.
    await system.db.query(`UPDATE members.members SET welcome_status = 'WELCOMED'`);
    const a = await system.signUp();
    const b = await system.signUp();
    const c = await system.signUp();
    // Join dates are the run's clock: c joined three days before the others.
    await system.db.query(`UPDATE members.members SET joined_at = $2::timestamptz - interval '3 days' WHERE id = $1`, [c.id, system.clock.now()]);

    const forMember = await system.gql(NEWCOMERS, {}, a.token);
    expect(forMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await system.gql(NEWCOMERS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const page1 = await system.gql<{
      newcomers: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { id: string; isNewcomer: boolean } }[];
      };
    }>(NEWCOMERS, { first: 2 }, staff.token);
    expect(page1.errors).toBeUndefined();
    expect(page1.data!.newcomers.totalCount).toBe(3);
    expect(page1.data!.newcomers.edges.map((e) => e.node)).toEqual([
      { id: c.id, isNewcomer: true },
      { id: a.id, isNewcomer: true },
    ]);
    expect(page1.data!.newcomers.pageInfo.hasNextPage).toBe(true);
    const page2 = await system.gql<{ newcomers: { pageInfo: { hasNextPage: boolean }; edges: { node: { id: string } }[] } }>(
      NEWCOMERS,
      { first: 2, after: page1.data!.newcomers.pageInfo.endCursor },
      staff.token,
    );
    expect(page2.data!.newcomers.edges.map((e) => e.node.id)).toEqual([b.id]);
    expect(page2.data!.newcomers.pageInfo.hasNextPage).toBe(false);

    // Welcoming.
    const refused = await system.gql(WELCOME, { id: a.id }, b.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const welcomeStarted = system.clock.now().getTime();
    const welcomed = await system.gql<{ welcomeMember: Record<string, unknown> }>(
      WELCOME,
      { id: a.id, note: 'Appelée le 12, intéressée par le logement.' },
      staff.token,
    );
    expect(welcomed.errors).toBeUndefined();
    expect(welcomed.data!.welcomeMember).toEqual({
      id: a.id,
      isNewcomer: false,
      welcomeStatus: 'WELCOMED',
      welcomedAt: expect.any(String),
      welcomeNote: 'Appelée le 12, intéressée par le logement.',
      welcomedBy: { id: staff.id },
    });
    // The welcome is dated by the run's clock.
    const welcomedAt = Date.parse(welcomed.data!.welcomeMember.welcomedAt as string);
    expect(welcomedAt).toBeGreaterThanOrEqual(welcomeStarted);
    expect(welcomedAt).toBeLessThanOrEqual(system.clock.now().getTime());
    const again = await system.gql(WELCOME, { id: a.id }, staff.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = await system.gql<{ newcomers: { totalCount: number; edges: { node: { id: string } }[] } }>(NEWCOMERS, {}, staff.token);
    expect(after.data!.newcomers.edges.map((e) => e.node.id)).toEqual([c.id, b.id]);
    expect(after.data!.newcomers.totalCount).toBe(2);

    // The member sees when they were welcomed, not the staff's note; others see neither.
    const mine = await system.gql<{ me: Record<string, unknown> }>('{ me { welcomedAt welcomeNote welcomedBy { id } } }', {}, a.token);
    expect(mine.data!.me).toEqual({ welcomedAt: expect.any(String), welcomeNote: null, welcomedBy: { id: staff.id } });
    await system.gql(UPDATE, { input: { profileVisibility: 'PUBLIC' } }, a.token);
    const theirs = await system.gql<{ member: Record<string, unknown> }>(
      `query M($id: ID!) { member(id: $id) { isNewcomer welcomedAt welcomeNote welcomedBy { id } } }`,
      { id: a.id },
      b.token,
    );
    expect(theirs.data!.member).toEqual({ isNewcomer: false, welcomedAt: null, welcomeNote: null, welcomedBy: null });
  });

  it('pairs a newcomer with a buddy and suggests buddies of the same territory sharing interests', async () => {
    const interests = (m: TestMember, list: string[]) => system.gql(UPDATE, { input: { interests: list, profileVisibility: 'MEMBERS' } }, m.token);
    const newcomer = await system.signUp({ communeCode: '93039' });
    await interests(newcomer, ['LOGEMENT', 'CULTURE']);
    // Plaine Commune (93039, 93066), welcomed, sharing interests: suggested, most shared first.
    const best = await system.signUp({ communeCode: '93066' });
    await interests(best, ['LOGEMENT', 'CULTURE', 'SPORT']);
    const good = await system.signUp({ communeCode: '93039' });
    await interests(good, ['CULTURE']);
    // Not suggested: no shared interest, another territory, or a newcomer themselves.
    const noShared = await system.signUp({ communeCode: '93066' });
    await interests(noShared, ['SPORT']);
    const elsewhere = await system.signUp({ communeCode: '94028' });
    await interests(elsewhere, ['LOGEMENT', 'CULTURE']);
    const alsoNew = await system.signUp({ communeCode: '93066' });
    await interests(alsoNew, ['LOGEMENT', 'CULTURE']);
    for (const m of [best, good, noShared, elsewhere]) {
      expect((await system.gql(WELCOME, { id: m.id }, staff.token)).errors).toBeUndefined();
    }

    const SUGGEST = `query S($id: ID!) { member(id: $id) { suggestedBuddies { id } } }`;
    const suggested = await system.gql<{ member: { suggestedBuddies: { id: string }[] | null } }>(SUGGEST, { id: newcomer.id }, staff.token);
    expect(suggested.errors).toBeUndefined();
    expect(suggested.data!.member.suggestedBuddies).toEqual([{ id: best.id }, { id: good.id }]);
    const notStaff = await system.gql<{ member: { suggestedBuddies: unknown } }>(SUGGEST, { id: newcomer.id }, newcomer.token);
    expect(notStaff.data!.member.suggestedBuddies).toBeNull();

    const ASSIGN = `mutation A($m: ID!, $b: ID!) { assignBuddy(memberId: $m, buddyId: $b) { id buddy { id } } }`;
    expect((await system.gql(ASSIGN, { m: newcomer.id, b: best.id }, newcomer.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await system.gql(ASSIGN, { m: newcomer.id, b: alsoNew.id }, staff.token)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'buddyId',
    });
    expect((await system.gql(ASSIGN, { m: newcomer.id, b: newcomer.id }, staff.token)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'buddyId',
    });
    const assigned = await system.gql<{ assignBuddy: unknown }>(ASSIGN, { m: newcomer.id, b: best.id }, staff.token);
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data!.assignBuddy).toEqual({ id: newcomer.id, buddy: { id: best.id } });

    const BUDDY = `query B($id: ID!) { member(id: $id) { buddy { id } } }`;
    expect((await system.gql<{ member: unknown }>(BUDDY, { id: newcomer.id }, newcomer.token)).data!.member).toEqual({ buddy: { id: best.id } });
    expect((await system.gql<{ member: unknown }>(BUDDY, { id: newcomer.id }, best.token)).data!.member).toEqual({ buddy: { id: best.id } });
    expect((await system.gql<{ member: unknown }>(BUDDY, { id: newcomer.id }, good.token)).data!.member).toEqual({ buddy: null });
  });

  it('welcomes several newcomers in one request, all or nothing', async () => {
    const WELCOME_MANY = `mutation W($ids: [ID!]!, $note: String) {
      welcomeMembers(memberIds: $ids, note: $note) { id isNewcomer welcomeStatus welcomeNote welcomedBy { id } }
    }`;
    const x = await system.signUp({ displayName: 'Xavier Nouveau' });
    const y = await system.signUp({ displayName: 'Yasmine Nouvelle' });
    const z = await system.signUp({ displayName: 'Zoé Accueillie' });
    expect((await system.gql(WELCOME, { id: z.id }, staff.token)).errors).toBeUndefined();
    const isNew = async (id: string) =>
      (await system.db.query('SELECT welcome_status FROM members.members WHERE id = $1', [id])).rows[0].welcome_status === 'NEW';

    expect((await system.gql(WELCOME_MANY, { ids: [x.id, y.id] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(WELCOME_MANY, { ids: [x.id, y.id] }, x.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // One already welcomed: nobody is marked, and the message names them.
    const conflicting = await system.gql(WELCOME_MANY, { ids: [x.id, z.id, y.id] }, staff.token);
    expect(conflicting.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(conflicting.errors?.[0]?.message).toContain('Zoé Accueillie');
    // One unknown: nobody either.
    const unknown = await system.gql(WELCOME_MANY, { ids: [x.id, '00000000-0000-4000-8000-000000000000'] }, staff.token);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await isNew(x.id)).toBe(true);
    expect(await isNew(y.id)).toBe(true);
    const empty = await system.gql(WELCOME_MANY, { ids: [] }, staff.token);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });

    const done = await system.gql<{ welcomeMembers: unknown[] }>(WELCOME_MANY, { ids: [y.id, x.id], note: 'Réunion d’accueil du 4.' }, staff.token);
    expect(done.errors).toBeUndefined();
    expect(done.data!.welcomeMembers).toEqual(
      [y, x].map((m) => ({
        id: m.id,
        isNewcomer: false,
        welcomeStatus: 'WELCOMED',
        welcomeNote: 'Réunion d’accueil du 4.',
        welcomedBy: { id: staff.id },
      })),
    );
    const again = await system.gql(WELCOME_MANY, { ids: [x.id] }, staff.token);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets staff find every member by name, whatever their visibility', async () => {
    const hidden = await system.signUp({ displayName: 'Octave Discret' });
    await system.gql(UPDATE, { input: { profileVisibility: 'STAFF' } }, hidden.token);
    const moderated = await system.signUp({ displayName: 'Octavie Masquée' });
    await system.db.query(`UPDATE members.members SET moderation_state = 'HIDDEN' WHERE id = $1`, [moderated.id]);
    const SEARCH = `query S($search: String) { members(filter: { search: $search }) { totalCount edges { node { id } } } }`;
    const asStaff = await system.gql<{ members: { totalCount: number; edges: { node: { id: string } }[] } }>(
      SEARCH,
      { search: 'octav' },
      staff.token,
    );
    expect(asStaff.errors).toBeUndefined();
    expect(asStaff.data!.members.edges.map((e) => e.node.id).sort()).toEqual([hidden.id, moderated.id].sort());
    const asMember = await system.gql<{ members: { totalCount: number } }>(SEARCH, { search: 'octav' }, (await system.signUp()).token);
    expect(asMember.data!.members.totalCount).toBe(0);
  });
});
