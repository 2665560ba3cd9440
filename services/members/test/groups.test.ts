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
    expect((await system.gql(JOIN, { id: '00000000-0000-4000-8000-000000000000' }, joiner.token)).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
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
});
