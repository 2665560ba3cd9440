import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes } from './helpers';

const SOURCE_FIELDS = 'id name feedUrl themes communes { code } active lastFetchedAt lastError';
const ITEM_FIELDS = 'id title url summary publishedAt communes { code } themes status curatedBy { id } curationNote submittedBy { id } source { id }';
const ADD = `mutation($input: AddWatchSourceInput!) { addWatchSource(input: $input) { ${SOURCE_FIELDS} } }`;
const INGEST = `mutation($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {
  ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) { created { ${ITEM_FIELDS} } skipped source { ${SOURCE_FIELDS} } }
}`;
const SUBMIT = `mutation($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { ${ITEM_FIELDS} } }`;
const CURATE = `mutation($id: ID!, $status: WatchItemStatus!, $note: String) { curateWatchItem(id: $id, status: $status, note: $note) { ${ITEM_FIELDS} } }`;
const LIST = `query($filter: WatchItemFilter, $first: Int, $after: String) {
  watchItems(filter: $filter, first: $first, after: $after) { edges { node { ${ITEM_FIELDS} } } pageInfo { hasNextPage endCursor } totalCount }
}`;

interface Item {
  id: string;
  title: string;
  url: string;
  publishedAt: string;
  status: string;
  communes: { code: string }[];
  themes: string[];
  curatedBy: { id: string } | null;
  curationNote: string | null;
  submittedBy: { id: string } | null;
  source: { id: string } | null;
}
interface Source {
  id: string;
  active: boolean;
  lastFetchedAt: string | null;
  lastError: string | null;
}
interface Ingested {
  ingestWatchItems: { created: Item[]; skipped: number; source: Source };
}
interface ItemList {
  watchItems: { edges: { node: Item }[]; pageInfo: { hasNextPage: boolean; endCursor: string }; totalCount: number };
}

