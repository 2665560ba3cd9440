/**
 * The cache of visitors' pages (server/page-cache.ts), over HTTP against the built site and the whole system with the
 * gateway's public cache on (the test kit turns it off elsewhere): a visitor's agenda comes from the cache the second
 * time, compressed, without reaching the gateway (its requests counted in the site's own log lines); a staff change
 * made through the gateway shows on visitors' pages within a second; a member's page is never read from the cache nor
 * kept in it; a page whose gateway answer is not public, an error page and a redirect are not kept; and an entry ends
 * at midnight in Paris by the site's clock (a second site started just before it).
 */
import { randomUUID } from 'node:crypto';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let system: TestSystem;
let web: RunningWeb;
let staff: TestMember;
let eventId: string;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({
    // Wednesday 10 June 2026, 10:00 in Paris, whatever TEST_NOW says: the last test names the site's midnight.
    now: new Date('2026-06-10T08:00:00.000Z'),
    gateway: { publicCache: true },
  });
  web = await startWeb({ port: await freePort(), gatewayUrl: system.url, env: { CLOCK_START: system.env.CLOCK_START!, LOG_LEVEL: 'debug' } });
  staff = await system.signUp({ role: 'STAFF' });
  eventId = await createEvent('Atelier vélo', '2026-06-11T16:00:00.000Z');
}, 240_000);

afterAll(async () => {
  await web?.stop();
  await system?.stop();
});

async function createEvent(title: string, startsAt: string): Promise<string> {
  const created = await system.gql<{ createEvent: { id: string } }>(
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        kind: 'ATELIER',
        themes: ['TRANSPORTS'],
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString(),
        venue: { name: 'Maison des associations', communeCode: '93066' },
      },
    },
    staff.token,
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createEvent.id;
}

interface Answer {
  status: number;
  cache: string | null;
  encoding: string | null;
  html: string;
  /** The requests the site made to the gateway for this page (its debug log lines, by request id). */
  gatewayRequests: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A page as a browser asks it (no encoding unless given), with its gateway requests counted from the site's log. */
async function ask(site: RunningWeb, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const requestId = `page-cache-${randomUUID()}`;
  // node:http rather than fetch(), which asks for compression on its own and hides what was sent.
  const response = await new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = get(`${site.url}${path}`, { headers: { 'x-request-id': requestId, ...headers } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    });
    request.on('error', reject);
  });
  const encoding = response.headers['content-encoding'] ?? null;
  const { body } = response;
  const html = (encoding === 'gzip' ? gunzipSync(body) : encoding === 'br' ? brotliDecompressSync(body) : body).toString('utf8');
  // The request's own log line comes after those of its gateway requests: once it is there, the count is complete.
  const lines = () =>
    site
      .output()
      .split('\n')
      .filter((line) => line.includes(`"requestId":"${requestId}"`));
  const deadline = Date.now() + 5000;
  while (!lines().some((line) => line.includes('"msg":"request"')) && Date.now() < deadline) await sleep(20);
  const cache = response.headers['x-cache'];
  return {
    status: response.status,
    cache: typeof cache === 'string' ? cache : null,
    encoding,
    html,
    gatewayRequests: lines().filter((line) => line.includes('"msg":"gateway request"')).length,
  };
}

/**
 * Waits until the site keeps pages: a new generation is written to only once it has been known for a second (every
 * gateway process has heard of it by then). A probe page of its own address, asked twice, is a hit then.
 */
async function settled(site: RunningWeb): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = `/charte?sonde=${randomUUID()}`;
    await ask(site, probe);
    if ((await ask(site, probe)).cache === 'hit') return;
    if (Date.now() > deadline) throw new Error(`the site kept no page in 15 s:\n${site.output().slice(-3000)}`);
    await sleep(200);
  }
}

const EVENT_TITLE = /<a href="\/evenements\/[^"]+"[^>]*>([^<]+)<\/a>/g;
const titlesIn = (html: string) => [...html.matchAll(EVENT_TITLE)].map((m) => m[1]);

