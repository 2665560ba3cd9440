import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { codes, createArticle, publishArticle } from './helpers';

interface Hits {
  searchGuide: { rank: number; excerpt: string; article: { id: string; title: string } }[];
}

const SEARCH = `query($query: String!, $first: Int) { searchGuide(query: $query, first: $first) { rank excerpt article { id title } } }`;

describe('guide: French full-text search', () => {
  let system: TestSystem;
  let author: TestMember;
  let staff: TestMember;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    system = await startTestSystem();
    [author, staff] = await Promise.all([system.signUp(), system.signUp({ role: 'STAFF' })]);
    const fiches = {
      titre: {
        title: 'La démocratie participative dans votre commune',
        summary: 'Les instances où les habitant·es ont la parole.',
        body: 'Conseils de quartier, conseils citoyens, réunions publiques.',
      },
      corps: {
        title: 'Organiser une réunion publique',
        summary: 'Préparer, annoncer, animer.',
        body: 'Une réunion publique est un moment de démocratie participative parmi d’autres : elle se prépare longtemps à l’avance, avec les associations du quartier et les élu·es.',
      },
      budget: {
        title: 'Proposer un projet',
        summary: 'Votre idée pour le quartier.',
        body: 'Le budget participatif permet aux habitants de proposer des projets <script>alert(1)</script> & de voter.',
      },
      autre: { title: 'Créer une association', summary: 'Statuts, déclaration en préfecture.', body: 'Loi de 1901.' },
    };
    for (const [key, input] of Object.entries(fiches)) {
      const article = await createArticle(system, author.token, input);
      ids[key] = article.id;
      await publishArticle(system, staff.token, article.id);
    }
    ids.brouillon = (
      await createArticle(system, author.token, { title: 'Brouillon sur la démocratie participative', body: 'Pas encore publié.' })
    ).id;
  });
  afterAll(() => system?.stop());

  const search = (query: string, token?: string, first?: number) => system.gql<Hits>(SEARCH, { query, first }, token);

  it('finds accented words from unaccented queries, title matches first', async () => {
    const res = await search('democratie participative');
    expect(res.errors).toBeUndefined();
    const found = res.data!.searchGuide.map((h) => h.article.id);
    expect(found).toEqual([ids.titre, ids.corps]);
    expect(res.data!.searchGuide[0]!.rank).toBeGreaterThan(res.data!.searchGuide[1]!.rank);
  });

  it('finds singular forms from plural queries (French stemming)', async () => {
    const res = await search('budgets participatifs');
    expect(res.data!.searchGuide.map((h) => h.article.id)).toEqual([ids.budget]);
  });

  it('highlights the words found in an escaped HTML excerpt', async () => {
    const res = await search('budgets participatifs');
    const excerpt = res.data!.searchGuide[0]!.excerpt;
    expect(excerpt).toContain('<mark>budget</mark> <mark>participatif</mark>');
    expect(excerpt).not.toContain('<script>');
    expect(excerpt).toContain('projets'); // the script tag is dropped from the text, its content escaped
    expect(excerpt).toContain(' &amp; de voter');
    const corps = (await search('démocratie')).data!.searchGuide.find((h) => h.article.id === ids.corps)!;
    expect(corps.excerpt).toMatch(/<mark>démocratie<\/mark>/);
  });

  it('does not find unpublished fiches, except for staff', async () => {
    for (const token of [undefined, author.token]) {
      const res = await search('démocratie participative', token);
      expect(res.data!.searchGuide.map((h) => h.article.id)).not.toContain(ids.brouillon);
    }
    const staffView = await search('démocratie participative', staff.token);
    expect(staffView.data!.searchGuide.map((h) => h.article.id)).toContain(ids.brouillon);
  });

  it('copes with odd queries: operators, quotes, only stop words, empty', async () => {
    const odd = await search('"réunion publique" -association OR préfecture');
    expect(odd.errors).toBeUndefined();
    // ("réunion publique" AND NOT association) OR préfecture: the fiche about meetings mentions associations.
    expect(odd.data!.searchGuide.map((h) => h.article.id).sort()).toEqual([ids.titre, ids.autre].sort());
    const stop = await search('le la de du');
    expect(stop.errors).toBeUndefined();
    expect(stop.data!.searchGuide).toEqual([]);
    expect(codes(await search('   '))).toEqual(['BAD_USER_INPUT']);
    const limited = await search('démocratie', undefined, 1);
    expect(limited.data!.searchGuide).toHaveLength(1);
  });
});
