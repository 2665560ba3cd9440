import { postGraphQL, startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';

const UPDATE = `mutation Update($input: UpdateProfileInput!) {
  updateMyProfile(input: $input) {
    id displayName bio avatarUrl neighbourhood interests skills profileVisibility
    commune { code name }
  }
}`;
const SET_VISIBILITY = `mutation V($v: ProfileVisibility!) { updateMyProfile(input: { profileVisibility: $v }) { id } }`;
const DIRECTORY = `query Directory($filter: MemberFilter, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id displayName email } }
  }
}`;

interface Directory {
  members: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; displayName: string; email: string | null } }[];
  };
}

describe('profiles', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const directory = async (vars: Record<string, unknown>, token?: string) => {
    const response = await system.gql<Directory>(DIRECTORY, vars, token);
    expect(response.errors).toBeUndefined();
    return response.data!.members;
  };
  const ids = (connection: Directory['members']) => connection.edges.map((e) => e.node.id);

  it('updates one’s own profile and returns it', async () => {
    const member = await system.signUp();
    const response = await system.gql<{ updateMyProfile: Record<string, unknown> }>(
      UPDATE,
      {
        input: {
          displayName: '  Fatou   Ndiaye ',
          bio: 'Habitante du quartier Sud, je milite pour le budget participatif.',
          avatarUrl: 'https://images.example.org/fatou.png',
          communeCode: '93066',
          neighbourhood: 'Franc-Moisin',
          interests: ['LOGEMENT', 'BUDGET_PARTICIPATIF', 'LOGEMENT'],
          skills: ['Animation de réunion', ' animation de réunion ', 'Graphisme'],
          profileVisibility: 'PUBLIC',
        },
      },
      member.token,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.updateMyProfile).toEqual({
      id: member.id,
      displayName: 'Fatou Ndiaye',
      bio: 'Habitante du quartier Sud, je milite pour le budget participatif.',
      avatarUrl: 'https://images.example.org/fatou.png',
      neighbourhood: 'Franc-Moisin',
      interests: ['LOGEMENT', 'BUDGET_PARTICIPATIF'],
      skills: ['Animation de réunion', 'Graphisme'],
      profileVisibility: 'PUBLIC',
      commune: { code: '93066', name: 'Saint-Denis' },
    });
    // Fields left out are unchanged; null clears an optional one.
    const partial = await system.gql<{ updateMyProfile: { bio: string | null; displayName: string } }>(
      `mutation { updateMyProfile(input: { bio: null }) { bio displayName } }`,
      {},
      member.token,
    );
    expect(partial.data!.updateMyProfile).toEqual({ bio: null, displayName: 'Fatou Ndiaye' });
  });

  it('refuses invalid profile values, naming the field', async () => {
    const member = await system.signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: 'x' }, 'displayName'],
      [{ displayName: null }, 'displayName'],
      [{ communeCode: '13055' }, 'communeCode'],
      [{ avatarUrl: 'javascript:alert(1)' }, 'avatarUrl'],
      // The URL scalar gives a URL: the limit is on its text.
      [{ avatarUrl: `https://images.example.org/${'a'.repeat(500)}.png` }, 'avatarUrl'],
      [{ bio: 'a'.repeat(2001) }, 'bio'],
      [{ skills: ['x'.repeat(51)] }, 'skills'],
    ];
    for (const [input, field] of cases) {
      const response = await system.gql(UPDATE, { input }, member.token);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const anonymous = await system.gql(UPDATE, { input: { bio: 'Bonjour' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows each profile only to whom its visibility allows, everywhere', async () => {
    const name = 'Visibilitest';
    const make = async (visibility: string, first: string) => {
      const m = await system.signUp({ displayName: `${first} ${name}` });
      await system.gql(SET_VISIBILITY, { v: visibility }, m.token);
      return m;
    };
    const pub = await make('PUBLIC', 'Awa');
    const members = await make('MEMBERS', 'Bilal');
    const hidden = await make('STAFF', 'Chloé');
    const other = await system.signUp();
    const staff = await system.signUp({ role: 'STAFF' });

    const one = (id: string, token?: string) =>
      system.gql<{ member: { id: string; email: string | null } | null }>(`query M($id: ID!) { member(id: $id) { id email } }`, { id }, token);

    // Anonymous: PUBLIC only, never an e-mail.
    expect((await one(pub.id)).data!.member).toEqual({ id: pub.id, email: null });
    expect((await one(members.id)).data!.member).toBeNull();
    expect((await one(hidden.id)).data!.member).toBeNull();
    const anonymousList = await directory({ filter: { search: name } });
    expect(ids(anonymousList)).toEqual([pub.id]);
    expect(anonymousList.totalCount).toBe(1);

    // Another member: PUBLIC and MEMBERS; e-mails still hidden.
    expect((await one(members.id, other.token)).data!.member).toEqual({ id: members.id, email: null });
    expect((await one(hidden.id, other.token)).data!.member).toBeNull();
    const memberList = await directory({ filter: { search: name } }, other.token);
    expect(ids(memberList)).toEqual([pub.id, members.id]);
    expect(memberList.totalCount).toBe(2);

    // The member themselves sees their hidden profile and e-mail.
    expect((await one(hidden.id, hidden.token)).data!.member).toEqual({ id: hidden.id, email: hidden.email });
    expect(ids(await directory({ filter: { search: name } }, hidden.token))).toEqual([pub.id, members.id, hidden.id]);

    // Staff sees all, with e-mails.
    const staffList = await directory({ filter: { search: name } }, staff.token);
    expect(staffList.edges.map((e) => e.node)).toEqual([
      { id: pub.id, displayName: `Awa ${name}`, email: pub.email },
      { id: members.id, displayName: `Bilal ${name}`, email: members.email },
      { id: hidden.id, displayName: `Chloé ${name}`, email: hidden.email },
    ]);

    // Entity references (another subgraph asking for members) follow the same rule.
    const refs = await postGraphQL<{ _entities: unknown[] }>(
      system.subgraphs.members.url,
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id displayName } } }`,
      { r: [pub, members, hidden].map((m) => ({ __typename: 'Member', id: m.id })) },
      { headers: { 'x-gateway-secret': system.env.MEMBERS_GATEWAY_SECRET! } },
    );
    expect(refs.errors).toBeUndefined();
    expect(refs.data!._entities).toEqual([{ id: pub.id, displayName: `Awa ${name}` }, null, null]);
  });

  it('filters the directory by commune, territory, interest and accent-free name, with cursor pagination', async () => {
    const tag = 'Filtrage';
    const made: TestMember[] = [];
    const specs: [string, string, string[]][] = [
      ['Zoé', '93039', ['LOGEMENT']],
      ['Zoë', '93066', ['CULTURE']],
      ['Yanis', '93066', ['LOGEMENT', 'SPORT']],
      ['Xavier', '94028', ['LOGEMENT']],
      ['Wassila', '75056', []],
    ];
    for (const [first, communeCode, interests] of specs) {
      const m = await system.signUp({ displayName: `${first} ${tag}`, communeCode });
      await system.gql(UPDATE, { input: { interests, profileVisibility: 'PUBLIC' } }, m.token);
      made.push(m);
    }
    const [zoe1, zoe2, yanis, xavier, wassila] = made;
    const viewer = await system.signUp();
    const search = (filter: Record<string, unknown>) => directory({ filter: { search: tag, ...filter } }, viewer.token);

    expect(ids(await search({ communeCode: '93066' }))).toEqual(expect.arrayContaining([zoe2!.id, yanis!.id]));
    expect((await search({ communeCode: '93066' })).totalCount).toBe(2);
    expect(new Set(ids(await search({ territoryCode: '200057867' })))).toEqual(new Set([zoe1!.id, zoe2!.id, yanis!.id]));
    expect(ids(await search({ territoryCode: '75056' }))).toEqual([wassila!.id]);
    expect(new Set(ids(await search({ interest: 'LOGEMENT' })))).toEqual(new Set([zoe1!.id, yanis!.id, xavier!.id]));
    expect(ids(await search({ territoryCode: '200057867', communeCode: '94028' }))).toEqual([]);
    // Accents and case do not matter: "ZOE" finds Zoé and Zoë.
    expect(new Set(ids(await directory({ filter: { search: `zoe ${tag.toUpperCase()}` } }, viewer.token)))).toEqual(new Set([zoe1!.id, zoe2!.id]));

    // Pages of 2, in name order, without overlap.
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const connection: Directory['members'] = await directory({ filter: { search: tag }, first: 2, after }, viewer.token);
      expect(connection.totalCount).toBe(5);
      seen.push(...ids(connection));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(seen.slice(0, 3)).toEqual([wassila!.id, xavier!.id, yanis!.id]);
    expect(new Set(seen.slice(3))).toEqual(new Set([zoe1!.id, zoe2!.id]));

    const badCursor = await system.gql(DIRECTORY, { after: 'pas-un-curseur' }, viewer.token);
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('keeps notification preferences for the member only, with sensible defaults', async () => {
    const member = await system.signUp({ communeCode: '93039' });
    const other = await system.signUp();
    const PREFS = `query P($id: ID!) { member(id: $id) { notificationPreferences {
      digestFrequency eventReminders followedThemes followedCommunes { code } followedTerritories { code name }
    } } }`;
    await system.gql(SET_VISIBILITY, { v: 'PUBLIC' }, member.token);
    const defaults = await system.gql<{ member: { notificationPreferences: unknown } }>(PREFS, { id: member.id }, member.token);
    expect(defaults.errors).toBeUndefined();
    expect(defaults.data!.member.notificationPreferences).toEqual({
      digestFrequency: 'WEEKLY',
      eventReminders: true,
      followedThemes: [],
      followedCommunes: [],
      followedTerritories: [{ code: '200057867', name: 'Plaine Commune' }],
    });
    const update = await system.gql<{ updateMyNotificationPreferences: { notificationPreferences: unknown } }>(
      `mutation U($input: NotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) {
        notificationPreferences { digestFrequency eventReminders followedThemes followedCommunes { code } followedTerritories { code } }
      } }`,
      {
        input: {
          digestFrequency: 'MONTHLY',
          eventReminders: false,
          followedThemes: ['TRANSPORTS'],
          followedCommunes: ['93066', '75056'],
          followedTerritories: ['200057875', '75056'],
        },
      },
      member.token,
    );
    expect(update.errors).toBeUndefined();
    expect(update.data!.updateMyNotificationPreferences.notificationPreferences).toEqual({
      digestFrequency: 'MONTHLY',
      eventReminders: false,
      followedThemes: ['TRANSPORTS'],
      followedCommunes: [{ code: '93066' }, { code: '75056' }],
      followedTerritories: [{ code: '200057875' }, { code: '75056' }],
    });
    // null goes back to the default territory.
    const reset = await system.gql<{ updateMyNotificationPreferences: { notificationPreferences: { followedTerritories: unknown } } }>(
      `mutation { updateMyNotificationPreferences(input: { followedTerritories: null }) { notificationPreferences { followedTerritories { code } } } }`,
      {},
      member.token,
    );
    expect(reset.data!.updateMyNotificationPreferences.notificationPreferences.followedTerritories).toEqual([{ code: '200057867' }]);
    // Others (and anonymous) do not see them.
    expect((await system.gql<{ member: unknown }>(PREFS, { id: member.id }, other.token)).data!.member).toEqual({
      notificationPreferences: null,
    });
    expect((await system.gql<{ member: unknown }>(PREFS, { id: member.id })).data!.member).toEqual({ notificationPreferences: null });
    // Unknown codes are refused.
    const bad = await system.gql(`mutation { updateMyNotificationPreferences(input: { followedCommunes: ["99999"] }) { id } }`, {}, member.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'followedCommunes' });
    const badTerritory = await system.gql(
      `mutation { updateMyNotificationPreferences(input: { followedTerritories: ["93039"] }) { id } }`,
      {},
      member.token,
    );
    expect(badTerritory.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'followedTerritories' });
  });

  it('answers a directory page in a fixed number of SQL statements, whatever its size', async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    const QUERY = `query D($first: Int) { members(first: $first, filter: { search: "lot" }) { totalCount edges { node {
      id displayName commune { name territory { name } } groups { name } buddy { id } welcomedBy { id }
    } } } }`;
    const countFor = async (first: number) => {
      system.subgraphs.members.deps.queries.reset();
      const response = await system.gql<{ members: { edges: unknown[] } }>(QUERY, { first }, staff.token);
      expect(response.errors).toBeUndefined();
      expect(response.data!.members.edges).toHaveLength(first);
      return system.subgraphs.members.deps.queries.count;
    };
    const communes = ['93039', '93066', '94028', '92012', '75056', '93048'];
    for (let i = 0; i < 6; i += 1) {
      const m = await system.signUp({ displayName: `Lot ${i}`, communeCode: communes[i] });
      await system.gql(`mutation { createGroup(input: { name: "Groupe du lot ${i}" }) { id } }`, {}, m.token);
    }
    const small = await countFor(2);
    const large = await countFor(6);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(7);
  });
});
