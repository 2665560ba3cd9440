import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { randomUUID } from 'node:crypto';
import { createArticle, publishArticle } from './helpers';

const APPLY = `mutation A($input: ApplyModerationActionInput!) {
  applyGuideModerationAction(input: $input) { decisionId targetType targetId action appliedAt }
}`;
const ARTICLE = `query A($id: ID) { guideArticle(id: $id) { id moderationState } }`;
const ARTICLES = `query { guideArticles(first: 100) { edges { node { id } } totalCount } }`;
const SEARCH = `query S($q: String!) { searchGuide(query: $q) { article { id } } }`;
const ITEM = `query I($id: ID!) { watchItem(id: $id) { id moderationState } }`;
const ITEMS = `query { watchItems(first: 100) { edges { node { id } } totalCount } }`;

describe('guide applies moderation decisions (applyGuideModerationAction)', () => {
  let system: TestSystem;
  let staff: TestMember;
  let author: TestMember;
  let systemToken: string;

  beforeAll(async () => {
    system = await startTestSystem();
    [staff, author] = await Promise.all([system.signUp({ role: 'STAFF' }), system.signUp()]);
    systemToken = await system.systemToken();
  });
  afterAll(() => system?.stop());

  const apply = (input: Record<string, unknown>, token = systemToken) =>
    system.gql<{ applyGuideModerationAction: { decisionId: string; appliedAt: string } }>(APPLY, { input }, token);

  it('HIDE takes a fiche out of guideArticles, searchGuide, guideArticle and the PDF for all but staff; RESTORE brings it back', async () => {
    const article = await createArticle(system, author.token, {
      title: 'Monter une ressourcerie de quartier',
      scales: ['QUARTIER'],
      body: 'Une ressourcerie collecte les objets.',
      steps: [{ title: 'Un', text: 'Deux' }],
    });
    await publishArticle(system, staff.token, article.id);
    const listed = async (token?: string) =>
      (await system.gql<{ guideArticles: { edges: { node: { id: string } }[] } }>(ARTICLES, {}, token)).data!.guideArticles.edges.map(
        (e) => e.node.id,
      );
    const found = async (token?: string) =>
      (await system.gql<{ searchGuide: { article: { id: string } }[] }>(SEARCH, { q: 'ressourcerie' }, token)).data!.searchGuide.map(
        (h) => h.article.id,
      );
    const pdf = async () => {
      const res = await fetch(new URL('/guide.pdf', system.subgraphs.guide.url), {
        headers: { 'x-gateway-secret': system.env.GUIDE_GATEWAY_SECRET! },
      });
      return Buffer.from(await res.arrayBuffer()).toString('latin1');
    };
    expect(await listed()).toContain(article.id);
    expect(await found()).toContain(article.id);
    expect(await pdf()).toContain('(Monter une ressourcerie de quartier)');

    const decisionId = randomUUID();
    expect(
      (await apply({ targetType: 'GUIDE_ARTICLE', targetId: article.id, action: 'HIDE', decisionId }, author.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const first = await apply({ targetType: 'GUIDE_ARTICLE', targetId: article.id, action: 'HIDE', decisionId });
    expect(first.errors).toBeUndefined();
    const second = await apply({ targetType: 'GUIDE_ARTICLE', targetId: article.id, action: 'HIDE', decisionId });
    expect(second.data!.applyGuideModerationAction).toEqual(first.data!.applyGuideModerationAction);

    expect(await listed()).not.toContain(article.id);
    expect(await listed(author.token)).not.toContain(article.id);
    expect(await found()).not.toContain(article.id);
    expect((await system.gql<{ guideArticle: unknown }>(ARTICLE, { id: article.id })).data!.guideArticle).toBeNull();
    expect((await system.gql<{ guideArticle: unknown }>(ARTICLE, { id: article.id }, author.token)).data!.guideArticle).toBeNull();
    expect(await pdf()).not.toContain('ressourcerie');
    expect(await listed(staff.token)).toContain(article.id);
    expect(await found(staff.token)).toContain(article.id);
    expect((await system.gql<{ guideArticle: unknown }>(ARTICLE, { id: article.id }, staff.token)).data!.guideArticle).toEqual({
      id: article.id,
      moderationState: 'HIDDEN',
    });

    expect((await apply({ targetType: 'GUIDE_ARTICLE', targetId: article.id, action: 'RESTORE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect(await listed()).toContain(article.id);
    expect((await system.gql<{ guideArticle: unknown }>(ARTICLE, { id: article.id })).data!.guideArticle).toEqual({
      id: article.id,
      moderationState: null,
    });
  });

  it('HIDE takes a veille item out of watchItems and watchItem(id) for all but staff', async () => {
    const submitted = await system.gql<{ submitWatchItem: { id: string } }>(
      `mutation { submitWatchItem(input: { url: "https://example.org/moderation-veille", title: "Une initiative à Montreuil" }) { id } }`,
      {},
      author.token,
    );
    const itemId = submitted.data!.submitWatchItem.id;
    expect(
      (await system.gql(`mutation($id: ID!) { curateWatchItem(id: $id, status: SELECTED) { id } }`, { id: itemId }, staff.token)).errors,
    ).toBeUndefined();
    const listed = async (token?: string) =>
      (await system.gql<{ watchItems: { edges: { node: { id: string } }[] } }>(ITEMS, {}, token)).data!.watchItems.edges.map((e) => e.node.id);
    expect(await listed()).toContain(itemId);

    expect((await apply({ targetType: 'WATCH_ITEM', targetId: itemId, action: 'HIDE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect(await listed()).not.toContain(itemId);
    expect(await listed(author.token)).not.toContain(itemId);
    expect((await system.gql<{ watchItem: unknown }>(ITEM, { id: itemId }, author.token)).data!.watchItem).toBeNull();
    expect(await listed(staff.token)).toContain(itemId);
    expect((await system.gql<{ watchItem: unknown }>(ITEM, { id: itemId }, staff.token)).data!.watchItem).toEqual({
      id: itemId,
      moderationState: 'HIDDEN',
    });

    const wrong = await apply({ targetType: 'WATCH_ITEM', targetId: itemId, action: 'BAN', decisionId: randomUUID() });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
    expect((await apply({ targetType: 'WATCH_ITEM', targetId: itemId, action: 'RESTORE', decisionId: randomUUID() })).errors).toBeUndefined();
    expect(await listed()).toContain(itemId);
  });
});
