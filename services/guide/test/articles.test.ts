import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { ARTICLE_FIELDS, codes, createArticle, publishArticle, type ArticleShape } from './helpers';

describe('guide: fiches (writing, revisions, workflow)', () => {
  let system: TestSystem;
  let author: TestMember;
  let other: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [author, other, staff] = await Promise.all([system.signUp(), system.signUp(), system.signUp({ role: 'STAFF' })]);
  });
  afterAll(() => system?.stop());

  const update = (id: string, input: Record<string, unknown>, token: string) =>
    system.gql<{ updateGuideArticle: ArticleShape }>(
      `mutation($id: ID!, $input: UpdateGuideArticleInput!) { updateGuideArticle(id: $id, input: $input) { ${ARTICLE_FIELDS} } }`,
      { id, input },
      token,
    );
  const read = (id: string, token?: string) =>
    system.gql<{ guideArticle: (ArticleShape & { revisions: Record<string, unknown>[] }) | null }>(
      `query($id: ID) { guideArticle(id: $id) { ${ARTICLE_FIELDS} revisions { version title summary body editedBy { id } editedAt steps { title } } } }`,
      { id },
      token,
    );

  it('lets a member write a draft fiche with steps, scales, themes, communes and actors, its body sanitised', async () => {
    const actor = await system.gql<{ createActor: { id: string } }>(
      `mutation($input: CreateActorInput!) { createActor(input: $input) { id } }`,
      { input: { kind: 'MAIRIE', name: "Mairie de L'Île-Saint-Denis", scale: 'COMMUNE', communeCode: '93039' } },
      staff.token,
    );
    expect(actor.errors).toBeUndefined();
    const article = await createArticle(system, author.token, {
      title: 'Créer un conseil de quartier !',
      summary: 'Comment faire vivre la démocratie de proximité.',
      body: '## Pourquoi\n\nParce que **ensemble** on va plus loin.<script>alert(1)</script> [piège](javascript:alert(1))',
      scales: ['QUARTIER', 'COMMUNE', 'QUARTIER'],
      themes: ['DEMOCRATIE_LOCALE'],
      steps: [
        { title: 'Réunir des voisins', text: 'Au moins *cinq* personnes.' },
        { title: 'Écrire à la mairie', text: 'Une lettre au maire.' },
      ],
      actorIds: [actor.data!.createActor.id],
      communeCodes: ['93039', '93066'],
    });
    expect(article).toMatchObject({
      slug: 'creer-un-conseil-de-quartier',
      title: 'Créer un conseil de quartier !',
      status: 'DRAFT',
      version: 1,
      scales: ['QUARTIER', 'COMMUNE'],
      themes: ['DEMOCRATIE_LOCALE'],
      communes: [{ code: '93039' }, { code: '93066' }],
      authors: [{ id: author.id }],
      actors: [{ id: actor.data!.createActor.id, name: "Mairie de L'Île-Saint-Denis", kind: 'MAIRIE' }],
      publishedAt: null,
    });
    expect(article.steps).toEqual([
      { title: 'Réunir des voisins', text: 'Au moins *cinq* personnes.', textHtml: expect.stringContaining('<em>cinq</em>') },
      { title: 'Écrire à la mairie', text: 'Une lettre au maire.', textHtml: '<p>Une lettre au maire.</p>\n' },
    ]);
    expect(article.bodyHtml).toContain('<strong>ensemble</strong>');
    expect(article.bodyHtml).toContain('<h2>');
    expect(article.bodyHtml).not.toContain('<script');
    expect(article.bodyHtml).not.toMatch(/href="javascript:/);

    // A draft is the author's and the staff's only.
    expect((await read(article.id)).data?.guideArticle).toBeNull();
    expect((await read(article.id, other.token)).data?.guideArticle).toBeNull();
    expect((await read(article.id, staff.token)).data?.guideArticle?.id).toBe(article.id);
  });

  it('makes unique slugs from titles (-2, -3) that later edits do not change', async () => {
    const a = await createArticle(system, author.token, { title: 'Le budget participatif' });
    const b = await createArticle(system, other.token, { title: 'Le Budget participatif' });
    const c = await createArticle(system, author.token, { title: 'le budget   participatif ?' });
    expect([a.slug, b.slug, c.slug]).toEqual(['le-budget-participatif', 'le-budget-participatif-2', 'le-budget-participatif-3']);
    const edited = await update(a.id, { expectedVersion: 1, title: 'Le budget participatif, mode d’emploi' }, author.token);
    expect(edited.data?.updateGuideArticle).toMatchObject({ slug: 'le-budget-participatif', title: 'Le budget participatif, mode d’emploi' });
    const bySlug = await system.gql<{ guideArticle: { id: string } }>(`{ guideArticle(slug: "le-budget-participatif") { id } }`, {}, author.token);
    expect(bySlug.data?.guideArticle.id).toBe(a.id);
  });

  it('gives distinct slugs to fiches of the same title created at the same time', async () => {
    const created = await Promise.all(Array.from({ length: 4 }, () => createArticle(system, author.token, { title: 'Même titre en même temps' })));
    expect(created.map((a) => a.slug).sort()).toEqual([
      'meme-titre-en-meme-temps',
      'meme-titre-en-meme-temps-2',
      'meme-titre-en-meme-temps-3',
      'meme-titre-en-meme-temps-4',
    ]);
  });

  it('refuses bad input with French messages naming the field, and anonymous writers', async () => {
    const anon = await system.gql(`mutation { createGuideArticle(input: { title: "Une fiche" }) { id } }`);
    expect(codes(anon)).toEqual(['UNAUTHENTICATED']);
    const badCommune = await system.gql(
      `mutation { createGuideArticle(input: { title: "Une fiche", communeCodes: ["99999"] }) { id } }`,
      {},
      author.token,
    );
    expect(codes(badCommune)).toEqual(['BAD_USER_INPUT']);
    expect(badCommune.errors![0]!.extensions!.field).toBe('input.communeCodes');
    expect(badCommune.errors![0]!.message).toMatch(/commune/);
    const shortTitle = await system.gql(`mutation { createGuideArticle(input: { title: " a " }) { id } }`, {}, author.token);
    expect(shortTitle.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const badActor = await system.gql(
      `mutation($ids: [ID!]) { createGuideArticle(input: { title: "Une fiche", actorIds: $ids }) { id } }`,
      { ids: ['00000000-0000-4000-8000-000000000000'] },
      author.token,
    );
    expect(badActor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.actorIds' });
  });

  it('keeps a revision of every edit and refuses a stale save with CONFLICT', async () => {
    const article = await createArticle(system, author.token, {
      title: 'Interpeller ses élu·es',
      summary: 'Premier résumé',
      body: 'Premier texte',
      steps: [{ title: 'Étape un', text: 'x' }],
    });
    const editing = system.clock.now().getTime();
    const first = await update(article.id, { expectedVersion: 1, body: 'Deuxième texte' }, author.token);
    expect(first.errors).toBeUndefined();
    expect(first.data?.updateGuideArticle).toMatchObject({ version: 2, body: 'Deuxième texte', summary: 'Premier résumé' });
    const second = await update(article.id, { expectedVersion: 2, summary: 'Résumé revu' }, staff.token);
    expect(second.data?.updateGuideArticle.version).toBe(3);

    const stale = await update(article.id, { expectedVersion: 2, body: 'Écrasement' }, author.token);
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/modifiée par quelqu'un d'autre.*version 3/);
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(3);

    const seen = (await read(article.id, author.token)).data!.guideArticle!;
    expect(seen).toMatchObject({ version: 3, body: 'Deuxième texte', summary: 'Résumé revu' });
    expect(seen.revisions).toEqual([
      expect.objectContaining({ version: 2, summary: 'Premier résumé', body: 'Deuxième texte', editedBy: { id: staff.id } }),
      expect.objectContaining({
        version: 1,
        summary: 'Premier résumé',
        body: 'Premier texte',
        editedBy: { id: author.id },
        steps: [{ title: 'Étape un' }],
      }),
    ]);
    // The edits are dated by the run's clock (what `updatedSince` reads).
    const edited = [seen.updatedAt as string, ...seen.revisions.map((r) => r.editedAt as string)].map((at) => Date.parse(at));
    for (const at of edited) {
      expect(at).toBeGreaterThanOrEqual(editing);
      expect(at).toBeLessThanOrEqual(system.clock.now().getTime());
    }
  });

  it('lets only one of two concurrent saves of the same version through', async () => {
    const article = await createArticle(system, author.token, { title: 'Course entre deux éditions', body: 'départ' });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => update(article.id, { expectedVersion: 1, body: `version ${i}` }, i % 2 ? staff.token : author.token)),
    );
    const won = results.filter((r) => r.data?.updateGuideArticle);
    expect(won).toHaveLength(1);
    expect(results.flatMap(codes).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const { rows } = await system.db.query('SELECT version, body FROM guide.article_revisions WHERE article_id = $1', [article.id]);
    expect(rows).toEqual([{ version: 1, body: 'départ' }]);
    const stored = await system.db.query('SELECT version, body FROM guide.articles WHERE id = $1', [article.id]);
    expect(stored.rows[0]).toEqual({ version: 2, body: won[0]!.data!.updateGuideArticle.body });
  });

  it('takes a fiche from draft to review to publication and archive; only authors and staff edit', async () => {
    const article = await createArticle(system, author.token, { title: 'Saisir le conseil de territoire' });
    const notYours = await update(article.id, { expectedVersion: 1, body: 'pirate' }, other.token);
    expect(codes(notYours)).toEqual(['NOT_FOUND']); // a draft is not even visible to others

    const submitted = await system.gql<{ submitGuideArticle: { status: string } }>(
      `mutation($id: ID!) { submitGuideArticle(id: $id) { status } }`,
      { id: article.id },
      author.token,
    );
    expect(submitted.data?.submitGuideArticle.status).toBe('IN_REVIEW');

    const byMember = await system.gql(`mutation($id: ID!) { publishGuideArticle(id: $id) { status } }`, { id: article.id }, author.token);
    expect(codes(byMember)).toEqual(['FORBIDDEN']);
    const publishing = system.clock.now().getTime();
    const published = await system.gql<{ publishGuideArticle: { status: string; publishedAt: string } }>(
      `mutation($id: ID!) { publishGuideArticle(id: $id) { status publishedAt } }`,
      { id: article.id },
      staff.token,
    );
    expect(published.data?.publishGuideArticle.status).toBe('PUBLISHED');
    // Dated by the run's clock.
    expect(Date.parse(published.data!.publishGuideArticle.publishedAt)).toBeGreaterThanOrEqual(publishing);
    expect(Date.parse(published.data!.publishGuideArticle.publishedAt)).toBeLessThanOrEqual(system.clock.now().getTime());

    const anon = await read(article.id);
    expect(anon.data?.guideArticle).toMatchObject({ id: article.id, status: 'PUBLISHED', revisions: [] });
    const stillNotYours = await update(article.id, { expectedVersion: 1, body: 'pirate' }, other.token);
    expect(codes(stillNotYours)).toEqual(['FORBIDDEN']);
    expect(stillNotYours.errors![0]!.message).toMatch(/auteur/);

    const archived = await system.gql<{ archiveGuideArticle: { status: string } }>(
      `mutation($id: ID!) { archiveGuideArticle(id: $id) { status } }`,
      { id: article.id },
      staff.token,
    );
    expect(archived.data?.archiveGuideArticle.status).toBe('ARCHIVED');
    expect((await read(article.id)).data?.guideArticle).toBeNull();
    expect((await read(article.id, author.token)).data?.guideArticle?.status).toBe('ARCHIVED');
    const archivedEdit = await update(article.id, { expectedVersion: 1, body: 'encore' }, author.token);
    expect(codes(archivedEdit)).toEqual(['FORBIDDEN']);
    expect(archivedEdit.errors![0]!.message).toMatch(/archivée/);
    const staffEdit = await update(article.id, { expectedVersion: 1, body: 'corrigé' }, staff.token);
    expect(staffEdit.data?.updateGuideArticle.version).toBe(2);
  });

  it("lists a member's fiches on Member.guideArticles", async () => {
    const writer = await system.signUp();
    const draft = await createArticle(system, writer.token, { title: 'Brouillon discret' });
    const pub = await createArticle(system, writer.token, { title: 'Fiche publique' });
    await publishArticle(system, staff.token, pub.id);
    const query = `query($id: ID!) { member(id: $id) { id guideArticles { id } } }`;
    const own = await system.gql<{ member: { guideArticles: { id: string }[] } }>(query, { id: writer.id }, writer.token);
    expect(own.errors).toBeUndefined();
    expect(own.data!.member.guideArticles.map((a) => a.id).sort()).toEqual([draft.id, pub.id].sort());
    const seenByOther = await system.gql<{ member: { guideArticles: { id: string }[] } | null }>(query, { id: writer.id }, other.token);
    expect(seenByOther.data?.member?.guideArticles.map((a) => a.id)).toEqual([pub.id]);
  });
});
