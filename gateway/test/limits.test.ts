import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { QUERY_LIMITS } from '../src/security/armor';
import { DEFAULT_RATE_LIMITS } from '../src/security/rate-limit';

/** A query `depth` fields deep, counting the leaf (me → organizedEvents → organizer → ... → id). */
function nested(depth: number): string {
  let inner = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) inner = `${level % 2 === 0 ? 'organizedEvents' : 'organizer'} { ${inner} }`;
  return `{ me { ${inner} } }`;
}

describe('the gateway refuses abusive queries and keeps every product query', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({
      gateway: {
        rateLimits: { ...DEFAULT_RATE_LIMITS, logIn: { points: 3, durationSeconds: 60 }, anonymousPerIp: { points: 1000, durationSeconds: 60 } },
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('accepts a query at the depth limit and refuses one level more, in French', async () => {
    const atLimit = await system.gql(nested(QUERY_LIMITS.maxDepth));
    expect(atLimit.errors).toBeUndefined();
    const past = await system.gql(nested(QUERY_LIMITS.maxDepth + 1));
    expect(past.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(past.errors?.[0]?.message).toBe(`La requête est trop imbriquée : ${QUERY_LIMITS.maxDepth} niveaux au plus.`);
  });

  it('accepts the alias limit and refuses one alias more', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect((await system.gql(aliases(QUERY_LIMITS.maxAliases))).errors).toBeUndefined();
    const past = await system.gql(aliases(QUERY_LIMITS.maxAliases + 1));
    expect(past.errors?.[0]?.message).toMatch(/trop d'alias/);
  });

  it('accepts the directive limit and refuses one directive more', async () => {
    const directives = (n: number) => `{ me { ${Array.from({ length: n }, () => '... @include(if: true) { id }').join(' ')} } }`;
    expect((await system.gql(directives(QUERY_LIMITS.maxDirectives))).errors).toBeUndefined();
    const past = await system.gql(directives(QUERY_LIMITS.maxDirectives + 1));
    expect(past.errors?.[0]?.message).toMatch(/trop de directives/);
  });

  it('refuses a query longer than the token limit', async () => {
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens }, () => '__typename').join(' ');
    const past = await system.gql(`{ ${fields} }`);
    expect(past.errors?.[0]?.message).toMatch(/trop longue/);
  });

  it('does not suggest field names', async () => {
    const response = await system.gql('{ mee { id } }');
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('does not expose _service or _entities', async () => {
    const service = await system.gql('{ _service { sdl } }');
    expect(service.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const entities = await system.gql('{ _entities(representations: []) { __typename } }');
    expect(entities.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses array batching', async () => {
    const response = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('reads request bodies as body-parser did: 100 kB at most, gzip accepted, malformed JSON refused', async () => {
    const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(system.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const typename = JSON.stringify({ query: '{ __typename }' });
    // The usual request, and its variants that take body-parser's road (a charset in quotes, a compressed body).
    expect(await (await post(typename)).json()).toEqual({ data: { __typename: 'Query' } });
    expect(await (await post(typename, { 'content-type': 'application/json; charset="UTF-8"' })).json()).toEqual({ data: { __typename: 'Query' } });
    const zipped = await post(gzipSync(typename), { 'content-encoding': 'gzip' });
    expect(await zipped.json()).toEqual({ data: { __typename: 'Query' } });
    // 100 kB is the limit, with a Content-Length or without (a stream, sent chunked).
    const padded = (bytes: number) => JSON.stringify({ query: `{ __typename }${' '.repeat(bytes - typename.length)}` });
    expect((await post(padded(100 * 1024))).status).toBe(200);
    expect((await post(padded(100 * 1024 + 1))).status).toBe(413);
    const chunked = await fetch(system.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.toWeb(Readable.from([Buffer.from(padded(100 * 1024 + 1))])) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    // Malformed JSON, or JSON that is not an object: 400, and the gateway goes on.
    expect((await post('{"query": "{ __typename }"')).status).toBe(400);
    expect((await post('"{ __typename }"')).status).toBe(400);
    expect((await post(typename)).status).toBe(200);
  });

  it('rate-limits logIn per address with RATE_LIMITED and retryAfter', async () => {
    const attempt = () => system.gql('mutation { logIn(email: "nobody@example.org", password: "nope-nope-nope") { accessToken } }');
    for (let i = 0; i < 3; i += 1) expect((await attempt()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    expect(limited.errors?.[0]?.message).toMatch(/^Trop de demandes : réessayez dans/);
  });
});