describe("a visitor's page", () => {
  it('comes from the cache the second time, without the gateway, compressed as asked', async () => {
    await settled(web);
    const first = await ask(web, '/agenda?type=ATELIER');
    expect(first).toMatchObject({ status: 200, cache: 'miss', gatewayRequests: 1 });
    expect(titlesIn(first.html)).toContain('Atelier vélo');

    const second = await ask(web, '/agenda?type=ATELIER');
    expect(second).toMatchObject({ status: 200, cache: 'hit', gatewayRequests: 0, encoding: null });
    expect(second.html).toBe(first.html);
    // The variants kept with it: Brotli when the browser takes it, else gzip.
    const br = await ask(web, '/agenda?type=ATELIER', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br).toMatchObject({ cache: 'hit', encoding: 'br', gatewayRequests: 0, html: first.html });
    const gzip = await ask(web, '/agenda?type=ATELIER', { 'accept-encoding': 'gzip' });
    expect(gzip).toMatchObject({ cache: 'hit', encoding: 'gzip', gatewayRequests: 0, html: first.html });

    // The page holds no nonce, and a hit keeps every security header, with this request's own nonce.
    const hit = await fetch(`${web.url}/agenda?type=ATELIER`);
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(hit.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(hit.headers.get('x-frame-options')).toBe('DENY');
    expect(hit.headers.get('cache-control')).toBe('private, no-cache');
    expect(hit.headers.get('x-request-id')).toBeTruthy();
    expect(first.html).not.toMatch(/\bnonce=/);

    // The event's own page and a Markdown page are kept alike; HEAD is answered from the entry.
    await ask(web, `/evenements/${eventId}`);
    expect(await ask(web, `/evenements/${eventId}`)).toMatchObject({ cache: 'hit', gatewayRequests: 0 });
    const head = await fetch(`${web.url}/evenements/${eventId}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-cache')).toBe('hit');
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
  });

  it('shows a staff change made through the gateway within a second', async () => {
    await settled(web);
    await ask(web, '/agenda');
    const before = await ask(web, '/agenda');
    expect(before.cache).toBe('hit');
    expect(titlesIn(before.html)).toContain('Atelier vélo');

    const renamed = await system.gql(
      `mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
      { id: eventId, input: { title: 'Atelier réparation de vélos' } },
      staff.token,
    );
    expect(renamed.errors).toBeUndefined();
    const changedAt = Date.now();
    let seen = before;
    while (!titlesIn(seen.html).includes('Atelier réparation de vélos') && Date.now() - changedAt < 1000) {
      await sleep(50);
      seen = await ask(web, '/agenda');
    }
    expect(titlesIn(seen.html)).toContain('Atelier réparation de vélos');
    expect(titlesIn(seen.html)).not.toContain('Atelier vélo');
    expect(seen.cache).toBe('miss');
    expect((await ask(web, `/evenements/${eventId}`)).html).toContain('Atelier réparation de vélos');

    // Cancelled: the same, on the event's page.
    await settled(web);
    await ask(web, `/evenements/${eventId}`);
    expect((await ask(web, `/evenements/${eventId}`)).cache).toBe('hit');
    const cancelled = await system.gql(
      `mutation X($id: ID!) { cancelEvent(id: $id, reason: "La salle n'est plus disponible.") { id } }`,
      { id: eventId },
      staff.token,
    );
    expect(cancelled.errors).toBeUndefined();
    const cancelledAt = Date.now();
    let page = await ask(web, `/evenements/${eventId}`);
    while (
      !page.html.includes("La salle n'est plus disponible") &&
      !page.html.includes('La salle n&#x27;est plus disponible') &&
      Date.now() - cancelledAt < 1000
    ) {
      await sleep(50);
      page = await ask(web, `/evenements/${eventId}`);
    }
    expect(page.html).toMatch(/La salle n(?:'|&#x27;)est plus disponible/);
  });
});

describe('what is never kept', () => {
  it("a member's page: never read from the cache nor written to it", async () => {
    const member = await system.signUp({ displayName: 'Nadia Membre' });
    const logIn = await fetch(`${web.url}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.url },
      body: new URLSearchParams({ email: member.email, password: member.password, retour: '/agenda' }).toString(),
      redirect: 'manual',
    });
    expect(logIn.status).toBe(303);
    const cookie = /^([^;]+)/.exec(logIn.headers.get('set-cookie') ?? '')![1]!;

    await settled(web);
    // The visitors' copy of the agenda is there…
    await ask(web, '/agenda');
    expect((await ask(web, '/agenda')).cache).toBe('hit');
    // …but the member's agenda is made for them each time.
    for (let i = 0; i < 2; i += 1) {
      const mine = await ask(web, '/agenda', { cookie });
      expect(mine).toMatchObject({ status: 200, cache: 'bypass', gatewayRequests: 1 });
      expect(mine.html).toContain('Mon espace');
    }
    // A page a member asks first is not kept for visitors.
    const fresh = `/agenda?theme=TRANSPORTS&sonde=${randomUUID()}`;
    expect(await ask(web, fresh, { cookie })).toMatchObject({ cache: 'bypass', gatewayRequests: 1 });
    const visitor = await ask(web, fresh);
    expect(visitor).toMatchObject({ cache: 'miss', gatewayRequests: 1 });
    expect(visitor.html).toContain('Se connecter');
    expect(visitor.html).not.toContain('Mon espace');
    // A session cookie that no longer opens is a session cookie all the same.
    expect((await ask(web, '/agenda', { cookie: 'metropotes_session=plus-valable' })).cache).toBe('bypass');
  });

  it('a page whose gateway answer is not public (the groups: their answer says no-store)', async () => {
    await settled(web);
    for (let i = 0; i < 2; i += 1) expect(await ask(web, '/groupes')).toMatchObject({ status: 200, cache: 'miss', gatewayRequests: 1 });
    expect(web.output()).toContain('"reason":"a gateway answer not public, or a failure"');
  });

  it('an error page, a redirect, a page outside the public ones', async () => {
    await settled(web);
    const unknown = `/evenements/${randomUUID()}`;
    for (let i = 0; i < 2; i += 1) expect(await ask(web, unknown)).toMatchObject({ status: 404, cache: 'miss', gatewayRequests: 1 });
    // The agenda's GET form sends its empty fields: a redirect to the clean address.
    for (let i = 0; i < 2; i += 1) expect(await ask(web, '/agenda?type=&theme=')).toMatchObject({ status: 302, cache: 'miss' });
    for (let i = 0; i < 2; i += 1) expect((await ask(web, '/inscription')).cache).toBeNull();
  });
});

describe("the site's clock", () => {
  let late: RunningWeb;
  afterAll(async () => {
    await late?.stop();
  });

  it('ends an entry at midnight in Paris: « today » is not kept into the next day', async () => {
    // A second site whose clock reads 23:59:20 in Paris on 10 June when it starts (the gateway's events answer lives
    // 60 s): midnight comes at most 40 s after it is up, while an entry kept for its 60 s would outlive it by 20 s.
    late = await startWeb({ port: await freePort(), gatewayUrl: system.url, env: { CLOCK_START: '2026-06-10T21:59:20.000Z', LOG_LEVEL: 'debug' } });
    const up = Date.now();
    const today = (html: string) => /aria-current="date"><p class="agenda-month__date"><time dateTime="([\d-]+)"/.exec(html)?.[1];
    await settled(late);
    const first = await ask(late, '/agenda?vue=mois&mois=2026-06');
    expect(today(first.html)).toBe('2026-06-10');
    // Pages of the 10th (from the cache: hits), until one of the 11th. On a loaded machine a page may be made again
    // meanwhile (a change elsewhere, the gateway slow to tell its generation): it is then of the 10th again.
    let hits = 0;
    let next = first;
    while (today(next.html) === '2026-06-10') {
      expect(Date.now() - up).toBeLessThan(55_000);
      await sleep(250);
      next = await ask(late, '/agenda?vue=mois&mois=2026-06');
      if (next.cache === 'hit' && today(next.html) === '2026-06-10') hits += 1;
    }
    expect(hits).toBeGreaterThan(0);
    // The first page of the 11th is made again, not an entry of the day before, and shows the 11th as today.
    expect(next.cache).not.toBe('hit');
    expect(today(next.html)).toBe('2026-06-11');
  }, 150_000);
});
