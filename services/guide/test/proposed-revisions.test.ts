import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes, createArticle, publishArticle } from './helpers';

const PROPOSAL_FIELDS = `id status baseVersion title summary body bodyHtml steps { title text } communes { code } proposedBy { id }
  rejectionReason reviewedBy { id } reviewedAt article { id title }`;
const READ = `query($id: ID!) { guideArticle(id: $id) { id title summary body version status
  revisions { version title editedBy { id } }
  pendingRevision { ${PROPOSAL_FIELDS} }
  proposedRevisions { id status rejectionReason } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateGuideArticleInput!) { updateGuideArticle(id: $id, input: $input) {
  id title body version pendingRevision { ${PROPOSAL_FIELDS} } } }`;
const APPROVE = `mutation($id: ID!) { approveGuideArticleRevision(id: $id) { ${PROPOSAL_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectGuideArticleRevision(id: $id, reason: $reason) { ${PROPOSAL_FIELDS} } }`;
const TO_REVIEW = `{ guideRevisionsToReview(first: 100) { edges { node { id article { id } } } totalCount } }`;

interface Proposal {
  id: string;
  status: string;
  baseVersion: number;
  title: string;
  summary: string;
  body: string;
  proposedBy: { id: string } | null;
  rejectionReason: string | null;
  reviewedBy: { id: string } | null;
  article: { id: string; title: string } | null;
}
interface Read {
  id: string;
  title: string;
  summary: string;
  body: string;
  version: number;
  revisions: { version: number; title: string; editedBy: { id: string } | null }[];
  pendingRevision: Proposal | null;
  proposedRevisions: { id: string; status: string; rejectionReason: string | null }[];
}

/**
 * A member (not staff) editing a published fiche proposes a revision: staff review it before visitors see it, and the
 * published text stays visible meanwhile.
 */
