import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes, createArticle, publishArticle } from './helpers';

const ERASE = `mutation($memberId: ID!) { eraseMemberFromGuide(memberId: $memberId) }`;

describe('guide: forgetting an erased member', () => {
  let system: TestSystem;
  let leaving: TestMember;
  let staying: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [leaving, staying, staff] = await Promise.all([system.signUp(), system.signUp(), system.signUp({ role: 'STAFF' })]);
  });
  afterAll(() => system?.stop());

  it('deletes their own drafts, keeps published fiches without their name, and anonymises revisions and submissions', async () => {
    const draft = await createArticle(system, leaving.token, { title: 'Mon brouillon personnel' });
    const published = await createArticle(system, leaving.token, { title: 'Fiche publiée', body: 'v1' });
    // Edited before publication: the edit is live at once and keeps a revision (an edit of a published fiche by a
    // member waits for staff instead: proposed-revisions.test.ts).
    const edit = await system.gql(
      `mutation($id: ID!) { updateGuideArticle(id: $id, input: { expectedVersion: 1, body: "v2" }) { version } }`,
      { id: published.id },
      leaving.token,
    );
    expect(edit.errors).toBeUndefined();
    await publishArticle(system, staff.token, published.id);
    const kept = await createArticle(system, staying.token, { title: 'Fiche de quelqu’un d’autre' });
    const submitted = await system.gql<{ submitWatchItem: { id: string } }>(
      `mutation { submitWatchItem(input: { url: "https://example.org/initiative", title: "Une initiative" }) { id } }`,
      {},
      leaving.token,
    );
    expect(submitted.errors).toBeUndefined();

    expect(codes(await system.gql(ERASE, { memberId: leaving.id }, staff.token))).toEqual(['FORBIDDEN']);
    const token = await system.systemToken();
    for (let i = 0; i < 2; i += 1) {
      const res = await system.gql<{ eraseMemberFromGuide: boolean }>(ERASE, { memberId: leaving.id }, token);
      expect(res.data?.eraseMemberFromGuide).toBe(true);
    }

    const { rows: articles } = await system.db.query('SELECT id, author_ids FROM guide.articles ORDER BY title');
    expect(articles.map((a) => a.id).sort()).toEqual([published.id, kept.id].sort());
    expect(articles.find((a) => a.id === published.id)!.author_ids).toEqual([]);
    expect(articles.find((a) => a.id === kept.id)!.author_ids).toEqual([staying.id]);
    expect(articles.map((a) => a.id)).not.toContain(draft.id);
    const { rows: revisions } = await system.db.query('SELECT edited_by FROM guide.article_revisions WHERE article_id = $1', [published.id]);
    expect(revisions).toEqual([{ edited_by: null }]);
    const { rows: items } = await system.db.query('SELECT submitted_by FROM guide.watch_items WHERE id = $1', [submitted.data!.submitWatchItem.id]);
    expect(items).toEqual([{ submitted_by: null }]);

    const read = await system.gql<{ guideArticle: { authors: unknown[] } }>(`query($id: ID) { guideArticle(id: $id) { authors { id } } }`, {
      id: published.id,
    });
    expect(read.data?.guideArticle.authors).toEqual([]);
  });
});
