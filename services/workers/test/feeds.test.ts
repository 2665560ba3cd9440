import type { TestMember } from '@metropotes/test-kit';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseFeed, pollFeeds } from '../src/feeds/feed-poller';
import { gqlData, startWorkersHarness, type WorkersHarness } from './support/workers-harness';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Initiatives</title><link>https://initiatives.example.org</link><description>Veille</description>
<item><title>Un jardin partagé à L'Île-Saint-Denis</title><link>https://initiatives.example.org/jardin</link><description>Les habitant·es cultivent ensemble.</description><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item>
<item><title>Une ressourcerie à Montreuil</title><link>https://initiatives.example.org/ressourcerie?utm_source=rss</link><pubDate>Sun, 22 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Sans lien</title></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:x</id><updated>2026-11-23T08:00:00Z</updated>
<entry><title>Conseil citoyen de Bobigny</title><link href="https://atom.example.org/bobigny"/><id>urn:1</id><updated>2026-11-23T08:00:00Z</updated><summary>Réunion publique.</summary></entry>
</feed>`;

describe('feed poller of the veille (loopback HTTP feeds, gateway, guide)', () => {
  let harness: WorkersHarness;
  let server: Server;
  let base: string;
  let staff: TestMember;
  const requests: { path: string; ifNoneMatch?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      requests.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
      if (req.url === '/rss.xml') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(RSS);
      }
      if (req.url === '/atom.xml') return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(ATOM);
      if (req.url === '/broken.xml') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Pas un flux</body>');
      if (req.url === '/huge.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('x'.repeat(20_000));
      if (req.url === '/slow.xml') return void setTimeout(() => res.writeHead(200).end(RSS), 3_000);
      res.writeHead(500).end('oops');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    harness = await startWorkersHarness();
    staff = await harness.system.signUp({ role: 'STAFF' });
  });

  afterAll(async () => {
    await harness?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const addSource = async (name: string, path: string) => {
    const data = await gqlData<{ addWatchSource: { id: string } }>(
      harness.system,
      `mutation A($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`,
      { input: { name, feedUrl: `${base}${path}` } },
      staff.token,
    );
    return data.addWatchSource.id;
  };

  it('parses RSS and Atom, keeping entries with a web link only', async () => {
    expect((await parseFeed(RSS)).map((i) => i.url)).toEqual([
      'https://initiatives.example.org/jardin',
      'https://initiatives.example.org/ressourcerie?utm_source=rss',
    ]);
    expect(await parseFeed(ATOM)).toEqual([
      {
        url: 'https://atom.example.org/bobigny',
        title: 'Conseil citoyen de Bobigny',
        summary: 'Réunion publique.',
        publishedAt: '2026-11-23T08:00:00.000Z',
      },
    ]);
  });

  it('polled twice gives one set of items (conditional GET the second time); broken, failing, huge and slow feeds get their error recorded, the others go on', async () => {
    const rss = await addSource('Initiatives RSS', '/rss.xml');
    const atom = await addSource('Initiatives Atom', '/atom.xml');
    const broken = await addSource('Flux cassé', '/broken.xml');
    const failing = await addSource('Flux en panne', '/down.xml');
    const huge = await addSource('Flux énorme', '/huge.xml');
    const slow = await addSource('Flux lent', '/slow.xml');
    const { runtime, system } = harness;
    // The tests' feed server is on loopback: allowed by the tests' setting only (feeds-ssrf.test.ts tests the refusals).
    const limits = { timeoutMs: 1_000, maxBytes: 10_000, allowLoopback: true };

    expect(await pollFeeds(runtime, limits)).toEqual({ sources: 6, created: 3, unchanged: 0, failed: 4 });
    expect(await pollFeeds(runtime, limits)).toEqual({ sources: 6, created: 0, unchanged: 1, failed: 4 });
    expect(requests.filter((r) => r.path === '/rss.xml').map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);

    const items = await system.db.query(`SELECT source_id, url, title, status FROM guide.watch_items ORDER BY url`);
    expect(items.rows.map((r) => [r.source_id, r.url])).toEqual([
      [atom, 'https://atom.example.org/bobigny'],
      [rss, 'https://initiatives.example.org/jardin'],
      [rss, 'https://initiatives.example.org/ressourcerie?utm_source=rss'],
    ]);
    const errors = await system.db.query(`SELECT id, last_error, last_fetched_at FROM guide.watch_sources`);
    const errorOf = Object.fromEntries(errors.rows.map((r) => [r.id, r.last_error]));
    expect(errorOf[rss]).toBeNull();
    expect(errorOf[atom]).toBeNull();
    expect(errorOf[broken]).toBe("Le flux n'est pas un RSS ou Atom lisible.");
    expect(errorOf[failing]).toBe('Le flux a répondu HTTP 500.');
    expect(errorOf[huge]).toBe('Le flux est trop volumineux (plus de 10 ko).');
    expect(errorOf[slow]).toBe("Le site n'a pas répondu à temps.");
  }, 30_000);
});
