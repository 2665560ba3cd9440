/**
 * The public cache's first level (src/public-answer-cache.ts), over real HTTP in front of a stand-in GraphQL handler
 * whose answers each test chooses: what is kept, for how long, under which key, and what is never kept. The whole
 * system's behaviour (hits reaching no subgraph, changes emptying it on every process) is in public-cache.test.ts.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry } from 'prom-client';
import { PublicAnswerCache } from '../src/public-answer-cache';

let generation = '1';
let elapsed = 0;
let handled = 0;
/** The headers the stand-in handler answers with (the policy Apollo Server would have computed). */
let answerHeaders: Record<string, string> = {};
let server: Server;
let url: string;
const metrics = new Registry();
const cache = new PublicAnswerCache({ generation: { current: () => generation }, metrics, now: () => elapsed });

beforeAll(async () => {
  const app = express();
  app.use('/graphql', express.json({ verify: cache.keepRawBody }), cache.serve, (req, res) => {
    handled += 1;
    const body = JSON.stringify({ data: { answer: handled, variables: (req.body as { variables?: unknown }).variables ?? null } });
    const headers: [string, string][] = Object.entries({ 'content-type': 'application/json; charset=utf-8', ...answerHeaders });
    for (const [name, value] of headers) res.setHeader(name, value);
    res.end(body);
    cache.answered(req, { status: res.statusCode, headers, body });
  });
  server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  generation = String(Number(generation) + 1);
  answerHeaders = { 'cache-control': 'max-age=60, public' };
});

async function ask(variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ answer }', variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { data: { answer: number } } };
}

it('answers an anonymous public read from memory, with its headers and its age', async () => {
  const first = await ask({ n: 1 });
  elapsed += 5_000;
  const second = await ask({ n: 1 });
  expect(second.body).toEqual(first.body);
  expect(second.headers.get('cache-control')).toBe('max-age=60, public');
  expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(second.headers.get('age')).toBe('5');
  // Other variables, another Accept header: other answers.
  expect((await ask({ n: 2 })).body.data.answer).not.toBe(first.body.data.answer);
  expect((await ask({ n: 1 }, { accept: 'application/graphql-response+json' })).body.data.answer).not.toBe(first.body.data.answer);
  const counted = await metrics.getSingleMetricAsString('metropotes_gateway_public_answers_total');
  expect(counted).toMatch(/outcome="hit"} [1-9]/);
});

it('keeps an answer no longer than its max-age, less the age it already had', async () => {
  answerHeaders = { 'cache-control': 'max-age=30, public', age: '20' };
  const first = await ask();
  elapsed += 9_000;
  expect((await ask()).body).toEqual(first.body);
  elapsed += 1_001;
  expect((await ask()).body).not.toEqual(first.body);
});

it('forgets every answer of an earlier generation', async () => {
  const first = await ask();
  expect((await ask()).body).toEqual(first.body);
  generation = String(Number(generation) + 1);
  expect((await ask()).body).not.toEqual(first.body);
});

it('keeps nothing while the generation is unknown', async () => {
  generation = 'unknown';
  const first = await ask();
  expect((await ask()).body).not.toEqual(first.body);
});

it.each([
  ['a private answer', { 'cache-control': 'max-age=60, private' }],
  ['an answer without a policy (errors, no hint)', {}],
  ['an answer with max-age=0', { 'cache-control': 'max-age=0, public' }],
])('never keeps %s', async (_what, headers) => {
  answerHeaders = headers;
  const first = await ask();
  expect((await ask()).body).not.toEqual(first.body);
});

it('never answers nor keeps a request with an Authorization header', async () => {
  const anonymous = await ask();
  const signedIn = await ask({}, { authorization: 'Bearer x' });
  expect(signedIn.body).not.toEqual(anonymous.body);
  expect((await ask({}, { authorization: 'Bearer x' })).body).not.toEqual(signedIn.body);
});
