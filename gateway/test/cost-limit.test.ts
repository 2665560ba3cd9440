/**
 * The query cost limit counts a list's `first` whether it is written in the query or passed as a variable (the
 * clients, the site and the workers, pass it as a variable), refuses before any subgraph is called, and lets the
 * product's queries through.
 */
import { Supergraph } from '@apollo/federation-internals';
import { startTestSystem, SUBGRAPH_NAMES, type TestSystem } from '@metropotes/test-kit';
import { parse } from 'graphql';
import { QUERY_LIMITS } from '../src/security/armor';
import { COST_REFUSED_MESSAGE, DEFAULT_PAGE_SIZE, operationCost } from '../src/security/cost-limit';
import { readSupergraph } from '../src/supergraph';

/** An agenda page, each event with a page of its attendees: `n` and `m` as literals or as variables. */
const agenda = (n: string, m: string) =>
  `agenda${n ? `(first: ${n})` : ''} { edges { node { id title attendees(first: ${m}) { edges { node { id } } } } } }`;
const LITERAL = (n: number, m: number) => `query Heavy { ${agenda(String(n), String(m))} }`;
const VARIABLE = `query Heavy($n: Int, $m: Int) { ${agenda('$n', '$m')} }`;
const NO_FIRST = `query Heavy($m: Int) { ${agenda('', '$m')} }`;
const FRAGMENT = `query Heavy($n: Int, $m: Int) { agenda(first: $n) { edges { node { ...Attended } } } }
  fragment Attended on Event { id title attendees(first: $m) { edges { node { id } } } }`;

/**
 * The cost by hand (a leaf 1; a selection 2 + 1.5 × its fields, times `first`): attendees' inner node 3.5, edges
 * 7.25, attendees 12.875 m; the event 5 + 19.3125 m, edges 9.5 + 28.96875 m; agenda (16.25 + 43.453125 m) n.
 */
const expectedCost = (n: number, m: number) => (16.25 + 43.453125 * m) * n;

describe('the cost limit counts lists sized by variables', () => {
  let system: TestSystem;
  const schema = Supergraph.build(readSupergraph()).apiSchema().toGraphQLJSSchema();

  /** The response, and how many SQL statements the subgraphs ran for it. */
  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    for (const name of SUBGRAPH_NAMES) system.subgraphs[name].deps.queries.reset();
    const response = await system.gql(query, variables);
    const statements = SUBGRAPH_NAMES.reduce((sum, name) => sum + system.subgraphs[name].deps.queries.count, 0);
    return { response, statements };
  };

  const expectRefused = async (query: string, variables: Record<string, unknown> = {}) => {
    const { response, statements } = await run(query, variables);
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toBe(COST_REFUSED_MESSAGE);
    expect(response.data ?? null).toBeNull();
    // Refused before the query plan ran: not one statement in any subgraph.
    expect(statements).toBe(0);
  };

  const expectAccepted = async (query: string, variables: Record<string, unknown> = {}) => {
    const { response, statements } = await run(query, variables);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ agenda: { edges: [] } });
    // The events subgraph did read the agenda: the check above is not about a query that never ran.
    expect(statements).toBeGreaterThan(0);
  };

  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('costs the same with first written in the query or passed as a variable', () => {
    for (const [n, m] of [
      [1, 1],
      [17, 10],
      [18, 10],
      [100, 100],
    ] as const) {
      const literal = operationCost(schema, parse(LITERAL(n, m)), 'Heavy', {});
      expect(literal).toBe(expectedCost(n, m));
      expect(operationCost(schema, parse(VARIABLE), 'Heavy', { n, m })).toBe(literal);
      expect(operationCost(schema, parse(FRAGMENT), 'Heavy', { n, m })).toBe(literal);
    }
    // Without first, a list counts as a page of the usual size.
    expect(operationCost(schema, parse(NO_FIRST), 'Heavy', { m: 3 })).toBe(expectedCost(DEFAULT_PAGE_SIZE, 3));
    // The boundary the next tests use: 17 events of 10 attendees fit, 18 do not.
    expect(expectedCost(17, 10)).toBeLessThanOrEqual(QUERY_LIMITS.maxCost);
    expect(expectedCost(18, 10)).toBeGreaterThan(QUERY_LIMITS.maxCost);
  });

  it('accepts and refuses at the same boundary, literal or variable', async () => {
    await expectAccepted(LITERAL(17, 10));
    await expectAccepted(VARIABLE, { n: 17, m: 10 });
    await expectRefused(LITERAL(18, 10));
    await expectRefused(VARIABLE, { n: 18, m: 10 });
  });

  it('refuses nested lists asked for through variables, in a fragment too', async () => {
    await expectRefused(VARIABLE, { n: 100, m: 100 });
    await expectRefused(FRAGMENT, { n: 100, m: 100 });
    await expectAccepted(FRAGMENT, { n: 17, m: 10 });
  });

  it('counts a list without first as a page of the usual size', async () => {
    await expectAccepted(NO_FIRST, { m: 8 });
    await expectRefused(NO_FIRST, { m: 9 });
  });

  it('lets a normal page through', async () => {
    const { response } = await run('query Agenda($first: Int) { agenda(first: $first) { totalCount edges { node { id title startsAt } } } }', {
      first: 20,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ agenda: { totalCount: 0, edges: [] } });
  });

  it('leaves a variable of the wrong type to the usual refusal', async () => {
    const { response, statements } = await run(VARIABLE, { n: 'cent', m: 10 });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('n');
    expect(statements).toBe(0);
  });
});