describe('edits of a published fiche by its authors go back to review', () => {
  let system: TestSystem;
  let staff: TestMember;
  let author: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    staff = await system.signUp({ role: 'STAFF' });
    author = await system.signUp();
    other = await system.signUp();
  });
  afterAll(async () => {
    await system?.stop();
  });

  const read = async (id: string, token?: string) => (await system.gql<{ guideArticle: Read | null }>(READ, { id }, token)).data!.guideArticle;
  const update = (id: string, input: Record<string, unknown>, token: string) =>
    system.gql<{ updateGuideArticle: { id: string; title: string; body: string; version: number; pendingRevision: Proposal | null } }>(
      UPDATE,
      { id, input },
      token,
    );
  const search = async (query: string) =>
    (
      await system.gql<{ searchGuide: { article: { id: string } }[] }>(`query($q: String!) { searchGuide(query: $q) { article { id } } }`, {
        q: query,
      })
    ).data!.searchGuide.map((h) => h.article.id);
  const published = async (input: Record<string, unknown>) => {
    const article = await createArticle(system, author.token, input);
    await publishArticle(system, staff.token, article.id);
    return article;
  };

  it('an author edits a published fiche: visitors keep the published text until staff approve', async () => {
    const article = await published({ title: 'Créer une association de quartier', body: 'Déposer les statuts en préfecture.' });
    const edited = await update(
      article.id,
      { expectedVersion: 1, title: 'Créer et faire vivre une association', body: 'Déposer les statuts, puis trouver des bénévoles.' },
      author.token,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateGuideArticle).toMatchObject({
      title: 'Créer une association de quartier',
      body: 'Déposer les statuts en préfecture.',
      version: 1,
    });
    const pending = edited.data!.updateGuideArticle.pendingRevision!;
    expect(pending).toMatchObject({
      status: 'PENDING',
      baseVersion: 1,
      title: 'Créer et faire vivre une association',
      body: 'Déposer les statuts, puis trouver des bénévoles.',
      proposedBy: { id: author.id },
      rejectionReason: null,
      reviewedBy: null,
      article: { id: article.id, title: 'Créer une association de quartier' },
    });

    // Visitors and other members read the published text; the new words are not found by the search.
    expect(await read(article.id)).toMatchObject({ title: 'Créer une association de quartier', pendingRevision: null, proposedRevisions: [] });
    expect(await read(article.id, other.token)).toMatchObject({ pendingRevision: null, proposedRevisions: [] });
    expect(await search('bénévoles')).not.toContain(article.id);
    // Its authors and staff see the proposal; staff find it in their list.
    expect((await read(article.id, author.token))!.pendingRevision).toMatchObject({ id: pending.id });
    expect((await read(article.id, staff.token))!.pendingRevision).toMatchObject({ id: pending.id });
    const list = await system.gql<{ guideRevisionsToReview: { edges: { node: { id: string; article: { id: string } } }[] } }>(
      TO_REVIEW,
      {},
      staff.token,
    );
    expect(list.data!.guideRevisionsToReview.edges.map((e) => e.node)).toContainEqual({ id: pending.id, article: { id: article.id } });
    expect(codes(await system.gql(TO_REVIEW, {}, author.token))).toEqual(['FORBIDDEN']);

    // Only staff approve; the fiche then shows the new text, one version later, the old text kept as a revision.
    expect(codes(await system.gql(APPROVE, { id: pending.id }, author.token))).toEqual(['FORBIDDEN']);
    const approved = await system.gql<{ approveGuideArticleRevision: Proposal }>(APPROVE, { id: pending.id }, staff.token);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveGuideArticleRevision).toMatchObject({
      status: 'APPROVED',
      reviewedBy: { id: staff.id },
      article: { id: article.id, title: 'Créer et faire vivre une association' },
    });
    expect(await read(article.id)).toMatchObject({
      title: 'Créer et faire vivre une association',
      body: 'Déposer les statuts, puis trouver des bénévoles.',
      version: 2,
      pendingRevision: null,
    });
    expect(await search('bénévoles')).toContain(article.id);
    expect((await read(article.id, author.token))!.revisions).toEqual([
      { version: 1, title: 'Créer une association de quartier', editedBy: { id: author.id } },
    ]);
    expect(codes(await system.gql(REJECT, { id: pending.id, reason: 'Non' }, staff.token))).toEqual(['CONFLICT']);
  });

  it('a rejected revision changes nothing visible; its author reads why', async () => {
    const article = await published({ title: 'Saisir le défenseur des droits', summary: 'Un recours gratuit.' });
    expect((await update(article.id, { expectedVersion: 1, summary: 'Achetez notre formation !' }, author.token)).errors).toBeUndefined();
    const pending = (await read(article.id, author.token))!.pendingRevision!;
    const noReason = await system.gql(REJECT, { id: pending.id, reason: ' ' }, staff.token);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const rejected = await system.gql<{ rejectGuideArticleRevision: Proposal }>(REJECT, { id: pending.id, reason: 'Publicité.' }, staff.token);
    expect(rejected.data!.rejectGuideArticleRevision).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'Publicité.',
      reviewedBy: { id: staff.id },
    });
    expect(await read(article.id)).toMatchObject({ summary: 'Un recours gratuit.', version: 1 });
    expect(await read(article.id, author.token)).toMatchObject({
      summary: 'Un recours gratuit.',
      pendingRevision: null,
      proposedRevisions: [{ id: pending.id, status: 'REJECTED', rejectionReason: 'Publicité.' }],
    });
    expect(codes(await system.gql(APPROVE, { id: pending.id }, staff.token))).toEqual(['CONFLICT']);
  });

  it('a second edit builds on the pending revision; a stale one is refused; staff edits go live and outdate the proposal', async () => {
    const article = await published({ title: 'Pétition locale', summary: 'Résumé', body: 'Texte' });
    expect((await update(article.id, { expectedVersion: 1, summary: 'Résumé proposé' }, author.token)).errors).toBeUndefined();
    expect((await update(article.id, { expectedVersion: 1, body: 'Texte proposé' }, author.token)).errors).toBeUndefined();
    const { rows } = await system.db.query(`SELECT status, summary, body FROM guide.proposed_revisions WHERE article_id = $1`, [article.id]);
    expect(rows).toEqual([{ status: 'PENDING', summary: 'Résumé proposé', body: 'Texte proposé' }]);
    expect(codes(await update(article.id, { expectedVersion: 2, body: 'Trop tôt' }, author.token))).toEqual(['CONFLICT']);

    // Staff edit the fiche: live at once (version 2). The proposal was made on version 1: approving it is refused.
    const byStaff = await update(article.id, { expectedVersion: 1, title: 'Pétition locale : mode d’emploi' }, staff.token);
    expect(byStaff.data!.updateGuideArticle).toMatchObject({ title: 'Pétition locale : mode d’emploi', version: 2 });
    const pending = (await read(article.id, staff.token))!.pendingRevision!;
    const outdated = await system.gql(APPROVE, { id: pending.id }, staff.token);
    expect(codes(outdated)).toEqual(['CONFLICT']);
    expect(outdated.errors![0]!.message).toMatch(/version 2/);
    expect(await read(article.id)).toMatchObject({ title: 'Pétition locale : mode d’emploi', summary: 'Résumé', body: 'Texte', version: 2 });
  });

  it("an erased member's proposals keep no link to them", async () => {
    const leaving = await system.signUp();
    const article = await createArticle(system, leaving.token, { title: 'Jardins partagés' });
    await publishArticle(system, staff.token, article.id);
    expect((await update(article.id, { expectedVersion: 1, summary: 'Un jardin au pied des immeubles.' }, leaving.token)).errors).toBeUndefined();
    const erased = await system.gql(`mutation($id: ID!) { eraseMemberFromGuide(memberId: $id) }`, { id: leaving.id }, await system.systemToken());
    expect(erased.errors).toBeUndefined();
    const { rows } = await system.db.query(`SELECT author_id, status FROM guide.proposed_revisions WHERE article_id = $1`, [article.id]);
    expect(rows).toEqual([{ author_id: null, status: 'PENDING' }]);
  });

  it('edits of a fiche not yet published go live at once', async () => {
    const draft = await createArticle(system, author.token, { title: 'Brouillon de fiche' });
    const edited = await update(draft.id, { expectedVersion: 1, title: 'Brouillon de fiche revu' }, author.token);
    expect(edited.data!.updateGuideArticle).toMatchObject({ title: 'Brouillon de fiche revu', version: 2, pendingRevision: null });
  });
});