describe('guide: the veille', () => {
  let system: TestSystem;
  let member: TestMember;
  let otherMember: TestMember;
  let staff: TestMember;
  let systemToken: string;
  let source: Source;
  /** When the feed published its two entries: three and two days before the run's clock (a member's submission is dated by that clock). */
  let published: { jardins: Date; velo: Date };

  beforeAll(async () => {
    system = await startTestSystem();
    [member, otherMember, staff] = await Promise.all([system.signUp(), system.signUp(), system.signUp({ role: 'STAFF' })]);
    systemToken = await system.systemToken();
    const day = 86_400_000;
    const now = Math.floor(system.clock.now().getTime() / 1000) * 1000;
    published = { jardins: new Date(now - 3 * day), velo: new Date(now - 2 * day) };
  });
  afterAll(() => system?.stop());

  const titles = (res: { data?: ItemList | null }) => res.data!.watchItems.edges.map((e) => e.node.title);

  it('lets the staff manage the feeds, and nobody else see them', async () => {
    const input = {
      name: 'Plaine Commune, actualités',
      feedUrl: 'https://plainecommune.fr/actualites/feed',
      themes: ['URBANISME'],
      communeCodes: ['93066'],
    };
    expect(codes(await system.gql(ADD, { input }, member.token))).toEqual(['FORBIDDEN']);
    const added = await system.gql<{ addWatchSource: Source & Record<string, unknown> }>(ADD, { input }, staff.token);
    expect(added.errors).toBeUndefined();
    source = added.data!.addWatchSource;
    expect(source).toMatchObject({ name: input.name, themes: ['URBANISME'], communes: [{ code: '93066' }], active: true, lastFetchedAt: null });
    expect(codes(await system.gql(ADD, { input }, staff.token))).toEqual(['CONFLICT']);
    const badCommune = await system.gql(ADD, { input: { ...input, feedUrl: 'https://x.fr/rss', communeCodes: ['1'] } }, staff.token);
    expect(badCommune.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communeCodes' });

    const list = `{ watchSources { id name } }`;
    expect(codes(await system.gql(list))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await system.gql(list, {}, member.token))).toEqual(['FORBIDDEN']);
    expect((await system.gql<{ watchSources: { id: string }[] }>(list, {}, staff.token)).data!.watchSources.map((s) => s.id)).toEqual([source.id]);

    const renamed = await system.gql<{ updateWatchSource: { name: string; themes: string[] } }>(
      `mutation($id: ID!) { updateWatchSource(id: $id, input: { name: "Plaine Commune", themes: [URBANISME, LOGEMENT] }) { name themes } }`,
      { id: source.id },
      staff.token,
    );
    expect(renamed.data?.updateWatchSource).toEqual({ name: 'Plaine Commune', themes: ['URBANISME', 'LOGEMENT'] });
  });

  it('imports feed entries for the platform only, idempotently by normalised URL, tagging communes', async () => {
    const items = [
      {
        url: 'https://Plainecommune.fr/actu/jardins/?utm_source=rss',
        title: "Des jardins partagés à l'ile saint denis",
        summary: 'Les habitants plantent.',
        publishedAt: published.jardins.toISOString(),
        themes: ['ENVIRONNEMENT'],
      },
      { url: 'https://plainecommune.fr/actu/velo', title: 'Une vélorue à Aubervilliers', publishedAt: published.velo.toISOString() },
    ];
    expect(codes(await system.gql(INGEST, { sourceId: source.id, items }, member.token))).toEqual(['FORBIDDEN']);
    expect(codes(await system.gql(INGEST, { sourceId: source.id, items }, staff.token))).toEqual(['FORBIDDEN']);
    expect(codes(await system.gql(INGEST, { sourceId: source.id, items }))).toEqual(['UNAUTHENTICATED']);

    const first = await system.gql<Ingested>(INGEST, { sourceId: source.id, items }, systemToken);
    expect(first.errors).toBeUndefined();
    const { created, skipped } = first.data!.ingestWatchItems;
    expect(skipped).toBe(0);
    expect(created.map((i) => i.title)).toEqual(['Une vélorue à Aubervilliers', "Des jardins partagés à l'ile saint denis"]);
    const jardins = created[1]!;
    expect(jardins.communes.map((c) => c.code).sort()).toEqual(['93039', '93066']);
    expect(jardins.themes.sort()).toEqual(['ENVIRONNEMENT', 'LOGEMENT', 'URBANISME']);
    expect(jardins).toMatchObject({ status: 'NEW', submittedBy: null, source: { id: source.id } });
    expect(created[0]!.communes.map((c) => c.code).sort()).toEqual(['93001', '93066']);
    expect(first.data!.ingestWatchItems.source.lastFetchedAt).not.toBeNull();

    const again = await system.gql<Ingested>(
      INGEST,
      {
        sourceId: source.id,
        items: [
          { ...items[0], url: 'https://plainecommune.fr/actu/jardins#commentaires' },
          { ...items[1], url: 'HTTPS://PLAINECOMMUNE.FR/actu/velo/?utm_medium=feed&utm_campaign=x' },
        ],
      },
      systemToken,
    );
    expect(again.data!.ingestWatchItems).toMatchObject({ created: [], skipped: 2 });
    const { rows } = await system.db.query('SELECT count(*)::int AS n FROM guide.watch_items');
    expect(rows[0].n).toBe(2);
  });

  it('records a failed fetch, and refuses imports for a paused source', async () => {
    const failed = await system.gql<Ingested>(INGEST, { sourceId: source.id, items: [], error: 'HTTP 503' }, systemToken);
    expect(failed.data!.ingestWatchItems.source.lastError).toBe('HTTP 503');
    const ok = await system.gql<Ingested>(INGEST, { sourceId: source.id, items: [] }, systemToken);
    expect(ok.data!.ingestWatchItems.source.lastError).toBeNull();

    const paused = await system.gql<{ pauseWatchSource: Source }>(
      `mutation($id: ID!) { pauseWatchSource(id: $id) { id active } }`,
      { id: source.id },
      staff.token,
    );
    expect(paused.data!.pauseWatchSource.active).toBe(false);
    const refused = await system.gql(INGEST, { sourceId: source.id, items: [{ url: 'https://a.fr/b', title: 'Titre' }] }, systemToken);
    expect(codes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toMatch(/en pause/);
    // The feed poller (system token) lists the running sources only.
    const running = `{ watchSources(active: true) { id } }`;
    expect((await system.gql<{ watchSources: unknown[] }>(running, {}, systemToken)).data!.watchSources).toEqual([]);
    const resumed = await system.gql<{ updateWatchSource: Source }>(
      `mutation($id: ID!) { updateWatchSource(id: $id, input: { active: true }) { id active } }`,
      { id: source.id },
      staff.token,
    );
    expect(resumed.data!.updateWatchSource.active).toBe(true);
    expect((await system.gql<{ watchSources: unknown[] }>(running, {}, systemToken)).data!.watchSources).toEqual([{ id: source.id }]);
  });

  it('lets members submit initiatives, refusing a known URL with CONFLICT naming the existing item', async () => {
    const input = {
      url: 'https://www.leparisien.fr/seine-saint-denis-93/montreuil-une-recyclerie.php?utm_source=twitter',
      title: 'Une recyclerie ouvre à Montreuil',
      summary: 'Portée par des habitant·es du Bas-Montreuil.',
      communeCodes: ['93010'],
      themes: ['ENVIRONNEMENT'],
    };
    expect(codes(await system.gql(SUBMIT, { input }))).toEqual(['UNAUTHENTICATED']);
    const submitting = system.clock.now().getTime();
    const submitted = await system.gql<{ submitWatchItem: Item }>(SUBMIT, { input }, member.token);
    expect(submitted.errors).toBeUndefined();
    const item = submitted.data!.submitWatchItem;
    // Without a publication date of its own, a submission is dated by the run's clock.
    expect(Date.parse(item.publishedAt)).toBeGreaterThanOrEqual(submitting);
    expect(Date.parse(item.publishedAt)).toBeLessThanOrEqual(system.clock.now().getTime());
    expect(item).toMatchObject({ status: 'NEW', submittedBy: { id: member.id }, source: null, themes: ['ENVIRONNEMENT'] });
    // Given (Bondy) and found in the text (Montreuil; not Saint-Denis from "seine-saint-denis" in the URL).
    expect(item.communes.map((c) => c.code).sort()).toEqual(['93010', '93048']);

    const dup = await system.gql(
      SUBMIT,
      { input: { ...input, url: 'https://WWW.LEPARISIEN.FR/seine-saint-denis-93/montreuil-une-recyclerie.php#top', title: 'Autre titre' } },
      otherMember.token,
    );
    expect(codes(dup)).toEqual(['CONFLICT']);
    expect(dup.errors![0]!.message).toContain('« Une recyclerie ouvre à Montreuil »');
    expect(dup.errors![0]!.extensions!.existingItemId).toBe(item.id);

    // One by one, a NEW item is visible to its submitter and the staff only.
    const one = `query($id: ID!) { watchItem(id: $id) { id status } }`;
    expect((await system.gql<{ watchItem: unknown }>(one, { id: item.id }, member.token)).data!.watchItem).toEqual({ id: item.id, status: 'NEW' });
    expect((await system.gql<{ watchItem: unknown }>(one, { id: item.id }, staff.token)).data!.watchItem).toEqual({ id: item.id, status: 'NEW' });
    expect((await system.gql<{ watchItem: unknown }>(one, { id: item.id }, otherMember.token)).data!.watchItem).toBeNull();
    expect((await system.gql<{ watchItem: unknown }>(one, { id: item.id })).data!.watchItem).toBeNull();

    const badUrl = await system.gql(SUBMIT, { input: { ...input, url: 'ftp://example.org/x' } }, member.token);
    expect(badUrl.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
    const badCommune = await system.gql(SUBMIT, { input: { ...input, url: 'https://example.org/y', communeCodes: ['99999'] } }, member.token);
    expect(badCommune.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communeCodes' });
  });

  it('shows members and visitors the selected items only; staff curate and see everything', async () => {
    const staffAll = await system.gql<ItemList>(LIST, {}, staff.token);
    expect(staffAll.data!.watchItems.totalCount).toBe(3);
    expect((await system.gql<ItemList>(LIST, {}, member.token)).data!.watchItems.totalCount).toBe(0);
    expect((await system.gql<ItemList>(LIST, {})).data!.watchItems.totalCount).toBe(0);

    const recyclerie = staffAll.data!.watchItems.edges.find((e) => e.node.title.includes('recyclerie'))!.node;
    const velo = staffAll.data!.watchItems.edges.find((e) => e.node.title.includes('vélorue'))!.node;
    expect(codes(await system.gql(CURATE, { id: recyclerie.id, status: 'SELECTED' }, member.token))).toEqual(['FORBIDDEN']);
    const curated = await system.gql<{ curateWatchItem: Item }>(
      CURATE,
      { id: recyclerie.id, status: 'SELECTED', note: 'Pour la lettre de décembre' },
      staff.token,
    );
    expect(curated.data!.curateWatchItem).toMatchObject({
      status: 'SELECTED',
      curatedBy: { id: staff.id },
      curationNote: 'Pour la lettre de décembre',
    });
    await system.gql(CURATE, { id: velo.id, status: 'SELECTED' }, staff.token);
    const jardins = staffAll.data!.watchItems.edges.find((e) => e.node.title.includes('jardins'))!.node;
    await system.gql(CURATE, { id: jardins.id, status: 'DISMISSED' }, staff.token);

    for (const token of [undefined, otherMember.token]) {
      const seen = await system.gql<ItemList>(LIST, {}, token);
      expect(seen.errors).toBeUndefined();
      // Newest first: the member's submission (dated by the clock) before the feed entry of two days before.
      expect(titles(seen)).toEqual(['Une recyclerie ouvre à Montreuil', 'Une vélorue à Aubervilliers']);
      expect(seen.data!.watchItems.edges[0]!.node).toMatchObject({ curatedBy: null, curationNote: null, submittedBy: null, source: null });
      expect(titles(await system.gql<ItemList>(LIST, { filter: { status: 'DISMISSED' } }, token))).toEqual([]);
    }
    const bySubmitter = await system.gql<ItemList>(LIST, {}, member.token);
    expect(bySubmitter.data!.watchItems.edges[0]!.node.submittedBy).toEqual({ id: member.id });

    expect(titles(await system.gql<ItemList>(LIST, { filter: { status: 'DISMISSED' } }, staff.token))).toEqual([
      "Des jardins partagés à l'ile saint denis",
    ]);
    expect(titles(await system.gql<ItemList>(LIST, { filter: { status: 'NEW' } }, staff.token))).toEqual([]);
  });

  it('filters by theme, commune, territory and date, and pages newest first', async () => {
    const list = (filter: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      system.gql<ItemList>(LIST, { filter, ...extra }, staff.token);
    expect(titles(await list({ theme: 'ENVIRONNEMENT' }))).toEqual(['Une recyclerie ouvre à Montreuil', "Des jardins partagés à l'ile saint denis"]);
    expect(titles(await list({ communeCode: '93001' }))).toEqual(['Une vélorue à Aubervilliers']);
    // Est Ensemble: Montreuil, Bondy...
    expect(titles(await list({ territoryCode: '200057875' }))).toEqual(['Une recyclerie ouvre à Montreuil']);
    // Since ten hours before the vélorue's publication: the jardins (a day older) are left out.
    const since = new Date(published.velo.getTime() - 10 * 3_600_000).toISOString();
    expect(titles(await list({ since }))).toEqual(['Une recyclerie ouvre à Montreuil', 'Une vélorue à Aubervilliers']);
    const first = await list({}, { first: 2 });
    expect(first.data!.watchItems.pageInfo.hasNextPage).toBe(true);
    const second = await list({}, { first: 2, after: first.data!.watchItems.pageInfo.endCursor });
    expect(titles(second)).toEqual(["Des jardins partagés à l'ile saint denis"]);
    expect(second.data!.watchItems.pageInfo.hasNextPage).toBe(false);
  });
});
