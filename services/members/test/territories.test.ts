import { COMMUNES, TERRITORIES } from '@metropotes/territories';
import { postGraphQL, startTestSystem, type TestSystem } from '@metropotes/test-kit';

interface CommuneResult {
  code: string;
  name: string;
}

describe('communes and territories', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const search = async (vars: Record<string, unknown>) => {
    const response = await system.gql<{ communes: CommuneResult[] }>(
      `query Communes($search: String, $territoryCode: String, $first: Int) {
        communes(search: $search, territoryCode: $territoryCode, first: $first) { code name }
      }`,
      vars,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.communes;
  };

  it('loads every commune of Île-de-France and the 12 territories', async () => {
    const communes = await system.db.query('SELECT count(*)::int AS n FROM members.communes');
    expect(communes.rows[0].n).toBe(COMMUNES.length);
    expect(COMMUNES.length).toBeGreaterThan(1200);
    const response = await system.gql<{ territories: { code: string; name: string; communes: { code: string }[] }[] }>(
      '{ territories { code name communes { code } } }',
    );
    expect(response.errors).toBeUndefined();
    const territories = response.data!.territories;
    expect(territories).toHaveLength(12);
    expect(territories.map((t) => t.code).sort()).toEqual(TERRITORIES.map((t) => t.code).sort());
    const paris = territories.find((t) => t.code === '75056');
    expect(paris).toEqual({ code: '75056', name: 'Paris', communes: [{ code: '75056' }] });
    const plaine = territories.find((t) => t.name === 'Plaine Commune')!;
    expect(plaine.communes.map((c) => c.code)).toEqual(expect.arrayContaining(['93039', '93066']));
  });

  it('finds a commune by the beginning of its words, ignoring accents, case and apostrophes', async () => {
    expect((await search({ search: 'ile saint' })).map((c) => c.code)).toContain('93039');
    expect((await search({ search: "L'ÎLE-SAINT" })).map((c) => c.code)).toContain('93039');
    const epinay = await search({ search: 'EPINAY' });
    expect(epinay.map((c) => c.name)).toContain('Épinay-sur-Seine');
    // A prefix of a word, not any substring.
    expect((await search({ search: 'le saint' })).map((c) => c.code)).not.toContain('93039');
    // Names that begin with the words come first.
    const saintDenis = await search({ search: 'saint-denis' });
    expect(saintDenis[0]).toEqual({ code: '93066', name: 'Saint-Denis' });
  });

  it('finds communes by postal code', async () => {
    expect(await search({ search: '93450' })).toEqual([{ code: '93039', name: "L'Île-Saint-Denis" }]);
    expect((await search({ search: '93210' })).map((c) => c.code)).toContain('93066');
    // Paris arrondissements' postal codes lead to Paris.
    expect((await search({ search: '75011' })).map((c) => c.code)).toEqual(['75056']);
  });

  it('limits results and filters by territory', async () => {
    expect(await search({ search: 'saint', first: 3 })).toHaveLength(3);
    const inPlaine = await search({ territoryCode: '200057867', first: 100 });
    expect(inPlaine.map((c) => c.code).sort()).toEqual([...TERRITORIES.find((t) => t.code === '200057867')!.communeCodes].sort());
    const bad = await system.gql('{ communes(first: 500) { code } }');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gives a commune with its territory', async () => {
    const response = await system.gql<{ commune: unknown; missing: unknown; outside: unknown }>(
      `{
        commune(code: "93039") { code name postalCodes department population inMetropole territory { code name } }
        missing: commune(code: "99999") { code }
        outside: commune(code: "78646") { name inMetropole territory { code } }
      }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.commune).toEqual({
      code: '93039',
      name: "L'Île-Saint-Denis",
      postalCodes: ['93450'],
      department: '93',
      population: expect.any(Number),
      inMetropole: true,
      territory: { code: '200057867', name: 'Plaine Commune' },
    });
    expect(response.data!.missing).toBeNull();
    expect(response.data!.outside).toEqual({ name: 'Versailles', inMetropole: false, territory: null });
  });

  it("shows a member's commune, loading communes and territories in batches", async () => {
    const codes = ['93039', '93066', '93048', '94028', '92012', '75056'];
    for (const communeCode of codes) await system.signUp({ communeCode });
    const staff = await system.signUp({ role: 'STAFF' });
    const query = `{ members(first: 50) { edges { node { commune { code name territory { name } } } } } }`;
    system.subgraphs.members.deps.queries.reset();
    const response = await system.gql<{ members: { edges: { node: { commune: { code: string; territory: { name: string } } } }[] } }>(
      query,
      {},
      staff.token,
    );
    expect(response.errors).toBeUndefined();
    const communes = response.data!.members.edges.map((e) => e.node.commune.code);
    expect(communes).toEqual(expect.arrayContaining(codes));
    // members page, communes (one batch), territories (one batch): no query per member.
    expect(system.subgraphs.members.deps.queries.count).toBeLessThanOrEqual(3);
  });

  it('resolves Commune and Territory references from other subgraphs in one query per type', async () => {
    system.subgraphs.members.deps.queries.reset();
    const response = await postGraphQL<{ _entities: unknown[] }>(
      system.subgraphs.members.url,
      `query Entities($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Commune { code name }
          ... on Territory { code name }
        }
      }`,
      {
        representations: [
          { __typename: 'Commune', code: '93039' },
          { __typename: 'Commune', code: '75056' },
          { __typename: 'Commune', code: '00000' },
          { __typename: 'Territory', code: '200057867' },
          { __typename: 'Territory', code: '75056' },
        ],
      },
      { headers: { 'x-gateway-secret': system.env.MEMBERS_GATEWAY_SECRET! } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { code: '93039', name: "L'Île-Saint-Denis" },
      { code: '75056', name: 'Paris' },
      null,
      { code: '200057867', name: 'Plaine Commune' },
      { code: '75056', name: 'Paris' },
    ]);
    expect(system.subgraphs.members.deps.queries.count).toBe(2);
  });
});
