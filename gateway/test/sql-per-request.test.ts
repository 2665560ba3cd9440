/**
 * No N+1 across the supergraph: a page costs the same number of SQL statements in every subgraph whatever its
 * size. Counted with each subgraph's own statement counter while the gateway resolves the whole query.
 */
import { startTestSystem, SUBGRAPH_NAMES, type TestMember, type TestSystem } from '@metropotes/test-kit';

const COMMUNES = ['93039', '93066', '93001', '75056', '94081', '92050'];

describe('SQL statements per request do not grow with the page', () => {
  let system: TestSystem;
  let staff: TestMember;
  let member: TestMember;

  const count = async (query: string, variables: Record<string, unknown>, token?: string) => {
    for (const name of SUBGRAPH_NAMES) system.subgraphs[name].deps.queries.reset();
    const response = await system.gql<Record<string, { edges: unknown[] }>>(query, variables, token);
    expect(response.errors).toBeUndefined();
    // The page is really that size: equal counts over two empty pages would prove nothing.
    expect(Object.values(response.data!)[0]!.edges).toHaveLength(variables.first as number);
    return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system.subgraphs[name].deps.queries.count]));
  };

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    member = await system.signUp();
    const organizers = await Promise.all(COMMUNES.map((communeCode) => system.signUp({ communeCode, role: 'STAFF' })));
    const start = Date.now() + 5 * 86_400_000;
    const createEvent = async (i: number) => {
      const organizer = organizers[i % organizers.length]!;
      const startsAt = new Date(start + i * 3_600_000);
      const created = await system.gql<{ createEvent: { id: string } }>(
        `mutation Create($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
        {
          input: {
            title: `Atelier ${i}`,
            kind: 'ATELIER',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
            venue: { name: 'Maison de quartier', communeCode: COMMUNES[i % COMMUNES.length] },
            capacity: 30,
          },
        },
        organizer.token,
      );
      if (i % 3 === 0) {
        const registered = await system.gql(`mutation { registerForEvent(eventId: "${created.data!.createEvent.id}") { id } }`, {}, member.token);
        expect(registered.errors).toBeUndefined();
      }
    };
    for (let i = 0; i < 100; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => createEvent(i + k)));
    const createArticle = async (i: number) => {
      const article = await system.gql<{ createGuideArticle: { id: string } }>(
        `mutation Create($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id } }`,
        { input: { title: `Fiche pratique numéro ${i}`, summary: 'Agir près de chez soi', body: 'Étapes…', scales: ['COMMUNE'], communeCodes: [COMMUNES[i % COMMUNES.length]] } },
        organizers[i % organizers.length]!.token,
      );
      const published = await system.gql(`mutation { publishGuideArticle(id: "${article.data!.createGuideArticle.id}") { id } }`, {}, staff.token);
      expect(published.errors).toBeUndefined();
    };
    for (let i = 0; i < 40; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => createArticle(i + k)));
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('an agenda page with organizers, communes, territories, counts and my registration', async () => {
    const query = `query Agenda($first: Int!) {
      agenda(first: $first) {
        edges { node {
          title attendeeCount spotsLeft myRegistration { status }
          organizer { displayName commune { name territory { name } } }
          venue { name commune { name territory { name } } }
        } }
      }
    }`;
    const small = await count(query, { first: 10 }, member.token);
    const large = await count(query, { first: 100 }, member.token);
    expect(large).toEqual(small);
    expect(small.events).toBeGreaterThan(0);
    expect(small.members).toBeGreaterThan(0);
  });

  it('a guide page with its authors, actors and communes', async () => {
    const query = `query Guide($first: Int!) {
      guideArticles(first: $first) { edges { node { title authors { displayName commune { name } } actors { name } communes { name territory { name } } } } }
    }`;
    const small = await count(query, { first: 5 }, member.token);
    const large = await count(query, { first: 40 }, member.token);
    expect(large).toEqual(small);
    expect(small.guide).toBeGreaterThan(0);
  });

  it('a directory page of members with their registrations and groups', async () => {
    const query = `query Directory($first: Int!) {
      members(first: $first) { edges { node { displayName commune { name territory { name } } groups { name } organizedEvents { title } registrations { edges { node { status } } } } } }
    }`;
    const small = await count(query, { first: 2 }, staff.token);
    const large = await count(query, { first: 8 }, staff.token);
    expect(large).toEqual(small);
  });
});
