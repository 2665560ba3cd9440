import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import type { QueryRunner } from 'typeorm';
import { WatchSelectedMs1764900000000 } from '../src/db/migrations/1764900000000-watch-selected-ms';

const ITEM_FIELDS = 'id title status publishedAt selectedAt';
const LIST = `query($filter: WatchItemFilter, $first: Int, $after: String) {
  watchItems(filter: $filter, first: $first, after: $after) { edges { cursor node { ${ITEM_FIELDS} } } pageInfo { hasNextPage endCursor } totalCount }
}`;
const CURATE = `mutation($id: ID!, $status: WatchItemStatus!, $note: String) { curateWatchItem(id: $id, status: $status, note: $note) { ${ITEM_FIELDS} } }`;

interface Item {
  id: string;
  title: string;
  status: string;
  publishedAt: string;
  selectedAt: string | null;
}
interface ItemList {
  watchItems: { edges: { cursor: string; node: Item }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };
}

/** The digest's question: what did the staff select since an instant? */
describe('guide: the veille by selection time (selectedSince, selectedAt)', () => {
  let system: TestSystem;
  let member: TestMember;
  let staff: TestMember;
  const ids: Record<string, string> = {};
  let since: string;

  const list = (filter: Record<string, unknown>, token?: string, extra: Record<string, unknown> = {}) =>
    system.gql<ItemList>(LIST, { filter, ...extra }, token);
  const titles = (res: { data?: ItemList | null; errors?: unknown }) => {
    expect(res.errors).toBeUndefined();
    return res.data!.watchItems.edges.map((e) => e.node.title);
  };
  const curate = async (title: string, status: string, note?: string) => {
    const res = await system.gql<{ curateWatchItem: Item }>(CURATE, { id: ids[title], status, note }, staff.token);
    expect(res.errors).toBeUndefined();
    return res.data!.curateWatchItem;
  };

  beforeAll(async () => {
    system = await startTestSystem();
    [member, staff] = await Promise.all([system.signUp(), system.signUp({ role: 'STAFF' })]);
    const systemToken = await system.systemToken();
    const added = await system.gql<{ addWatchSource: { id: string } }>(
      `mutation($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`,
      { input: { name: 'Est Ensemble', feedUrl: 'https://est-ensemble.fr/feed', themes: ['ENVIRONNEMENT'] } },
      staff.token,
    );
    const entries = [
      ['ancienne', '2020-01-15T10:00:00.000Z'],
      ['veille-semaine', '2026-11-01T10:00:00.000Z'],
      ['c', '2026-11-02T10:00:00.000Z'],
      ['d', '2026-11-03T10:00:00.000Z'],
      ['e', '2026-11-04T10:00:00.000Z'],
      ['ecartee', '2026-11-05T10:00:00.000Z'],
      ['nouvelle', '2026-11-06T10:00:00.000Z'],
    ].map(([title, publishedAt]) => ({ url: `https://est-ensemble.fr/actu/${title}`, title: `Initiative ${title}`, publishedAt }));
    const ingested = await system.gql<{ ingestWatchItems: { created: { id: string; title: string }[] } }>(
      `mutation($sourceId: ID!, $items: [IngestWatchItemInput!]!) { ingestWatchItems(sourceId: $sourceId, items: $items) { created { id title } } }`,
      { sourceId: added.data!.addWatchSource.id, items: entries },
      systemToken,
    );
    for (const item of ingested.data!.ingestWatchItems.created) ids[item.title.replace('Initiative ', '')] = item.id;
    expect(Object.keys(ids)).toHaveLength(7);
  });
  afterAll(() => system?.stop());

  it('gives the selection time of selected items only', async () => {
    // Selection times are the run's clock's, to the millisecond.
    const before = system.clock.now().getTime();
    const selected = await curate('veille-semaine', 'SELECTED');
    expect(selected.status).toBe('SELECTED');
    expect(Date.parse(selected.selectedAt!)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(selected.selectedAt!)).toBeLessThanOrEqual(system.clock.now().getTime());
    // Selected a day ago: before the instant the digest will ask from (to the microsecond, like a time written before
    // the migration that rounds them).
    await system.db.query(
      `UPDATE guide.watch_items SET curated_at = date_trunc('milliseconds', $2::timestamptz) - interval '1 day' + interval '250 microseconds' WHERE id = $1`,
      [ids['veille-semaine'], system.clock.now()],
    );
    since = new Date(system.clock.now().getTime() - 3_600_000).toISOString();

    await curate('ancienne', 'SELECTED');
    for (const t of ['c', 'd', 'e']) await curate(t, 'SELECTED');
    const dismissed = await curate('ecartee', 'DISMISSED');
    expect(dismissed.selectedAt).toBeNull();

    const staffView = await list({}, staff.token, { first: 20 });
    const byTitle = new Map(staffView.data!.watchItems.edges.map((e) => [e.node.title, e.node]));
    expect(byTitle.get('Initiative nouvelle')).toMatchObject({ status: 'NEW', selectedAt: null });
    expect(byTitle.get('Initiative ecartee')).toMatchObject({ status: 'DISMISSED', selectedAt: null });
    expect(byTitle.get('Initiative ancienne')!.selectedAt).not.toBeNull();
    // Members see the selection time too (they see selected items only).
    const one = await system.gql<{ watchItem: Item }>(
      `query($id: ID!) { watchItem(id: $id) { ${ITEM_FIELDS} } }`,
      { id: ids.ancienne },
      member.token,
    );
    expect(one.data!.watchItem.selectedAt).toBe(byTitle.get('Initiative ancienne')!.selectedAt);
  });

  it('lists the items selected since an instant, newest selection first, whatever their publication date', async () => {
    for (const token of [member.token, staff.token, undefined]) {
      const res = await list({ selectedSince: since }, token);
      // 'ancienne' was published in 2020 but selected now; 'veille-semaine' was selected a day ago; the dismissed and
      // the new items are not selected.
      expect(titles(res)).toEqual(['Initiative e', 'Initiative d', 'Initiative c', 'Initiative ancienne']);
      expect(res.data!.watchItems.totalCount).toBe(4);
    }
    expect(titles(await list({ selectedSince: new Date(system.clock.now().getTime() - 2 * 86_400_000).toISOString() }, member.token))).toContain(
      'Initiative veille-semaine',
    );
    // selectedSince implies SELECTED.
    expect(titles(await list({ selectedSince: since, status: 'NEW' }, staff.token))).toEqual([]);
    expect(titles(await list({ selectedSince: since, status: 'DISMISSED' }, staff.token))).toEqual([]);
    expect(titles(await list({ selectedSince: new Date(system.clock.now().getTime() + 60_000).toISOString() }, member.token))).toEqual([]);
  });

  it('keeps the selection time when a selected item is selected again (a new note)', async () => {
    const before = (await list({ selectedSince: since }, staff.token)).data!.watchItems.edges.find((e) => e.node.id === ids.c)!.node.selectedAt;
    const again = await curate('c', 'SELECTED', 'Pour la lettre');
    expect(again.selectedAt).toBe(before);
    // Dismissed then selected again: a new selection.
    await curate('c', 'DISMISSED');
    const reselected = await curate('c', 'SELECTED');
    expect(Date.parse(reselected.selectedAt!)).toBeGreaterThan(Date.parse(before!));
    expect(titles(await list({ selectedSince: since }, member.token))[0]).toBe('Initiative c');
  });

  it('keeps selection times to the millisecond, as the cursors carry them', async () => {
    const withMicroseconds = async () =>
      (
        await system.db.query<{ id: string }>(
          `SELECT id FROM guide.watch_items WHERE curated_at IS NOT NULL AND curated_at <> date_trunc('milliseconds', curated_at)`,
        )
      ).rows.map((r) => r.id);
    const curated = await system.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM guide.watch_items WHERE curated_at IS NOT NULL`);
    expect(curated.rows[0]!.n).toBe(6);
    // Every time written by curateWatchItem is rounded; 'veille-semaine' was moved by SQL to a time with microseconds.
    expect(await withMicroseconds()).toEqual([ids['veille-semaine']]);
    await new WatchSelectedMs1764900000000().up({ query: (sql: string) => system.db.query(sql) } as unknown as QueryRunner);
    expect(await withMicroseconds()).toEqual([]);
  });

  it('pages through every selected item once, even when selections share a millisecond', async () => {
    // c, d and e selected in the same millisecond: the id orders them, and the cursor carries both.
    await system.db.query(`UPDATE guide.watch_items SET curated_at = date_trunc('milliseconds', $2::timestamptz) WHERE id = ANY($1::uuid[])`, [
      [ids.c, ids.d, ids.e],
      system.clock.now(),
    ]);
    const expected = titles(await list({ selectedSince: since }, member.token, { first: 100 }));
    expect(expected).toHaveLength(4);
    expect(expected.slice(0, 3).sort()).toEqual(['Initiative c', 'Initiative d', 'Initiative e']);
    for (const first of [1, 2]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const res: Awaited<ReturnType<typeof list>> = await list({ selectedSince: since }, member.token, { first, after });
        seen.push(...titles(res));
        if (!res.data!.watchItems.pageInfo.hasNextPage) break;
        after = res.data!.watchItems.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
  });
});
