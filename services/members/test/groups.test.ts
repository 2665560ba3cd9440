import { startTestSystem, type TestSystem } from '@metropotes/test-kit';

const CREATE = `mutation C($input: CreateGroupInput!) {
  createGroup(input: $input) { id name description website commune { code } memberCount viewerRole members { role member { id } } }
}`;
const JOIN = `mutation J($id: ID!) { joinGroup(groupId: $id) { id memberCount viewerRole } }`;
const LEAVE = `mutation L($id: ID!) { leaveGroup(groupId: $id) { id memberCount viewerRole members { role member { id } } } }`;
const LIST = `query G($filter: GroupFilter, $first: Int, $after: String) {
  groups(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } }
}`;

interface GroupList {
  groups: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; name: string } }[] };
}

describe('groups', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const create = async (token: string, input: Record<string, unknown>) => {
    const response = await system.gql<{ createGroup: { id: string } & Record<string, unknown> }>(CREATE, { input }, token);
    expect(response.errors).toBeUndefined();
    return response.data!.createGroup;
  };

  it('creates a group whose creator is admin; members join and leave', async () => {
    const creator = await system.signUp();
    const group = await create(creator.token, {
      name: '  Collectif   Vélo Île-Saint-Denis ',
      description: 'Pour des pistes cyclables sur les quais.',
      communeCode: '93039',
      website: 'https://velo-isd.example.org',
    });
    expect(group).toEqual({
      id: expect.any(String),
      name: 'Collectif Vélo Île-Saint-Denis',
      description: 'Pour des pistes cyclables sur les quais.',
      website: 'https://velo-isd.example.org/',
      commune: { code: '93039' },
      memberCount: 1,
      viewerRole: 'ADMIN',
      members: [{ role: 'ADMIN', member: { id: creator.id } }],
    });

    const joiner = await system.signUp();
    const joined = await system.gql<{ joinGroup: unknown }>(JOIN, { id: group.id }, joiner.token);
    expect(joined.errors).toBeUndefined();
    expect(joined.data!.joinGroup).toEqual({ id: group.id, memberCount: 2, viewerRole: 'MEMBER' });
    // Joining twice changes nothing.
    expect((await system.gql<{ joinGroup: { memberCount: number } }>(JOIN, { id: group.id }, joiner.token)).data!.joinGroup.memberCount).toBe(2);

    const mine = await system.gql<{ me: { groups: { id: string }[] } }>('{ me { groups { id } } }', {}, joiner.token);
    expect(mine.data!.me.groups).toEqual([{ id: group.id }]);

    // The last admin leaves: the earliest remaining member becomes admin.
    const left = await system.gql<{ leaveGroup: unknown }>(LEAVE, { id: group.id }, creator.token);
    expect(left.errors).toBeUndefined();
    expect(left.data!.leaveGroup).toEqual({
      id: group.id,
      memberCount: 1,
      viewerRole: null,
      members: [{ role: 'ADMIN', member: { id: joiner.id } }],
    });

    expect((await system.gql(JOIN, { id: group.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await system.gql(JOIN, { id: '00000000-0000-4000-8000-000000000000' }, joiner.token)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses invalid groups, naming the field', async () => {
    const member = await system.signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x' }, 'name'],
      [{ name: 'Collectif', communeCode: '99999' }, 'communeCode'],
      [{ name: 'Collectif', website: 'javascript:alert(1)' }, 'website'],
    ];
    for (const [input, field] of cases) {
      const response = await system.gql(CREATE, { input }, member.token);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await system.gql(CREATE, { input: { name: 'Collectif' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists groups by commune, territory and accent-free name, with pagination', async () => {
    const member = await system.signUp();
    const a = await create(member.token, { name: 'Amicale Éducation Populaire', communeCode: '93066' });
    const b = await create(member.token, { name: 'Budget Ensemble', communeCode: '93039' });
    const c = await create(member.token, { name: 'Cercle des Locataires', communeCode: '94028' });
    const d = await create(member.token, { name: 'Démocratie Ouverte Paris' });
    const list = async (vars: Record<string, unknown>) => {
      const response = await system.gql<GroupList>(LIST, vars);
      expect(response.errors).toBeUndefined();
      return response.data!.groups;
    };
    expect((await list({ filter: { communeCode: '94028' } })).edges.map((e) => e.node.id)).toEqual([c.id]);
    const inPlaine = (await list({ filter: { territoryCode: '200057867' } })).edges.map((e) => e.node.id);
    expect(inPlaine).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(inPlaine).not.toContain(c.id);
    expect(inPlaine).not.toContain(d.id);
    expect((await list({ filter: { search: 'education' } })).edges.map((e) => e.node.id)).toEqual([a.id]);
    expect((await list({ filter: { search: 'DEMOCRATIE' } })).edges.map((e) => e.node.id)).toEqual([d.id]);

    const all = await list({ first: 2 });
    expect(all.edges.map((e) => e.node.name)).toEqual(['Amicale Éducation Populaire', 'Budget Ensemble']);
    expect(all.pageInfo.hasNextPage).toBe(true);
    const rest = await list({ first: 10, after: all.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining([c.id, d.id]));
    expect(rest.edges.map((e) => e.node.id)).not.toContain(a.id);
  });

  it('does not show group members whose profile the viewer may not see', async () => {
    const creator = await system.signUp();
    await system.gql(`mutation { updateMyProfile(input: { profileVisibility: STAFF }) { id } }`, {}, creator.token);
    const group = await create(creator.token, { name: 'Groupe discret' });
    const other = await system.signUp();
    const staff = await system.signUp({ role: 'STAFF' });
    const Q = `query G($id: ID!) { group(id: $id) { memberCount members { member { id } } } }`;
    expect((await system.gql<{ group: unknown }>(Q, { id: group.id }, other.token)).data!.group).toEqual({ memberCount: 1, members: [] });
    expect((await system.gql<{ group: unknown }>(Q, { id: group.id }, staff.token)).data!.group).toEqual({
      memberCount: 1,
      members: [{ member: { id: creator.id } }],
    });
  });

  it('lets its admins and staff edit a group, change roles and remove members; a group keeps an admin', async () => {
    const admin = await system.signUp();
    const member = await system.signUp();
    const outsider = await system.signUp();
    const staff = await system.signUp({ role: 'STAFF' });
    const group = await create(admin.token, { name: 'Collectif des Quais', communeCode: '93039' });
    expect((await system.gql(JOIN, { id: group.id }, member.token)).errors).toBeUndefined();

    const UPDATE = `mutation U($input: UpdateGroupInput!) { updateGroup(input: $input) { id name description website visibility commune { code } } }`;
    const ROLE = `mutation R($input: SetGroupMemberRoleInput!) { setGroupMemberRole(input: $input) { id members { role member { id } } } }`;
    const REMOVE = `mutation X($g: ID!, $m: ID!) { removeGroupMember(groupId: $g, memberId: $m) { id memberCount members { role member { id } } } }`;
    const GROUP = `query G($id: ID!) { group(id: $id) { id name visibility } }`;

    // The admin edits it; null clears the description and the commune; left out, the website stays.
    const updated = await system.gql<{ updateGroup: unknown }>(
      UPDATE,
      {
        input: {
          groupId: group.id,
          name: '  Collectif   des Quais de Seine ',
          description: 'Des quais pour tous.',
          communeCode: '93066',
          visibility: 'MEMBERS',
        },
      },
      admin.token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateGroup).toEqual({
      id: group.id,
      name: 'Collectif des Quais de Seine',
      description: 'Des quais pour tous.',
      website: null,
      visibility: 'MEMBERS',
      commune: { code: '93066' },
    });
    // A group for members only is absent for visitors (and from their lists), there for members.
    expect((await system.gql<{ group: unknown }>(GROUP, { id: group.id })).data!.group).toBeNull();
    const listed = await system.gql<GroupList>(LIST, { filter: { search: 'quais de seine' } });
    expect(listed.data!.groups.edges).toEqual([]);
    expect((await system.gql<{ group: unknown }>(GROUP, { id: group.id }, outsider.token)).data!.group).toMatchObject({ visibility: 'MEMBERS' });
    // Search follows the new name.
    expect((await system.gql<GroupList>(LIST, { filter: { search: 'quais de seine' } }, outsider.token)).data!.groups.edges).toEqual([
      { node: { id: group.id, name: 'Collectif des Quais de Seine' } },
    ]);
    const cleared = await system.gql<{ updateGroup: { description: string | null; commune: unknown } }>(
      UPDATE,
      { input: { groupId: group.id, description: null, communeCode: null } },
      staff.token,
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.updateGroup).toMatchObject({ name: 'Collectif des Quais de Seine', description: null, commune: null });

    // Wrong values name their field; a plain member, an outsider and a visitor may not edit it.
    for (const [input, field] of [
      [{ name: 'x' }, 'name'],
      [{ communeCode: '99999' }, 'communeCode'],
      [{ website: 'javascript:alert(1)' }, 'website'],
    ] as const) {
      const refused = await system.gql(UPDATE, { input: { groupId: group.id, ...input } }, admin.token);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const token of [member.token, outsider.token]) {
      const refused = await system.gql(UPDATE, { input: { groupId: group.id, name: 'Pris' } }, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.errors?.[0]?.message).toMatch(/administrateurs du groupe/);
      expect(
        (await system.gql(ROLE, { input: { groupId: group.id, memberId: admin.id, role: 'MEMBER' } }, token)).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      expect((await system.gql(REMOVE, { g: group.id, m: admin.id }, token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await system.gql(UPDATE, { input: { groupId: group.id, name: 'Pris' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The only admin may not step down nor be removed: CONFLICT, in French.
    const lastDemoted = await system.gql(ROLE, { input: { groupId: group.id, memberId: admin.id, role: 'MEMBER' } }, admin.token);
    expect(lastDemoted.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'role' });
    expect(lastDemoted.errors?.[0]?.message).toMatch(/au moins un administrateur/);
    expect((await system.gql(REMOVE, { g: group.id, m: admin.id }, staff.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Someone outside the group has no role to change.
    expect(
      (await system.gql(ROLE, { input: { groupId: group.id, memberId: outsider.id, role: 'ADMIN' } }, admin.token)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');

    // The admin names the member admin, then steps down: the member is now the only admin.
    const promoted = await system.gql<{ setGroupMemberRole: { members: unknown[] } }>(
      ROLE,
      { input: { groupId: group.id, memberId: member.id, role: 'ADMIN' } },
      admin.token,
    );
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data!.setGroupMemberRole.members).toEqual([
      { role: 'ADMIN', member: { id: admin.id } },
      { role: 'ADMIN', member: { id: member.id } },
    ]);
    const stepped = await system.gql<{ setGroupMemberRole: { members: unknown[] } }>(
      ROLE,
      { input: { groupId: group.id, memberId: admin.id, role: 'MEMBER' } },
      admin.token,
    );
    expect(stepped.errors).toBeUndefined();
    expect(stepped.data!.setGroupMemberRole.members).toEqual([
      { role: 'ADMIN', member: { id: member.id } },
      { role: 'MEMBER', member: { id: admin.id } },
    ]);
    // The former admin may no longer manage it; the new one removes them.
    expect((await system.gql(UPDATE, { input: { groupId: group.id, name: 'Repris' } }, admin.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const removed = await system.gql<{ removeGroupMember: unknown }>(REMOVE, { g: group.id, m: admin.id }, member.token);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeGroupMember).toEqual({ id: group.id, memberCount: 1, members: [{ role: 'ADMIN', member: { id: member.id } }] });
    expect((await system.gql<{ me: { groups: unknown[] } }>('{ me { groups { id } } }', {}, admin.token)).data!.me.groups).toEqual([]);
  });
});
