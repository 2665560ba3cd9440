import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes } from './helpers';

const ITEM_FIELDS = 'id title status communes { code } themes curatedBy { id } curationNote';
const INGEST = `mutation($sourceId: ID!, $items: [IngestWatchItemInput!]!) {
  ingestWatchItems(sourceId: $sourceId, items: $items) { created { ${ITEM_FIELDS} } }
}`;
const CURATE_MANY = `mutation($ids: [ID!]!, $status: WatchItemStatus!, $note: String) {
  curateWatchItems(ids: $ids, status: $status, note: $note) { ${ITEM_FIELDS} }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateWatchItemInput!) { updateWatchItem(id: $id, input: $input) { ${ITEM_FIELDS} } }`;
const ITEM = `query($id: ID!) { watchItem(id: $id) { ${ITEM_FIELDS} } }`;

interface Item {
  id: string;
  title: string;
  status: string;
  communes: { code: string }[];
  themes: string[];
  curatedBy: { id: string } | null;
  curationNote: string | null;
}

describe('guide: the staff curate the veille in bulk and correct its communes', () => {
  let system: TestSystem;
  let member: TestMember;
  let staff: TestMember;
  let items: Item[];

  beforeAll(async () => {
    system = await startTestSystem();
    [member, staff] = await Promise.all([system.signUp(), system.signUp({ role: 'STAFF' })]);
    const source = await system.gql<{ addWatchSource: { id: string } }>(
      `mutation($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`,
      { input: { name: 'Est Ensemble, actualités', feedUrl: 'https://est-ensemble.example.org/feed' } },
      staff.token,
    );
    const ingested = await system.gql<{ ingestWatchItems: { created: Item[] } }>(
      INGEST,
      {
        sourceId: source.data!.addWatchSource.id,
        items: [
          { url: 'https://est-ensemble.example.org/a', title: 'Un jardin partagé ouvre à Montreuil' },
          { url: 'https://est-ensemble.example.org/b', title: 'Une ressourcerie à Bagnolet' },
          { url: 'https://est-ensemble.example.org/c', title: 'Le vélo-école de Pantin recrute' },
        ],
      },
      await system.systemToken(),
    );
    expect(ingested.errors).toBeUndefined();
    // In the feed's order (the poller's answer is ordered by publication time, equal here).
    const created = ingested.data!.ingestWatchItems.created;
    items = ['Montreuil', 'Bagnolet', 'Pantin'].map((name) => created.find((i) => i.title.includes(name))!);
    expect(items.map((i) => i.communes.map((c) => c.code))).toEqual([['93048'], ['93006'], ['93055']]);
  });
  afterAll(() => system?.stop());

  const item = async (id: string) => (await system.gql<{ watchItem: Item }>(ITEM, { id }, staff.token)).data!.watchItem;

  it('refuses members and visitors', async () => {
    const ids = [items[0]!.id];
    expect(codes(await system.gql(CURATE_MANY, { ids, status: 'DISMISSED' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await system.gql(CURATE_MANY, { ids, status: 'DISMISSED' }, member.token))).toEqual(['FORBIDDEN']);
    expect(codes(await system.gql(UPDATE, { id: items[0]!.id, input: { communeCodes: ['93048'] } }, member.token))).toEqual(['FORBIDDEN']);
    expect((await item(items[0]!.id)).status).toBe('NEW');
  });

  it('changes nothing when one id of the batch is unknown (all or nothing)', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await system.gql(CURATE_MANY, { ids: [items[0]!.id, unknown], status: 'DISMISSED' }, staff.token);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'ids' });
    expect(res.errors![0]!.message).toMatch(/rien n'a été changé/);
    const notUuid = await system.gql(CURATE_MANY, { ids: [items[0]!.id, 'nope'], status: 'DISMISSED' }, staff.token);
    expect(notUuid.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'ids' });
    expect((await item(items[0]!.id)).status).toBe('NEW');
    const empty = await system.gql(CURATE_MANY, { ids: [], status: 'DISMISSED' }, staff.token);
    expect(empty.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
  });

  it('dismisses two items in one request, in the order asked, and selects the third', async () => {
    const ids = [items[1]!.id, items[0]!.id];
    const res = await system.gql<{ curateWatchItems: Item[] }>(CURATE_MANY, { ids, status: 'DISMISSED', note: '  Hors Métropole  ' }, staff.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.curateWatchItems.map((i) => [i.id, i.status, i.curationNote, i.curatedBy?.id])).toEqual([
      [items[1]!.id, 'DISMISSED', 'Hors Métropole', staff.id],
      [items[0]!.id, 'DISMISSED', 'Hors Métropole', staff.id],
    ]);
    expect((await item(items[2]!.id)).status).toBe('NEW');
    const selected = await system.gql<{ curateWatchItems: Item[] }>(CURATE_MANY, { ids: [items[2]!.id], status: 'SELECTED' }, staff.token);
    expect(selected.data!.curateWatchItems.map((i) => i.status)).toEqual(['SELECTED']);
    // Members now see the selected item, and only it.
    const seen = await system.gql<{ watchItems: { edges: { node: { id: string } }[] } }>(
      `{ watchItems { edges { node { id } } } }`,
      {},
      member.token,
    );
    expect(seen.data!.watchItems.edges.map((e) => e.node.id)).toEqual([items[2]!.id]);
  });

  it('lets the staff correct the communes detected, against the official reference', async () => {
    const pantin = items[2]!;
    expect(pantin.communes.map((c) => c.code)).toEqual(['93055']);
    const bad = await system.gql(UPDATE, { id: pantin.id, input: { communeCodes: ['93055', '99999'] } }, staff.token);
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.communeCodes' });
    expect((await item(pantin.id)).communes.map((c) => c.code)).toEqual(['93055']);
    const fixed = await system.gql<{ updateWatchItem: Item }>(
      UPDATE,
      { id: pantin.id, input: { communeCodes: ['93048', '93055', '93048'] } },
      staff.token,
    );
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data!.updateWatchItem.communes.map((c) => c.code).sort()).toEqual(['93048', '93055']);
    // Themes left out keep their value; the status is untouched.
    expect(fixed.data!.updateWatchItem).toMatchObject({ status: 'SELECTED', themes: pantin.themes });
    const byCommune = await system.gql<{ watchItems: { edges: { node: { id: string } }[] } }>(
      `{ watchItems(filter: { communeCode: "93048" }) { edges { node { id } } } }`,
    );
    expect(byCommune.data!.watchItems.edges.map((e) => e.node.id)).toEqual([pantin.id]);
    expect(codes(await system.gql(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { communeCodes: [] } }, staff.token))).toEqual([
      'NOT_FOUND',
    ]);
  });
});
