import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createArticle, publishArticle } from './helpers';

/**
 * A fiche's authors are members' entities: the members service resolves each one as the viewer may see it, and a
 * profile hidden from the viewer (STAFF visibility, or hidden by moderation) resolves to null. The fiche itself stays
 * readable: the hidden author is a null item of `authors`, the visible ones are named.
 */
describe('guide: a fiche whose author hides their profile', () => {
  let system: TestSystem;
  let hidden: TestMember;
  let visible: TestMember;
  let reader: TestMember;
  let staff: TestMember;

  beforeAll(async () => {
    system = await startTestSystem();
    [hidden, visible, reader, staff] = await Promise.all([
      system.signUp({ displayName: 'Chloé Discrète' }),
      system.signUp({ displayName: 'Awa Publique' }),
      system.signUp(),
      system.signUp({ role: 'STAFF' }),
    ]);
  });
  afterAll(() => system?.stop());

  const read = (slug: string, token?: string) =>
    system.gql<{ guideArticle: { title: string; authors: ({ id: string; displayName: string } | null)[] } | null }>(
      `query($slug: String!) { guideArticle(slug: $slug) { title authors { id displayName } } }`,
      { slug },
      token,
    );

  it('stays readable by everyone, naming only the authors the viewer may see', async () => {
    const setVisibility = (token: string, profileVisibility: string) =>
      system.gql(`mutation($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`, { input: { profileVisibility } }, token);
    expect((await setVisibility(hidden.token, 'STAFF')).errors).toBeUndefined();
    expect((await setVisibility(visible.token, 'PUBLIC')).errors).toBeUndefined();

    const hiddenFiche = await createArticle(system, hidden.token, {
      title: 'Tenir un composteur de quartier',
      summary: 'Un bac, des voisins, des épluchures.',
      body: 'Le compost se tient à plusieurs.',
      scales: ['QUARTIER'],
      themes: ['ENVIRONNEMENT'],
    });
    await publishArticle(system, staff.token, hiddenFiche.id);
    const visibleFiche = await createArticle(system, visible.token, {
      title: 'Ouvrir une grainothèque',
      summary: 'Des graines à partager à la bibliothèque.',
      body: 'Une boîte et des enveloppes.',
      scales: ['QUARTIER'],
      themes: ['ENVIRONNEMENT'],
    });
    await publishArticle(system, staff.token, visibleFiche.id);

    // Visitors and other members: the fiche, its hidden author as null (no error, no name).
    for (const token of [undefined, reader.token]) {
      const res = await read(hiddenFiche.slug, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.guideArticle).toEqual({ title: 'Tenir un composteur de quartier', authors: [null] });
      expect(JSON.stringify(res)).not.toContain('Chloé');
      const named = await read(visibleFiche.slug, token);
      expect(named.data!.guideArticle!.authors).toEqual([{ id: visible.id, displayName: 'Awa Publique' }]);
    }
    // The author themselves and staff see the name.
    for (const token of [hidden.token, staff.token]) {
      const res = await read(hiddenFiche.slug, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.guideArticle!.authors).toEqual([{ id: hidden.id, displayName: 'Chloé Discrète' }]);
    }
  });
});
