import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { createArticle, publishArticle } from './helpers';

/**
 * Security review, item 2: the system (the workers' token) keeps staff's authority (sources, ingest, erasure,
 * moderation), but on the content queries it reads what the public reads — the workers e-mail members what they read.
 */
describe('guide: the system reads the public view of fiches and veille (gateway, Postgres real)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let author: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, author] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp()]);
    systemToken = await system.systemToken();
  }, 120_000);
  afterAll(() => system?.stop());

  const ok = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await system.gql<T>(query, variables, token);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  const hide = (targetType: string, targetId: string) =>
    ok(
      `mutation H($input: ApplyModerationActionInput!) { applyGuideModerationAction(input: $input) { appliedAt } }`,
      { input: { targetType, targetId, action: 'HIDE', decisionId: randomUUID() } },
      systemToken,
    );

  it('guideArticles (even asking for a status), guideArticle and searchGuide give the system published, visible fiches only', async () => {
    const draft = await createArticle(system, author.token, { title: 'Budget participatif : brouillon', body: 'Budget participatif.' });
    const inReview = await createArticle(system, author.token, { title: 'Budget participatif : en relecture', body: 'Budget participatif.' });
    await ok(`mutation S($id: ID!) { submitGuideArticle(id: $id) { id } }`, { id: inReview.id }, author.token);
    const archived = await createArticle(system, staff.token, { title: 'Budget participatif : archivée', body: 'Budget participatif.' });
    await publishArticle(system, staff.token, archived.id);
    await ok(`mutation A($id: ID!) { archiveGuideArticle(id: $id) { id } }`, { id: archived.id }, staff.token);
    const hidden = await createArticle(system, staff.token, { title: 'Budget participatif : masquée', body: 'Budget participatif.' });
    await publishArticle(system, staff.token, hidden.id);
    await hide('GUIDE_ARTICLE', hidden.id);
    const published = await createArticle(system, staff.token, { title: 'Budget participatif : publiée', body: 'Budget participatif.' });
    await publishArticle(system, staff.token, published.id);
    const all = [draft, inReview, archived, hidden, published].map((a) => a.id);

    const listed = async (token: string, status?: string) =>
      (
        await ok<{ guideArticles: { edges: { node: { id: string } }[] } }>(
          `query L($filter: GuideArticleFilter) { guideArticles(filter: $filter, first: 100) { edges { node { id } } } }`,
          { filter: status ? { status } : null },
          token,
        )
      ).guideArticles.edges.map((e) => e.node.id);
    const one = async (token: string, id: string) =>
      (await ok<{ guideArticle: { id: string } | null }>(`query A($id: ID) { guideArticle(id: $id) { id } }`, { id }, token)).guideArticle?.id ??
      null;
    const found = async (token: string) =>
      (
        await ok<{ searchGuide: { article: { id: string } }[] }>(
          `query S { searchGuide(query: "budget participatif", first: 50) { article { id } } }`,
          {},
          token,
        )
      ).searchGuide.map((h) => h.article.id);

    expect(await listed(systemToken)).toEqual([published.id]);
    for (const status of ['DRAFT', 'IN_REVIEW', 'ARCHIVED']) expect(await listed(systemToken, status)).toEqual([published.id]);
    expect((await Promise.all(all.map((id) => one(systemToken, id)))).filter(Boolean)).toEqual([published.id]);
    expect(await found(systemToken)).toEqual([published.id]);
    // Staff (people) still see everything.
    expect(new Set(await listed(staff.token))).toEqual(new Set(all));
  });

  it('watchItems and watchItem give the system selected, visible items only; it still lists the sources and ingests', async () => {
    const source = (
      await ok<{ addWatchSource: { id: string } }>(
        `mutation A($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`,
        { input: { name: 'Collectifs', feedUrl: 'https://collectifs.example.org/feed.xml' } },
        staff.token,
      )
    ).addWatchSource.id;
    const entries = ['nouvelle', 'ecartee', 'masquee', 'retenue'].map((slug) => ({
      url: `https://collectifs.example.org/${slug}`,
      title: `Initiative ${slug}`,
    }));
    const created = (
      await ok<{ ingestWatchItems: { created: { id: string; title: string }[] } }>(
        `mutation I($sourceId: ID!, $items: [IngestWatchItemInput!]!) { ingestWatchItems(sourceId: $sourceId, items: $items) { created { id title } } }`,
        { sourceId: source, items: entries },
        systemToken,
      )
    ).ingestWatchItems.created;
    const id = (slug: string) => created.find((i) => i.title === `Initiative ${slug}`)!.id;
    const curate = (itemId: string, status: string) =>
      ok(`mutation C($id: ID!, $status: WatchItemStatus!) { curateWatchItem(id: $id, status: $status) { id } }`, { id: itemId, status }, staff.token);
    await curate(id('ecartee'), 'DISMISSED');
    await curate(id('masquee'), 'SELECTED');
    await hide('WATCH_ITEM', id('masquee'));
    await curate(id('retenue'), 'SELECTED');
    const since = new Date(system.clock.now().getTime() - 3_600_000).toISOString();

    const listed = async (token: string, filter: Record<string, unknown> | null) =>
      (
        await ok<{ watchItems: { edges: { node: { id: string } }[] } }>(
          `query L($filter: WatchItemFilter) { watchItems(filter: $filter, first: 100) { edges { node { id } } } }`,
          { filter },
          token,
        )
      ).watchItems.edges.map((e) => e.node.id);
    expect(await listed(systemToken, null)).toEqual([id('retenue')]);
    expect(await listed(systemToken, { selectedSince: since })).toEqual([id('retenue')]);
    for (const status of ['NEW', 'DISMISSED']) expect(await listed(systemToken, { status })).toEqual([]);
    const one = async (itemId: string) =>
      (await ok<{ watchItem: { id: string } | null }>(`query W($id: ID!) { watchItem(id: $id) { id } }`, { id: itemId }, systemToken)).watchItem
        ?.id ?? null;
    expect((await Promise.all(created.map((i) => one(i.id)))).filter(Boolean)).toEqual([id('retenue')]);
    expect(new Set(await listed(staff.token, null))).toEqual(new Set(created.map((i) => i.id)));
    // Its authority stays: the feed poller's sources.
    expect(
      (await ok<{ watchSources: { id: string }[] }>(`query { watchSources(active: true) { id } }`, {}, systemToken)).watchSources.map((s) => s.id),
    ).toEqual([source]);
  });
});
