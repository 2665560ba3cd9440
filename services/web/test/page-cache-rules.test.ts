/**
 * The page cache's rules that need no site (server/page-cache.ts): which gateway answers a page may be kept after and
 * for how long, the next midnight in Paris (both changes of time), and how the site follows the gateway's generation
 * — against a small real HTTP server standing for the gateway's `/public-cache/generation`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@metropotes/config';
import { GatewayGeneration, nextParisMidnight, publicMaxAge } from '../server/page-cache';

describe('publicMaxAge', () => {
  it('reads what a shared cache may keep from the gateway’s Cache-Control', () => {
    expect(publicMaxAge('max-age=60, public')).toBe(60);
    expect(publicMaxAge('public, max-age=300, s-maxage=30')).toBe(30);
    expect(publicMaxAge('no-store')).toBeNull();
    expect(publicMaxAge('max-age=60, private')).toBeNull();
    expect(publicMaxAge('max-age=60')).toBeNull();
    expect(publicMaxAge('max-age=0, public')).toBeNull();
    expect(publicMaxAge(null)).toBeNull();
  });
});

describe('nextParisMidnight', () => {
  it('is the next midnight in Paris, summer and winter, and on the days the time changes', () => {
    expect(new Date(nextParisMidnight(new Date('2026-06-10T21:59:59.000Z'))).toISOString()).toBe('2026-06-10T22:00:00.000Z');
    expect(new Date(nextParisMidnight(new Date('2026-06-10T22:00:00.000Z'))).toISOString()).toBe('2026-06-11T22:00:00.000Z');
    expect(new Date(nextParisMidnight(new Date('2026-12-31T12:00:00.000Z'))).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    // Sunday 29 March 2026 lasts 23 hours in Paris, Sunday 25 October 25.
    expect(new Date(nextParisMidnight(new Date('2026-03-29T01:30:00.000Z'))).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(nextParisMidnight(new Date('2026-10-25T12:00:00.000Z'))).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('GatewayGeneration', () => {
  let server: Server;
  let url: string;
  /** What the stand-in gateway answers next: a generation, null (its cache off), or a failure. */
  let answer: { generation: string | null } | 'fail' = { generation: '7' };
  let generation: GatewayGeneration;
  let setBacks = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      if (answer === 'fail') res.writeHead(503).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/public-cache/generation`;
  });
  afterEach(() => generation?.stop());
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const start = () => {
    generation = new GatewayGeneration({ url, logger: createLogger('web', 'silent'), pollMs: 20, settleMs: 150, onSetBack: () => (setBacks += 1) });
    generation.start();
  };
  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + 3000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('tells the gateway’s generation, and lets pages be kept once it has been known long enough', async () => {
    answer = { generation: '7' };
    start();
    expect(generation.current()).toBeNull();
    await until(() => generation.current() === '7');
    // Just heard: some gateway process may not know it yet.
    expect(generation.settled('7')).toBe(false);
    await until(() => generation.settled('7'));
    answer = { generation: '8' };
    await until(() => generation.current() === '8');
    expect(generation.settled('7')).toBe(false);
    expect(generation.settled('8')).toBe(false);
  });

  it('tells none while the gateway caches nothing or does not answer', async () => {
    answer = { generation: '9' };
    start();
    await until(() => generation.current() === '9');
    answer = { generation: null };
    await until(() => generation.current() === null);
    answer = { generation: '9' };
    await until(() => generation.current() === '9');
    answer = 'fail';
    await until(() => generation.current() === null);
  });

  it('empties the cache when a generation lower than the last one comes (a process behind, Redis emptied)', async () => {
    answer = { generation: '12' };
    start();
    await until(() => generation.current() === '12');
    const before = setBacks;
    answer = { generation: '3' };
    await until(() => generation.current() === '3');
    expect(setBacks).toBe(before + 1);
    expect(generation.settled('3')).toBe(false);
    // Also after a moment without any generation told.
    answer = 'fail';
    await until(() => generation.current() === null);
    answer = { generation: '2' };
    await until(() => generation.current() === '2');
    expect(setBacks).toBe(before + 2);
  });
});
