import { startTestSystem, type TestSystem } from '@metropotes/test-kit';

/**
 * A request whose values do not fit the schema is refused with BAD_USER_INPUT (or GRAPHQL_VALIDATION_FAILED) and a
 * French sentence naming the field, whether the gateway refuses it (built-in scalars, enums, required variables) or
 * a subgraph does (our custom scalars, which only the subgraphs know): never INTERNAL_SERVER_ERROR.
 */
describe('gateway: malformed values get a French refusal naming the field', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(() => system?.stop());

  const first = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await system.gql(query, variables);
    expect(res.data ?? null).toBeNull();
    return res.errors![0]!;
  };
  const LIST = `query($f: GuideArticleFilter, $n: Int) { guideArticles(filter: $f, first: $n) { totalCount } }`;

  it('a custom scalar refused by the subgraph (DateTime) is BAD_USER_INPUT, not an internal error', async () => {
    const error = await first(LIST, { f: { updatedSince: 'hier' } });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'f.updatedSince' });
    expect(error.message).toBe(
      "La valeur donnée pour « f.updatedSince » n'est pas valide : une date et une heure au format ISO 8601 sont attendues (par exemple 2026-12-05T18:30:00+01:00).",
    );
    const agenda = await first(`query($from: DateTime) { agenda(filter: { from: $from }) { totalCount } }`, { from: '32/13/2026' });
    expect(agenda.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const literal = await first(`query { guideArticles(filter: { updatedSince: "hier" }) { totalCount } }`);
    expect(literal.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.message).toMatch(/^Une valeur de la requête n'est pas valide : une date et une heure/);
  });

  it('built-in scalars, enums and required variables refused by the gateway', async () => {
    const int = await first(LIST, { n: 'abc' });
    expect(int.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'n' });
    expect(int.message).toBe("La valeur donnée pour « n » n'est pas valide : un nombre entier est attendu.");
    const enumValue = await first(LIST, { f: { scale: 'GALAXIE' } });
    expect(enumValue.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'f.scale' });
    expect(enumValue.message).toBe("La valeur donnée pour « f.scale » n'est pas valide : cette valeur ne fait pas partie de la liste Scale.");
    const missing = await first(`query($id: ID!) { guideArticle(id: $id) { id } }`);
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(missing.message).toBe('La variable « id » est obligatoire.');
    const enumLiteral = await first(`query { guideArticles(filter: { scale: GALAXIE }) { totalCount } }`);
    expect(enumLiteral.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(enumLiteral.message).toBe('La valeur « GALAXIE » ne fait pas partie de la liste Scale.');
    // graphql-js's own words stay available to the client's developers.
    expect(int.extensions?.detail).toMatch(/Int cannot represent/);
  });
});
