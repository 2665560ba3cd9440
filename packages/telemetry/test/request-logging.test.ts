/**
 * The request log line of the gateway and of every subgraph names the path, but never a secret carried in it: a
 * member's calendar feed secret (`/calendar/<secret>.ics`) or a digest's unsubscribe token (`/unsubscribe/<token>`)
 * would otherwise sit in the logs of every request (security review, item 1).
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogging } from '../src/request-logging';

describe('request logging', () => {
  it('masks the secret of calendar feed and unsubscribe paths, and keeps other paths', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = express();
    app.use(requestLogging(logger));
    app.use((_req, res) => {
      res.status(200).send('ok');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const feedSecret = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
    const unsubscribe = `11111111-1111-4111-8111-111111111111.${'s'.repeat(86)}`;
    try {
      for (const path of [`/calendar/${feedSecret}.ics`, `/unsubscribe/${unsubscribe}?t=query-secret`, '/calendar.ics?commune=93039', '/graphql'])
        await (await fetch(`${origin}${path}`)).text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    const paths = lines.map((line) => (JSON.parse(line) as { req: { path: string } }).req.path);
    expect(paths).toEqual(['/calendar/[masqué].ics', '/unsubscribe/[masqué]', '/calendar.ics', '/graphql']);
    expect(lines.join('\n')).not.toContain(feedSecret);
    expect(lines.join('\n')).not.toContain(unsubscribe.split('.')[1]);
    expect(lines.join('\n')).not.toContain('query-secret');
  });

  it("keeps the caller's safe request id (header and log line), and replaces an unsafe one", async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = express();
    app.use(requestLogging(logger));
    app.use((req, res) => {
      req.log.info('inside');
      res.status(200).send(String(res.locals.requestId));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const kept = await fetch(`${origin}/`, { headers: { 'x-request-id': 'site-req-42' } });
      expect({ header: kept.headers.get('x-request-id'), locals: await kept.text() }).toEqual({ header: 'site-req-42', locals: 'site-req-42' });
      const replaced = await fetch(`${origin}/`, { headers: { 'x-request-id': 'bad id <script>' } });
      const id = replaced.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await replaced.text()).toBe(id);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const parsed = lines.map((line) => JSON.parse(line) as { msg: string; requestId: string; res?: { status: number } });
      expect(parsed.map((l) => [l.msg, l.requestId])).toEqual([
        ['inside', 'site-req-42'],
        ['request', 'site-req-42'],
        ['inside', id],
        ['request', id],
      ]);
      expect(parsed[1]!.res).toEqual({ status: 200 });
    } finally {
      server.close();
    }
  });

  it('writes a failed request at error level, and nothing for a success when the level is warn', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = express();
    app.use(express.json());
    app.use(requestLogging(logger));
    app.use((req, res) => {
      res.status(req.path === '/fails' ? 503 : 200).send('done');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${origin}/works`)).text();
      const body = JSON.stringify({ operationName: 'Agenda', query: '{ agenda { totalCount } }' });
      await (await fetch(`${origin}/fails`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).text();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({
      level: 50,
      msg: 'request failed',
      req: { method: 'POST', path: '/fails' },
      res: { status: 503 },
      operation: 'Agenda',
      err: { message: 'failed with status code 503' },
    });
    expect(typeof parsed[0]!.ms).toBe('number');
  });
});
