import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes, createArticle, publishArticle } from './helpers';

interface Page {
  guideArticles: {
    edges: { cursor: string; node: { id: string; title: string; status: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  };
}

const LIST = `query($filter: GuideArticleFilter, $first: Int, $after: String) {
  guideArticles(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title status } } pageInfo { hasNextPage endCursor } totalCount
  }
}`;

describe('guide: reading the fiches', () => {
  let system: TestSystem;
  let author: TestMember;
  let staff: TestMember;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await startTestSystem();
    [author, staff] = await Promise.all([system.signUp(), system.signUp({ role: 'STAFF' })]);
    const fiches = [
      {
        key: 'quartier',
        title: 'A. Conseil de quartier à Saint-Denis',
        scales: ['QUARTIER'],
        themes: ['DEMOCRATIE_LOCALE'],
        communeCodes: ['93066'],
      },
      {
        key: 'ile',
        title: "B. Budget participatif de L'Île-Saint-Denis",
        scales: ['COMMUNE'],
        themes: ['BUDGET_PARTICIPATIF'],
        communeCodes: ['93039'],
      },
      { key: 'montreuil', title: 'C. Jardins partagés à Montreuil', scales: ['COMMUNE'], themes: ['ENVIRONNEMENT'], communeCodes: ['93048'] },
      { key: 'metropole', title: 'D. Saisir la Métropole', scales: ['METROPOLE'], themes: ['DEMOCRATIE_LOCALE'], communeCodes: [] },
      { key: 'paris', title: 'E. Budget participatif parisien', scales: ['COMMUNE'], themes: ['BUDGET_PARTICIPATIF'], communeCodes: ['75056'] },
    ];
    for (const { key, ...input } of fiches) {
      const article = await createArticle(system, author.token, input);
      ids[key] = article.id;
      await publishArticle(system, staff.token, article.id);
    }
    ids.draft = (await createArticle(system, author.token, { title: 'F. Brouillon', scales: ['COMMUNE'], communeCodes: ['93066'] })).id;
  });
  afterAll(() => system?.stop());

  const list = (variables: Record<string, unknown>, token?: string) => system.gql<Page>(LIST, variables, token);
  const titles = (page: Page) => page.guideArticles.edges.map((e) => e.node.title.slice(0, 1));

  it('shows published fiches only to members and visitors, by title, with a total count', async () => {
    for (const token of [undefined, author.token]) {
      const res = await list({}, token);
      expect(res.errors).toBeUndefined();
      expect(titles(res.data!)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(res.data!.guideArticles.totalCount).toBe(5);
    }
    const staffView = await list({}, staff.token);
    expect(titles(staffView.data!)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const drafts = await list({ filter: { status: 'DRAFT' } }, staff.token);
    expect(titles(drafts.data!)).toEqual(['F']);
    // A member asking for drafts still only gets published fiches.
    const memberDrafts = await list({ filter: { status: 'DRAFT' } }, author.token);
    expect(titles(memberDrafts.data!)).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('filters by scale, theme, commune and territory', async () => {
    expect(titles((await list({ filter: { scale: 'COMMUNE' } })).data!)).toEqual(['B', 'C', 'E']);
    expect(titles((await list({ filter: { theme: 'BUDGET_PARTICIPATIF' } })).data!)).toEqual(['B', 'E']);
    expect(titles((await list({ filter: { communeCode: '93039' } })).data!)).toEqual(['B']);
    // Plaine Commune (Saint-Denis, L'Île-Saint-Denis...) but not Est Ensemble (Montreuil).
    const plaineCommune = await list({ filter: { territoryCode: '200057867' } });
    expect(titles(plaineCommune.data!)).toEqual(['A', 'B']);
    expect(plaineCommune.data!.guideArticles.totalCount).toBe(2);
    expect(titles((await list({ filter: { territoryCode: '75056', theme: 'BUDGET_PARTICIPATIF' } })).data!)).toEqual(['E']);
    const bad = await list({ filter: { communeCode: '12345' } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.communeCode' });
    const badTerritory = await list({ filter: { territoryCode: 'nope' } });
    expect(codes(badTerritory)).toEqual(['BAD_USER_INPUT']);
  });

  it('filters by the date of the last change (what is new in the guide since a date)', async () => {
    // Relative to the run's clock, which dates the fiches' changes.
    const now = system.clock.now();
    await system.db.query(`UPDATE guide.articles SET updated_at = $1::timestamptz - interval '10 days'`, [now]);
    await system.db.query(`UPDATE guide.articles SET updated_at = $2::timestamptz - interval '1 hour' WHERE id = ANY($1)`, [
      [ids.montreuil, ids.draft],
      now,
    ]);
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const recent = await list({ filter: { updatedSince: since } });
    expect(titles(recent.data!)).toEqual(['C']);
    expect(recent.data!.guideArticles.totalCount).toBe(1);
    // Combined with the other filters; staff also see the recent draft.
    expect(titles((await list({ filter: { updatedSince: since, theme: 'ENVIRONNEMENT' } })).data!)).toEqual(['C']);
    expect(titles((await list({ filter: { updatedSince: since, theme: 'DEMOCRATIE_LOCALE' } })).data!)).toEqual([]);
    expect(titles((await list({ filter: { updatedSince: since } }, staff.token)).data!)).toEqual(['C', 'F']);
    const bad = await list({ filter: { updatedSince: 'hier' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('pages with first/after cursors', async () => {
    const one = await list({ first: 2 });
    expect(titles(one.data!)).toEqual(['A', 'B']);
    expect(one.data!.guideArticles.pageInfo.hasNextPage).toBe(true);
    const two = await list({ first: 2, after: one.data!.guideArticles.pageInfo.endCursor });
    expect(titles(two.data!)).toEqual(['C', 'D']);
    const three = await list({ first: 2, after: two.data!.guideArticles.pageInfo.endCursor });
    expect(titles(three.data!)).toEqual(['E']);
    expect(three.data!.guideArticles.pageInfo).toEqual({ hasNextPage: false, endCursor: three.data!.guideArticles.edges[0]!.cursor });
    expect(codes(await list({ first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await list({ after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('finds a fiche by slug or id, and nothing for an unknown one', async () => {
    const bySlug = await system.gql<{ guideArticle: { id: string } | null }>(`{ guideArticle(slug: "d-saisir-la-metropole") { id } }`);
    expect(bySlug.data?.guideArticle?.id).toBe(ids.metropole);
    const unknown = await system.gql<{ guideArticle: null }>(`{ a: guideArticle(slug: "nope") { id } b: guideArticle(id: "not-a-uuid") { id } }`);
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ a: null, b: null });
  });

  it('loads the actors of a whole page in one query', async () => {
    const actorIds: string[] = [];
    for (const name of ['Mairie de Saint-Denis', 'Conseil citoyen Franc-Moisin']) {
      const res = await system.gql<{ createActor: { id: string } }>(
        `mutation($input: CreateActorInput!) { createActor(input: $input) { id } }`,
        { input: { kind: 'MAIRIE', name, scale: 'COMMUNE', communeCode: '93066' } },
        staff.token,
      );
      actorIds.push(res.data!.createActor.id);
    }
    for (const id of [ids.quartier, ids.ile, ids.montreuil]) {
      const current = await system.gql<{ guideArticle: { version: number } }>(
        `query($id: ID) { guideArticle(id: $id) { version } }`,
        { id },
        staff.token,
      );
      const res = await system.gql(
        `mutation($id: ID!, $input: UpdateGuideArticleInput!) { updateGuideArticle(id: $id, input: $input) { id } }`,
        { id, input: { expectedVersion: current.data!.guideArticle.version, actorIds } },
        staff.token,
      );
      expect(res.errors).toBeUndefined();
    }
    const counter = system.subgraphs.guide.deps.queries;
    counter.reset();
    const res = await system.gql<{ guideArticles: { edges: { node: { actors: { name: string }[] } }[] } }>(
      `{ guideArticles(first: 10) { edges { node { title actors { name } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.guideArticles.edges.filter((e) => e.node.actors.length === 2)).toHaveLength(3);
    // One query for the page, one for all the actors.
    expect(counter.count).toBe(2);

    counter.reset();
    const staffView = await system.gql<{ guideArticles: { edges: { node: { revisions: { version: number }[] } }[] } }>(
      `{ guideArticles(first: 10) { edges { node { actors { name } revisions { version editedBy { id } } } } } }`,
      {},
      staff.token,
    );
    expect(staffView.errors).toBeUndefined();
    expect(staffView.data!.guideArticles.edges.filter((e) => e.node.revisions.length === 1)).toHaveLength(3);
    // The page, the actors, the revisions of every fiche of the page.
    expect(counter.count).toBe(3);
  });
});
