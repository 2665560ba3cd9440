import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes, createArticle } from './helpers';

/** returnGuideArticleToDraft through the gateway: staff send a fiche in review back to its authors, with a reason. */
describe('guide: a fiche in review sent back to its authors', () => {
  let system: TestSystem;
  let author: TestMember;
  let other: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [author, other, staff] = await Promise.all([system.signUp(), system.signUp(), system.signUp({ role: 'STAFF' })]);
  });
  afterAll(() => system?.stop());

  const RETURN = `mutation($id: ID!, $reason: String!) { returnGuideArticleToDraft(id: $id, reason: $reason) { id status reviewNote } }`;
  const READ = `query($id: ID) { guideArticle(id: $id) { id status reviewNote } }`;
  const send = (id: string, reason: string, token: string) =>
    system.gql<{ returnGuideArticleToDraft: { id: string; status: string; reviewNote: string | null } }>(RETURN, { id, reason }, token);
  const submit = (id: string, token: string) => system.gql(`mutation($id: ID!) { submitGuideArticle(id: $id) { id status } }`, { id }, token);

  async function inReview(title: string) {
    const fiche = await createArticle(system, author.token, { title, summary: 'Un résumé.', body: 'Un texte.' });
    expect((await submit(fiche.id, author.token)).errors).toBeUndefined();
    return fiche;
  }

  it('puts it back to DRAFT with the reason its authors and staff read, until it is submitted again', async () => {
    const fiche = await inReview('Monter une amap');
    const sent = await send(fiche.id, '  Précisez les communes concernées.  ', staff.token);
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.returnGuideArticleToDraft).toEqual({ id: fiche.id, status: 'DRAFT', reviewNote: 'Précisez les communes concernées.' });
    // The author reads it; another member does not even see the draft.
    expect((await system.gql(READ, { id: fiche.id }, author.token)).data).toEqual({
      guideArticle: { id: fiche.id, status: 'DRAFT', reviewNote: 'Précisez les communes concernées.' },
    });
    expect((await system.gql(READ, { id: fiche.id }, other.token)).data).toEqual({ guideArticle: null });
    // No longer in review.
    const waiting = await system.gql<{ guideArticles: { edges: { node: { id: string } }[] } }>(
      `query { guideArticles(filter: { status: IN_REVIEW }) { edges { node { id } } } }`,
      {},
      staff.token,
    );
    expect(waiting.data!.guideArticles.edges.map((e) => e.node.id)).not.toContain(fiche.id);
    // Submitted again: the note goes.
    expect((await submit(fiche.id, author.token)).errors).toBeUndefined();
    expect((await system.gql(READ, { id: fiche.id }, author.token)).data).toEqual({
      guideArticle: { id: fiche.id, status: 'IN_REVIEW', reviewNote: null },
    });
  });

  it('requires a reason, staff, and a fiche in review', async () => {
    const fiche = await inReview('Ouvrir une ressourcerie');
    const blank = await send(fiche.id, '   ', staff.token);
    expect(codes(blank)).toEqual(['BAD_USER_INPUT']);
    expect(blank.errors![0]!.extensions).toMatchObject({ field: 'reason' });
    expect(blank.errors![0]!.message).toMatch(/Indiquez pourquoi/);
    expect(codes(await send(fiche.id, 'Non.', author.token))).toEqual(['FORBIDDEN']);
    expect(codes(await send(fiche.id, 'Non.', other.token))).toEqual(['FORBIDDEN']);
    expect(codes(await send(fiche.id, 'Sans session.', ''))).toEqual(['UNAUTHENTICATED']);
    // Nothing changed.
    expect((await system.gql(READ, { id: fiche.id }, staff.token)).data).toEqual({
      guideArticle: { id: fiche.id, status: 'IN_REVIEW', reviewNote: null },
    });
    // Once sent back it is a draft: sending it back again is a CONFLICT.
    expect((await send(fiche.id, 'À revoir.', staff.token)).errors).toBeUndefined();
    const again = await send(fiche.id, 'À revoir encore.', staff.token);
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(codes(await send('00000000-0000-4000-8000-000000000000', 'À revoir.', staff.token))).toEqual(['NOT_FOUND']);
  });
});
