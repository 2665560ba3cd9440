// Security review, item 7: the feed poller fetches public web sites only. Every address a feed URL leads to — after
// DNS resolution and at every redirect — is checked, and the connection goes to the address checked. The tests' feed
// server is on loopback: loopback is allowed only with the tests' setting (FEED_ALLOW_LOOPBACK, refused in
// production), and the refusals are tested with it off.
import { NodeChild, withTimeout, type TestMember } from '@metropotes/test-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isPublicAddress, type Resolver } from '../src/feeds/address-policy';
import { fetchFeed } from '../src/feeds/feed-fetch';
import { pollFeeds } from '../src/feeds/feed-poller';
import { gqlData, startWorkersHarness, type WorkersHarness } from './support/workers-harness';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Initiatives</title><link>https://initiatives.example.org</link><description>Veille</description>
<item><title>Une recyclerie à Montreuil</title><link>https://initiatives.example.org/recyclerie</link></item>
</channel></rss>`;

const REFUSED = 'Adresse non autorisée : le flux doit être sur un site public.';
const TOO_MANY = 'Trop de redirections.';
const TIMED_OUT = "Le site n'a pas répondu à temps.";

describe('which addresses a feed may be fetched from', () => {
  it('refuses loopback, private, shared, link-local, multicast, unspecified, reserved and documentation addresses, IPv4 and IPv6', () => {
    const refused = [
      '127.0.0.1',
      '127.8.9.10',
      '10.0.0.1',
      '10.255.255.255',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '100.64.0.1',
      '100.127.255.254',
      '169.254.169.254',
      '169.254.0.1',
      '0.0.0.0',
      '0.1.2.3',
      '224.0.0.1',
      '239.255.255.250',
      '255.255.255.255',
      '240.0.0.1',
      '192.0.0.8',
      '192.0.2.1',
      '198.51.100.7',
      '203.0.113.9',
      '198.18.0.1',
      '::',
      '::1',
      'fe80::1',
      'fe80::1%eth0',
      'febf::1',
      'fc00::1',
      'fd12:3456:789a::1',
      'ff02::1',
      'ff05::2',
      'fec0::1',
      '2001:db8::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b::10.1.2.3',
      '::127.0.0.1',
      '2002:a00:1::1',
      '2001::1',
      '100::1',
      '64:ff9b:1::1',
      'localhost',
      'not an address',
      '',
    ];
    for (const address of refused) expect([address, isPublicAddress(address, { allowLoopback: false })]).toEqual([address, false]);
    const allowed = [
      '93.184.215.14',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '192.169.0.1',
      '2a00:1450:4007:80e::200e',
      '2606:4700::6810:84e5',
      '::ffff:93.184.215.14',
      '64:ff9b::5db8:d70e',
    ];
    for (const address of allowed) expect([address, isPublicAddress(address, { allowLoopback: false })]).toEqual([address, true]);
    // The tests' setting lets loopback through, nothing else.
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(isPublicAddress(address, { allowLoopback: true })).toBe(true);
    for (const address of ['10.0.0.1', '169.254.169.254', 'fd00::1', '::ffff:192.168.0.1', '0.0.0.0', '::'])
      expect(isPublicAddress(address, { allowLoopback: true })).toBe(false);
  });
});

describe('feed fetching refuses internal addresses (loopback HTTP server, gateway, guide)', () => {
  let harness: WorkersHarness;
  let server: Server;
  let port: number;
  let staff: TestMember;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      requests.push(path);
      const chain = /^\/chain\/(\d+)\/(\d+)$/.exec(path);
      if (chain) {
        const [left, total] = [Number(chain[1]), Number(chain[2])];
        if (left === 0) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS.replace('Initiatives', `Chaîne ${total}`));
        // Relative and absolute redirects alternate.
        const next = `/chain/${left - 1}/${total}`;
        return void res.writeHead(left % 2 ? 302 : 301, { location: left % 2 ? next : `http://127.0.0.1:${port}${next}` }).end();
      }
      const redirects: Record<string, string> = {
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-private': 'http://10.0.0.1/feed.xml',
        '/to-mapped': 'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
        '/to-unique-local': 'http://[fd00::1]/feed.xml',
        '/to-internal-name': `http://intranet.test:${port}/rss.xml`,
        '/to-file': 'file:///etc/passwd',
      };
      if (redirects[path]) return void res.writeHead(302, { location: redirects[path] }).end();
      if (path === '/rss.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
      if (path === '/drip.xml') {
        // Answers at once, then a byte every 200 ms: only a bound on the whole fetch stops it.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (path === '/chunked-huge.xml') {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        for (let i = 0; i < 30; i += 1) res.write('x'.repeat(1_000));
        return void res.end();
      }
      if (path === '/gzip-bomb.xml') {
        return void res
          .writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' })
          .end(gzipSync(Buffer.alloc(5_000_000, 32)));
      }
      if (path === '/gzip.xml')
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(RSS));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
    // The workers' own setting is off (the default): the tests below say when loopback is allowed.
    harness = await startWorkersHarness();
    staff = await harness.system.signUp({ role: 'STAFF' });
  });

  afterAll(async () => {
    await harness?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const limits = { timeoutMs: 1_500, maxBytes: 10_000 };
  const addSource = async (name: string, feedUrl: string) =>
    (
      await gqlData<{ addWatchSource: { id: string } }>(
        harness.system,
        `mutation A($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`,
        { input: { name, feedUrl } },
        staff.token,
      )
    ).addWatchSource.id;
  const pause = (id: string) => gqlData(harness.system, `mutation P($id: ID!) { pauseWatchSource(id: $id) { id } }`, { id }, staff.token);
  const lastErrors = async (ids: string[]) => {
    const { rows } = await harness.system.db.query(`SELECT id, last_error FROM guide.watch_sources WHERE id = ANY($1::uuid[])`, [ids]);
    return Object.fromEntries(rows.map((r) => [r.id, r.last_error as string | null]));
  };

  it('with loopback not allowed (production): a loopback URL, localhost and internal addresses are refused without a request; lastError says so in French, no address in it', async () => {
    const urls = [
      `http://127.0.0.1:${port}/rss.xml`,
      `http://localhost:${port}/rss.xml`,
      `http://[::1]:${port}/rss.xml`,
      `http://[::ffff:127.0.0.1]:${port}/rss.xml`,
      // Other spellings of 127.0.0.1 (the URL parser reads them as that address).
      `http://2130706433:${port}/rss.xml`,
      `http://0x7f.1:${port}/rss.xml`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/feed.xml',
      'http://192.168.1.1/feed.xml',
      'http://100.64.0.1/feed.xml',
      'http://0.0.0.0/feed.xml',
      'http://[fd00::1]/feed.xml',
      'http://[fe80::1]/feed.xml',
    ];
    const ids = [];
    // A query string of its own: the guide refuses a feed it already follows, and some spellings name the same address.
    for (const [i, url] of urls.entries()) ids.push(await addSource(`Interne ${i}`, `${url}?source=${i}`));
    const seen = requests.length;
    expect(await pollFeeds(harness.runtime, { ...limits, allowLoopback: false })).toEqual({
      sources: urls.length,
      created: 0,
      unchanged: 0,
      failed: urls.length,
    });
    expect(requests.length).toBe(seen);
    const errors = await lastErrors(ids);
    for (const id of ids) expect(errors[id]).toBe(REFUSED);
    for (const id of ids) await pause(id);
  });

  it('a host name that resolves to an internal address is refused, whatever else it resolves to; the connection goes to the address checked', async () => {
    const resolveTo = (addresses: string[]): Resolver & { calls: string[] } => {
      const calls: string[] = [];
      return Object.assign(
        async (hostname: string) => {
          calls.push(hostname);
          return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
        },
        { calls },
      );
    };
    const headers = {};
    const fetchWith = (url: string, addresses: string[], allowLoopback = false) =>
      fetchFeed(url, { ...limits, headers, allowLoopback, resolve: resolveTo(addresses) });
    await expect(fetchWith('http://feeds.example.org/rss.xml', ['10.1.2.3'])).rejects.toThrow(REFUSED);
    await expect(fetchWith('http://feeds.example.org/rss.xml', ['93.184.215.14', '192.168.0.10'])).rejects.toThrow(REFUSED);
    await expect(fetchWith('http://feeds.example.org/rss.xml', ['2606:4700::6810:84e5', 'fd00::5'])).rejects.toThrow(REFUSED);
    await expect(fetchWith('http://feeds.example.org/rss.xml', ['::ffff:169.254.169.254'])).rejects.toThrow(REFUSED);
    // Loopback (the tests' server) with the tests' setting: a name no DNS knows is fetched from the address the
    // resolver gave, once (no second lookup that could answer something else).
    const resolver = resolveTo(['127.0.0.1']);
    const fetched = await fetchFeed(`http://feeds.test:${port}/rss.xml`, { ...limits, headers, allowLoopback: true, resolve: resolver });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toContain('Une recyclerie à Montreuil');
    expect(resolver.calls).toEqual(['feeds.test']);
    // The same name resolving to loopback with the setting off: refused.
    await expect(fetchWith(`http://feeds.test:${port}/rss.xml`, ['127.0.0.1'])).rejects.toThrow(REFUSED);
  });

  it('every redirect is checked: to the metadata address, a private, mapped or unique-local address, an internal name or another scheme, refused', async () => {
    const internalName: Resolver = async () => [{ address: '10.20.30.40', family: 4 }];
    for (const path of ['/to-metadata', '/to-private', '/to-mapped', '/to-unique-local', '/to-internal-name', '/to-file']) {
      await expect(
        fetchFeed(`http://127.0.0.1:${port}${path}`, { ...limits, headers: {}, allowLoopback: true, resolve: internalName }),
      ).rejects.toThrow(REFUSED);
    }
    // Through the poller: the refusal is what staff read on the source.
    const id = await addSource('Redirige vers le cloud', `http://127.0.0.1:${port}/to-metadata`);
    await pollFeeds(harness.runtime, { ...limits, allowLoopback: true });
    expect((await lastErrors([id]))[id]).toBe(REFUSED);
    await pause(id);
  });

  it('at most 5 redirects are followed: 5 arrive, 6 give « Trop de redirections. »', async () => {
    const five = await fetchFeed(`http://127.0.0.1:${port}/chain/5/5`, { ...limits, headers: {}, allowLoopback: true });
    expect(five.body).toContain('Chaîne 5');
    const before = requests.length;
    await expect(fetchFeed(`http://127.0.0.1:${port}/chain/6/6`, { ...limits, headers: {}, allowLoopback: true })).rejects.toThrow(TOO_MANY);
    // The sixth redirect is not followed.
    expect(requests.slice(before)).toEqual(['/chain/6/6', '/chain/5/6', '/chain/4/6', '/chain/3/6', '/chain/2/6', '/chain/1/6']);
    const id = await addSource('Redirections sans fin', `http://127.0.0.1:${port}/chain/9/9`);
    await pollFeeds(harness.runtime, { ...limits, allowLoopback: true });
    expect((await lastErrors([id]))[id]).toBe(TOO_MANY);
    await pause(id);
  });

  it('bounded in time (a feed that drips) and in size (chunked, or compressed to look small); a compressed feed is read', async () => {
    const options = { ...limits, headers: {}, allowLoopback: true };
    const started = Date.now();
    await expect(fetchFeed(`http://127.0.0.1:${port}/drip.xml`, options)).rejects.toThrow(TIMED_OUT);
    expect(Date.now() - started).toBeLessThan(limits.timeoutMs + 1_000);
    await expect(fetchFeed(`http://127.0.0.1:${port}/chunked-huge.xml`, options)).rejects.toThrow('Le flux est trop volumineux (plus de 10 ko).');
    await expect(fetchFeed(`http://127.0.0.1:${port}/gzip-bomb.xml`, options)).rejects.toThrow('Le flux est trop volumineux (plus de 10 ko).');
    expect((await fetchFeed(`http://127.0.0.1:${port}/gzip.xml`, options)).body).toBe(RSS);
  });
});

test('FEED_ALLOW_LOOPBACK is refused in production', async () => {
  const child = new NodeChild('services/workers/src/index.ts', 'services/workers/tsconfig.json', {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    REDIS_URL: 'redis://127.0.0.1:1',
    SYSTEM_PRIVATE_KEY: 'pem',
    PUBLIC_URL: 'https://metropotes.example.org',
    SMTP_URL: 'smtp://127.0.0.1:1',
    CLOCK_START: '',
    FEED_ALLOW_LOOPBACK: 'true',
  });
  const exit = await withTimeout(child.exited, 30_000, 'the workers to stop');
  expect(exit.code).toBe(78);
  expect(child.output).toContain('config error: FEED_ALLOW_LOOPBACK: tests only');
});
