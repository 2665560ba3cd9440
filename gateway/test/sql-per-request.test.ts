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
    const start = system.clock.now().getTime() + 5 * 86_400_000;
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
        {
          input: {
            title: `Fiche pratique numéro ${i}`,
            summary: 'Agir près de chez soi',
            body: 'Étapes…',
            scales: ['COMMUNE'],
            communeCodes: [COMMUNES[i % COMMUNES.length]],
          },
        },
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
    // 40 rather than 100: the gateway's cost limit counts the page size, and this query is deep on purpose.
    const large = await count(query, { first: 40 }, member.token);
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

  it("the staff's moderation queue with each case's target (five content types, resolved by their owning subgraphs), reports and assignee", async () => {
    // 25 open cases, one report each, opened a minute apart and cycling through the five content types: the queue
    // (open first, most reported, oldest) gives one case of each type in its first 5, five of each in its first 25.
    const ids = async (sql: string) => (await system.db.query<{ id: string }>(sql)).rows.map((r) => r.id);
    await system.db.query(
      `INSERT INTO members.groups (name, search_name, commune_code)
       SELECT 'Collectif ' || n, 'collectif ' || n, '93039' FROM generate_series(1, 5) n`,
    );
    await system.db.query(
      `INSERT INTO guide.watch_items (url, normalized_url, title, status)
       SELECT 'https://exemple.org/initiative-' || n, 'https://exemple.org/initiative-' || n, 'Initiative ' || n, 'SELECTED' FROM generate_series(1, 5) n`,
    );
    const targets: Record<string, string[]> = {
      MEMBER: await ids(`SELECT id FROM members.members ORDER BY joined_at, id LIMIT 5`),
      EVENT: await ids(`SELECT id FROM events.events ORDER BY starts_at, id LIMIT 5`),
      GUIDE_ARTICLE: await ids(`SELECT id FROM guide.articles WHERE status = 'PUBLISHED' ORDER BY id LIMIT 5`),
      WATCH_ITEM: await ids(`SELECT id FROM guide.watch_items ORDER BY id LIMIT 5`),
      GROUP: await ids(`SELECT id FROM members.groups ORDER BY id LIMIT 5`),
    };
    const types = Object.keys(targets);
    for (const list of Object.values(targets)) expect(list).toHaveLength(5);
    const reporters = await ids(`SELECT id FROM members.members ORDER BY joined_at DESC, id`);
    const cases = Array.from({ length: 25 }, (_, i) => ({
      type: types[i % 5]!,
      target: targets[types[i % 5]!]![Math.floor(i / 5)]!,
      reporter: reporters[i % reporters.length]!,
    }));
    await system.db.query(
      `WITH input AS (
         SELECT t.type, t.target, t.reporter, t.i FROM unnest($1::text[], $2::text[], $3::uuid[]) WITH ORDINALITY AS t(type, target, reporter, i)
       ), opened AS (
         INSERT INTO moderation.cases (target_type, target_id, report_count, assignee_id, opened_at)
         SELECT type, target, 1, CASE WHEN i % 2 = 0 THEN $4::uuid END, now() - make_interval(mins => 100 - i::int) FROM input
         RETURNING id, target_type, target_id
       )
       INSERT INTO moderation.reports (reporter_id, case_id, target_type, target_id, reason, details)
       SELECT input.reporter, opened.id, opened.target_type, opened.target_id, 'SPAM', 'Signalé pour le test ' || input.i
       FROM input JOIN opened ON opened.target_type = input.type AND opened.target_id = input.target`,
      [cases.map((c) => c.type), cases.map((c) => c.target), cases.map((c) => c.reporter), staff.id],
    );

    const query = `query Queue($first: Int!) {
      moderationQueue(first: $first) { edges { node {
        targetType reportCount status
        target {
          __typename
          ... on Member { id displayName }
          ... on Event { id title }
          ... on GuideArticle { id title }
          ... on WatchItem { id title }
          ... on Group { id name }
        }
        reports { reason reporter { displayName } }
        assignee { displayName }
        decisions { action }
      } } }
    }`;
    const small = await count(query, { first: 5 }, staff.token);
    const large = await count(query, { first: 25 }, staff.token);
    expect(large).toEqual(small);
    // Every subgraph took part: moderation for the cases, members, events and guide for the targets.
    for (const name of SUBGRAPH_NAMES) expect(small[name]).toBeGreaterThan(0);

    // Every target was really resolved (a null target would cost nothing and prove nothing).
    const answer = await system.gql<{
      moderationQueue: { edges: { node: { targetType: string; target: { __typename: string; id: string } | null } }[] };
    }>(query, { first: 25 }, staff.token);
    const nodes = answer.data!.moderationQueue.edges.map((e) => e.node);
    expect(nodes.map((n) => n.target?.__typename)).toEqual(
      cases.map((c) => ({ MEMBER: 'Member', EVENT: 'Event', GUIDE_ARTICLE: 'GuideArticle', WATCH_ITEM: 'WatchItem', GROUP: 'Group' })[c.type]),
    );
    expect(nodes.map((n) => n.target?.id)).toEqual(cases.map((c) => c.target));
  });
});
