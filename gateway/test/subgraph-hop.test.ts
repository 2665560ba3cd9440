/**
 * The gateway's hop to a subgraph (src/subgraph-data-source.ts), through a real gateway: what it sends (the GraphQL
 * request as JSON, the gateway's secret, the request id, the verified token), how the subgraph's Cache-Control header
 * restricts the gateway's answer, which errors a subgraph's failures become, and the collapsing of identical
 * anonymous reads in flight. The guide subgraph is reached through a loopback stand-in that relays to the real one
 * and records what it receives, or answers by itself (an error status, a body that is not GraphQL, no answer in time).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@metropotes/config';
import { postGraphQL, startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { gatewayConfigFrom } from '../src/env';
import { startGateway, type RunningGateway } from '../src/server';

/** What the stand-in answers by itself instead of relaying; `delayMs` alone delays the relayed answer. */
interface Canned {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  /** Closes the connection without answering. */
  hangUp?: boolean;
}

/** A loopback HTTP server in front of one subgraph. */
class StandIn {
  received: { headers: IncomingHttpHeaders; body: string }[] = [];
  /** Answered by every request until changed (null: relay to the real subgraph). */
  canned: Canned | null = null;
  /** Replaces the relayed answer's Cache-Control header (null: removes it; undefined: keeps it). */
  cacheControl: string | null | undefined = undefined;
  url = '';
  private server: Server | null = null;
  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, body });
        const canned = this.canned;
        if (canned?.delayMs) await new Promise((resolve) => setTimeout(resolve, canned.delayMs));
        if (canned?.hangUp) return void req.socket.destroy();
        if (canned?.status) return void res.writeHead(canned.status, canned.headers).end(canned.body ?? '');
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
        ) as Record<string, string>;
        const upstream = await fetch(this.target, { method: 'POST', headers, body });
        const out: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
        });
        if (this.cacheControl === null) delete out['cache-control'];
        else if (this.cacheControl !== undefined) out['cache-control'] = this.cacheControl;
        res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${new URL(this.target).pathname}`;
    return this.url;
  }

  reset(): void {
    this.received = [];
    this.canned = null;
    this.cacheControl = undefined;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const ARTICLES = `query Articles($first: Int) { guideArticles(first: $first) { totalCount } }`;
const TIMEOUT_MS = 1000;

let system: TestSystem;
let standIn: StandIn;
let gateway: RunningGateway;
let member: TestMember;

/** POSTs a GraphQL request to the gateway under test; gives the answer's headers too. */
async function ask(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { headers: res.headers, ...body };
}

beforeAll(async () => {
  system = await startTestSystem();
  const base = gatewayConfigFrom({ ...system.env, GATEWAY_PORT: '0' });
  standIn = new StandIn(base.subgraphs.guide.url);
  const guide = { ...base.subgraphs.guide, url: await standIn.start() };
  gateway = await startGateway(
    { ...base, subgraphs: { ...base.subgraphs, guide }, subgraphTimeoutMs: TIMEOUT_MS, publicCache: false },
    createLogger('gateway', 'silent'),
  );
  member = await system.signUp();
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await standIn?.stop();
  await system?.stop();
});

beforeEach(() => standIn.reset());

describe('the hop to a subgraph', () => {
  it('sends the GraphQL request as JSON, with the secret, the request id and only a verified token', async () => {
    const anonymous = await ask(ARTICLES, { first: 2 });
    expect(anonymous.errors).toBeUndefined();
    expect(standIn.received).toHaveLength(1);
    const [sent] = standIn.received;
    expect(sent!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-gateway-secret': system.env.GUIDE_GATEWAY_SECRET,
      'x-request-id': anonymous.headers.get('x-request-id'),
    });
    expect(sent!.headers.authorization).toBeUndefined();
    const body = JSON.parse(sent!.body) as Record<string, unknown>;
    expect(['extensions', 'operationName', 'query', 'variables']).toEqual(expect.arrayContaining(Object.keys(body)));
    expect(body.query).toMatch(/guideArticles/);
    expect(body.variables).toEqual({ first: 2 });

    const signedIn = await ask(ARTICLES, { first: 2 }, member.token);
    expect(signedIn.errors).toBeUndefined();
    expect(standIn.received[1]!.headers.authorization).toBe(`Bearer ${member.token}`);
    expect(standIn.received[1]!.headers['x-request-id']).toBe(signedIn.headers.get('x-request-id'));
  });

  it("restricts the answer's cache policy by the subgraph's Cache-Control header", async () => {
    const policyFor = async (cacheControl: string | null) => {
      standIn.cacheControl = cacheControl;
      const answer = await ask(ARTICLES, { first: 1 });
      expect(answer.errors).toBeUndefined();
      return answer.headers.get('cache-control');
    };
    expect(await policyFor('max-age=60, public')).toBe('max-age=60, public');
    expect(await policyFor('public, max-age=45')).toBe('max-age=45, public');
    expect(await policyFor('max-age="30"')).toBe('max-age=30, public');
    expect(await policyFor('max-age=60, private')).toBe('max-age=60, private');
    expect(await policyFor('private, public, max-age=60')).toBe('max-age=60, public');
    // No max-age, one that is not a number, or no header: the answer is not cacheable.
    for (const uncacheable of ['public', 'max-age=abc, public', null]) {
      expect((await policyFor(uncacheable)) ?? 'no-store').not.toMatch(/max-age=[1-9]/);
    }
  });

  it('passes a refusal of the request values (400) as it is, and a 401 or 403 with its code', async () => {
    const refusal = { errors: [{ message: 'La valeur donnée pour « first » est refusée.', extensions: { code: 'BAD_USER_INPUT' } }] };
    standIn.canned = { status: 400, headers: { 'content-type': 'application/json' }, body: JSON.stringify(refusal) };
    const refused = await ask(ARTICLES, { first: 1 });
    expect(refused.errors?.[0]).toMatchObject({ message: refusal.errors[0]!.message, extensions: { code: 'BAD_USER_INPUT' } });

    standIn.canned = { status: 401, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"message":"no"}]}' };
    const unauthenticated = await ask(ARTICLES, { first: 1 });
    expect(unauthenticated.errors?.[0]).toMatchObject({
      message: '401: Unauthorized',
      extensions: {
        code: 'UNAUTHENTICATED',
        response: { url: standIn.url, status: 401, statusText: 'Unauthorized', body: { errors: [{ message: 'no' }] } },
      },
    });
    standIn.canned = { status: 403, headers: { 'content-type': 'text/plain' }, body: 'forbidden' };
    const forbidden = await ask(ARTICLES, { first: 1 });
    expect(forbidden.errors?.[0]).toMatchObject({
      message: '403: Forbidden',
      extensions: { code: 'FORBIDDEN', response: { status: 403, statusText: 'Forbidden', body: 'forbidden' } },
    });
    // Any other 4xx is the gateway's fault: masked as an internal error.
    standIn.canned = { status: 400, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"message":"Syntax Error"}]}' };
    expect((await ask(ARTICLES, { first: 1 })).errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('names the subgraph that does not answer: 5xx, not GraphQL, hung up, too slow', async () => {
    const failures: Canned[] = [
      { status: 500, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"message":"boom"}]}' },
      { status: 503, headers: { 'content-type': 'text/html' }, body: '<h1>Service Unavailable</h1>' },
      { status: 200, headers: { 'content-type': 'text/html' }, body: '<h1>Bienvenue</h1>' },
      { status: 200, headers: { 'content-type': 'application/json' }, body: '[1, 2]' },
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":' },
      { hangUp: true },
      { delayMs: TIMEOUT_MS + 500 },
    ];
    for (const canned of failures) {
      standIn.canned = canned;
      const started = Date.now();
      const answer = await ask(`{ guideArticle(slug: "saisir-son-conseil-de-quartier") { id } territories { code } }`);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 400);
      expect(answer.errors?.[0]).toMatchObject({
        message: 'Le service « guide » ne répond pas pour le moment : une partie de la réponse manque. Réessayez dans un instant.',
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'guide' },
      });
      // The other subgraphs' fields still resolve.
      expect((answer.data?.territories as unknown[]).length).toBeGreaterThan(0);
    }
  });

  it('makes one subgraph request for identical anonymous reads under way at once, marking the copies uncacheable', async () => {
    standIn.canned = { delayMs: 300 };
    standIn.cacheControl = 'max-age=60, public';
    const answers = await Promise.all(Array.from({ length: 6 }, () => ask(ARTICLES, { first: 3 })));
    expect(standIn.received).toHaveLength(1);
    for (const answer of answers) expect(answer.data).toEqual(answers[0]!.data);
    expect(answers.filter((answer) => answer.headers.get('cache-control') === 'max-age=60, public')).toHaveLength(1);
    // A signed-in viewer's reads are theirs: each makes its own request.
    await Promise.all(Array.from({ length: 3 }, () => postGraphQL(gateway.url, ARTICLES, { first: 3 }, { token: member.token })));
    expect(standIn.received).toHaveLength(4);
  });
});
