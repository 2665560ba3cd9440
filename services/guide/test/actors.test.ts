import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes } from './helpers';

const CREATE = `mutation($input: CreateActorInput!) { createActor(input: $input) { id kind name scale commune { code } website contact description } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateActorInput!) { updateActor(id: $id, input: $input) { id kind name scale commune { code } website contact description } }`;
const LIST = `query($filter: ActorFilter, $first: Int, $after: String) {
  actors(filter: $filter, first: $first, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } totalCount }
}`;

interface ActorList {
  actors: { edges: { node: { id: string; name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string }; totalCount: number };
}

describe('guide: actors', () => {
  let system: TestSystem;
  let member: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [member, staff] = await Promise.all([system.signUp(), system.signUp({ role: 'STAFF' })]);
    const actors = [
      { kind: 'MAIRIE', name: 'Mairie de Montreuil', scale: 'COMMUNE', communeCode: '93048' },
      { kind: 'CONSEIL_CITOYEN', name: 'Conseil citoyen du Franc-Moisin', scale: 'QUARTIER', communeCode: '93066' },
      { kind: 'EPT', name: 'Plaine Commune', scale: 'TERRITOIRE', communeCode: '93066' },
      { kind: 'METROPOLE', name: 'Métropole du Grand Paris', scale: 'METROPOLE', website: 'https://www.metropolegrandparis.fr' },
      { kind: 'ASSOCIATION', name: "Association de L'Île-Saint-Denis", scale: 'COMMUNE', communeCode: '93039' },
    ];
    for (const input of actors) {
      const res = await system.gql(CREATE, { input }, staff.token);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
  });
  afterAll(() => system?.stop());

  const names = (res: { data?: ActorList | null }) => res.data!.actors.edges.map((e) => e.node.name);

  it('lets only the staff create and edit actors', async () => {
    const input = { kind: 'MAIRIE', name: 'Mairie de Bondy', scale: 'COMMUNE', communeCode: '93010' };
    expect(codes(await system.gql(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await system.gql(CREATE, { input }, member.token))).toEqual(['FORBIDDEN']);
    const created = await system.gql<{ createActor: Record<string, unknown> & { id: string } }>(
      CREATE,
      { input: { ...input, contact: ' accueil@mairie-bondy.fr ', description: 'Hôtel de ville.' } },
      staff.token,
    );
    expect(created.data?.createActor).toMatchObject({
      kind: 'MAIRIE',
      name: 'Mairie de Bondy',
      scale: 'COMMUNE',
      commune: { code: '93010' },
      website: null,
      contact: 'accueil@mairie-bondy.fr',
      description: 'Hôtel de ville.',
    });
    const id = created.data!.createActor.id;
    expect(codes(await system.gql(UPDATE, { id, input: { name: 'Pirate' } }, member.token))).toEqual(['FORBIDDEN']);
    const updated = await system.gql<{ updateActor: Record<string, unknown> }>(
      UPDATE,
      { id, input: { website: 'https://www.ville-bondy.fr/', contact: null } },
      staff.token,
    );
    expect(updated.data?.updateActor).toMatchObject({
      name: 'Mairie de Bondy',
      website: 'https://www.ville-bondy.fr/',
      contact: null,
      commune: { code: '93010' },
    });
    const bad = await system.gql(CREATE, { input: { ...input, communeCode: '00000' } }, staff.token);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communeCode' });
    const missing = await system.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { name: 'X y' } }, staff.token);
    expect(codes(missing)).toEqual(['NOT_FOUND']);
  });

  it('lists actors for anyone, by name, filtered by kind, scale, commune and territory', async () => {
    const all = await system.gql<ActorList>(LIST, {});
    expect(all.errors).toBeUndefined();
    expect(all.data!.actors.totalCount).toBeGreaterThanOrEqual(5);
    expect(names(await system.gql<ActorList>(LIST, { filter: { kind: 'CONSEIL_CITOYEN' } }))).toEqual(['Conseil citoyen du Franc-Moisin']);
    expect(names(await system.gql<ActorList>(LIST, { filter: { scale: 'METROPOLE' } }))).toEqual(['Métropole du Grand Paris']);
    expect(names(await system.gql<ActorList>(LIST, { filter: { communeCode: '93066' } }))).toEqual([
      'Conseil citoyen du Franc-Moisin',
      'Plaine Commune',
    ]);
    expect(names(await system.gql<ActorList>(LIST, { filter: { territoryCode: '200057867' } }))).toEqual([
      "Association de L'Île-Saint-Denis",
      'Conseil citoyen du Franc-Moisin',
      'Plaine Commune',
    ]);
    const page1 = await system.gql<ActorList>(LIST, { filter: { territoryCode: '200057867' }, first: 2 });
    expect(page1.data!.actors.pageInfo.hasNextPage).toBe(true);
    const page2 = await system.gql<ActorList>(LIST, {
      filter: { territoryCode: '200057867' },
      first: 2,
      after: page1.data!.actors.pageInfo.endCursor,
    });
    expect(names(page2)).toEqual(['Plaine Commune']);
  });
});
