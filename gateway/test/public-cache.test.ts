/**
 * The public read cache (src/public-cache.ts), through the gateway to the subgraphs and Redis: anonymous reads of
 * public data come from Redis without reaching any subgraph; a change (publication, moderation, registration) empties
 * it at once, for every gateway process; a signed-in viewer or a private field never shares an answer. Each subgraph
 * is reached through a counting HTTP relay, so "reaches no subgraph" is counted, not assumed.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@metropotes/config';
import { postGraphQL, startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { gatewayConfigFrom, SUBGRAPHS, type GatewayConfig } from '../src/env';
import { startGateway, type RunningGateway } from '../src/server';

type SubgraphName = (typeof SUBGRAPHS)[number];

/** An HTTP relay in front of one subgraph that counts the GraphQL requests it forwards. */
class CountingRelay {
  count = 0;
  private server: Server | null = null;
  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        if (req.method === 'POST') this.count += 1;
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name)),
        ) as Record<string, string>;
        const upstream = await fetch(new URL(req.url ?? '/', this.target), {
          method: req.method,
          headers,
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await upstream.arrayBuffer());
        const out: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
        });
        res.writeHead(upstream.status, out).end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${new URL(this.target).pathname}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const AGENDA = `query Agenda($first: Int!) {
  agenda(first: $first) { edges { node { id title status startsAt spotsLeft venue { name commune { code name } } } } pageInfo { hasNextPage endCursor } totalCount }
  territories { code name communes { code name } }
}`;
const EVENT = `query Event($id: ID!) { event(id: $id) { id title spotsLeft organizer { id displayName } venue { commune { name } } } }`;

let system: TestSystem;
let staff: TestMember;
let member: TestMember;
let systemToken: string;
const relays = {} as Record<SubgraphName, CountingRelay>;
let relayedConfig: GatewayConfig;
let other: RunningGateway;
const started: Date[] = [];

const requests = () => SUBGRAPHS.reduce((sum, name) => sum + relays[name].count, 0);
const anonymous = <T>(query: string, variables: Record<string, unknown> = {}, url = system.url) => postGraphQL<T>(url, query, variables);

let gateway: RunningGateway;

/** Staff create a published event through the gateway under test (its change empties the cache at once). */
async function createEvent(title: string, capacity: number | null = null): Promise<string> {
  const startsAt = new Date(system.clock.now().getTime() + (10 + started.length) * 86_400_000);
  started.push(startsAt);
  const res = await postGraphQL<{ createEvent: { id: string } }>(
    gateway.url,
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        kind: 'ATELIER',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
        venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
        capacity,
      },
    },
    { token: staff.token },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createEvent.id;
}

type AgendaData = { agenda: { edges: { node: { id: string; title: string; spotsLeft: number | null } }[] } };
const titles = (data: AgendaData | null | undefined) => data!.agenda.edges.map((e) => e.node.title);

beforeAll(async () => {
  system = await startTestSystem();
  // The gateway of the kit talks to the subgraphs directly; the gateways of this file go through counting relays.
  const base = gatewayConfigFrom({ ...system.env, GATEWAY_PORT: '0' });
  const subgraphs = { ...base.subgraphs };
  for (const name of SUBGRAPHS) {
    relays[name] = new CountingRelay(base.subgraphs[name].url);
    subgraphs[name] = { ...base.subgraphs[name], url: await relays[name].start() };
  }
  relayedConfig = { ...base, subgraphs, publicCache: true };
  staff = await system.signUp({ role: 'STAFF' });
  member = await system.signUp();
  systemToken = await system.systemToken();
}, 120_000);

afterAll(async () => {
  await other?.stop();
  for (const relay of Object.values(relays)) await relay?.stop();
  await system?.stop();
});

describe('the public read cache', () => {
  beforeAll(async () => {
    gateway = await startGateway(relayedConfig, createLogger('gateway-a', 'silent'));
    other = await startGateway(relayedConfig, createLogger('gateway-b', 'silent'));
  });
  afterAll(() => gateway?.stop());

  it('answers an anonymous agenda a second time without reaching any subgraph', async () => {
    await createEvent('Pot du pote de la Plaine');
    const first = await anonymous<AgendaData>(AGENDA, { first: 20 }, gateway.url);
    expect(first.errors).toBeUndefined();
    expect(titles(first.data)).toContain('Pot du pote de la Plaine');
    const before = requests();
    expect(before).toBeGreaterThan(0);
    const second = await anonymous<AgendaData>(AGENDA, { first: 20 }, gateway.url);
    expect(second).toEqual(first);
    expect(requests()).toBe(before);
    // Other variables are another answer.
    await anonymous<AgendaData>(AGENDA, { first: 5 }, gateway.url);
    expect(requests()).toBeGreaterThan(before);
  });

  it('collapses identical misses arriving together into one request per subgraph', async () => {
    await createEvent('Atelier compost'); // a change: the cache is empty
    const before = { events: relays.events.count, members: relays.members.count };
    const answers = await Promise.all(Array.from({ length: 12 }, () => anonymous<AgendaData>(AGENDA, { first: 20 }, gateway.url)));
    for (const answer of answers) expect(titles(answer.data)).toContain('Atelier compost');
    // The agenda (events), then the communes and territories (members): one request each, not twelve.
    expect(relays.events.count - before.events).toBe(1);
    expect(relays.members.count - before.members).toBeLessThanOrEqual(2);
  });

  it('drops an event hidden by moderation from the cached agenda at once', async () => {
    const id = await createEvent('Réunion à cacher');
    expect(titles((await anonymous<AgendaData>(AGENDA, { first: 20 }, gateway.url)).data)).toContain('Réunion à cacher');
    const cached = requests();
    expect(titles((await anonymous<AgendaData>(AGENDA, { first: 20 }, gateway.url)).data)).toContain('Réunion à cacher');
    expect(requests()).toBe(cached);
    // The workers apply the staff's decision through the gateway, as the system.
    const hide = await postGraphQL(
      gateway.url,
      `mutation H($input: ApplyModerationActionInput!) { applyEventModerationAction(input: $input) { appliedAt } }`,
      { input: { targetType: 'EVENT', targetId: id, action: 'HIDE', decisionId: randomUUID() } },
      { token: systemToken },
    );
    expect(hide.errors).toBeUndefined();
    expect(titles((await anonymous<AgendaData>(AGENDA, { first: 20 }, gateway.url)).data)).not.toContain('Réunion à cacher');
    expect((await anonymous<{ event: unknown }>(EVENT, { id }, gateway.url)).data?.event).toBeNull();
  });

  it('shows the places left once a member registers', async () => {
    const id = await createEvent('Formation animer une réunion', 5);
    const read = async () => (await anonymous<{ event: { spotsLeft: number } }>(EVENT, { id }, gateway.url)).data!.event.spotsLeft;
    expect(await read()).toBe(5);
    const cached = requests();
    expect(await read()).toBe(5);
    expect(requests()).toBe(cached);
    const registered = await postGraphQL(
      gateway.url,
      `mutation R($id: ID!) { registerForEvent(eventId: $id) { status } }`,
      { id },
      { token: member.token },
    );
    expect(registered.errors).toBeUndefined();
    expect(await read()).toBe(4);
  });

  it('never shares an answer with a signed-in viewer, nor one holding a private field', async () => {
    const draft = await system.gql<{ createEvent: { id: string } }>(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Brouillon de l’équipe',
          kind: 'ATELIER',
          draft: true,
          startsAt: new Date(system.clock.now().getTime() + 40 * 86_400_000).toISOString(),
          endsAt: new Date(system.clock.now().getTime() + 40 * 86_400_000 + 3_600_000).toISOString(),
          onlineUrl: 'https://visio.example.org/brouillon',
        },
      },
      staff.token,
    );
    expect(draft.errors).toBeUndefined();
    // Cached for visitors, without the draft.
    expect(titles((await anonymous<AgendaData>(AGENDA, { first: 50 }, gateway.url)).data)).not.toContain('Brouillon de l’équipe');
    await anonymous<AgendaData>(AGENDA, { first: 50 }, gateway.url);
    // The staff's agenda is theirs: it reaches the subgraphs, every time, shows the draft, and tells HTTP caches so.
    for (let i = 0; i < 2; i++) {
      const before = requests();
      const mine = await postGraphQL<AgendaData>(gateway.url, AGENDA, { first: 50 }, { token: staff.token });
      expect(titles(mine.data)).toContain('Brouillon de l’équipe');
      expect(requests()).toBeGreaterThan(before);
    }
    const head = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
      body: JSON.stringify({ query: AGENDA, variables: { first: 50 } }),
    });
    expect(head.headers.get('cache-control') ?? 'no-store').not.toMatch(/public/);
    // A member's own fields (PRIVATE) never come from the cache: each read reaches the members subgraph.
    for (let i = 0; i < 2; i++) {
      const before = relays.members.count;
      const me = await postGraphQL<{ me: { email: string } }>(gateway.url, `{ me { id email } }`, {}, { token: member.token });
      expect(me.data?.me.email).toBe(member.email);
      expect(relays.members.count).toBeGreaterThan(before);
    }
    // An anonymous answer holding a PRIVATE field (one's registration) is not kept either.
    const id = await createEvent('Atelier vélo');
    const PRIVATE_READ = `query P($id: ID!) { event(id: $id) { id title myRegistration { status } } }`;
    for (let i = 0; i < 2; i++) {
      const before = relays.events.count;
      const answer = await anonymous<{ event: { title: string } }>(PRIVATE_READ, { id }, gateway.url);
      expect(answer.data?.event.title).toBe('Atelier vélo');
      expect(relays.events.count).toBeGreaterThan(before);
    }
  });

  it('does not read Redis again for an anonymous read whose answer could not be cached', async () => {
    // Every GET of the cache's keys, seen by Redis itself (MONITOR); a marker GET tells when Redis has seen the rest.
    const IORedis = (await import('ioredis')).default;
    const keys = `${relayedConfig.redis.prefix}:public-cache:fqc:`;
    const client = new IORedis(relayedConfig.redis.url);
    const monitor = await new IORedis(relayedConfig.redis.url).monitor();
    const reads: string[] = [];
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (String(args[0]).toLowerCase() === 'get' && String(args[1]).startsWith(keys)) reads.push(String(args[1]));
    });
    const cacheReadsOf = async (read: () => Promise<unknown>) => {
      const before = reads.filter((key) => !key.includes('marker')).length;
      await read();
      const marker = `${keys}marker-${randomUUID()}`;
      await client.get(marker);
      while (!reads.includes(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
      return reads.filter((key) => !key.includes('marker')).length - before;
    };
    try {
      const id = await createEvent('Atelier couture');
      // An answer holding a PRIVATE field is never cached: after the first miss, its reads skip the cache.
      const PRIVATE_READ = `query P($id: ID!) { event(id: $id) { id title myRegistration { status } } }`;
      const privateRead = async () =>
        expect((await anonymous<{ event: { title: string } }>(PRIVATE_READ, { id }, gateway.url)).data?.event.title).toBe('Atelier couture');
      expect(await cacheReadsOf(privateRead)).toBe(1);
      expect(await cacheReadsOf(privateRead)).toBe(0);
      expect(await cacheReadsOf(privateRead)).toBe(0);
      // A cacheable read is read from Redis once (a miss, then stored); then each gateway process answers it from
      // its own memory (PublicAnswerCache) without reading Redis. The workers' own changes (jobs of the event just
      // created) may empty the cache meanwhile: a read during which the generation moved is taken again.
      const generationOf = async (url: string) =>
        ((await (await fetch(new URL('/public-cache/generation', url))).json()) as { generation: string }).generation;
      const readsInOneGeneration = async (url: string) => {
        for (;;) {
          const before = await generationOf(url);
          const counts: number[] = [];
          for (let i = 0; i < 3; i++) counts.push(await cacheReadsOf(() => anonymous<AgendaData>(AGENDA, { first: 7 }, url)));
          if ((await generationOf(url)) === before) return counts;
        }
      };
      for (const url of [gateway.url, other.url]) {
        const [first, ...then] = await readsInOneGeneration(url);
        expect(first).toBeLessThanOrEqual(1); // 0 if this process already holds it
        expect(then).toEqual([0, 0]);
      }
    } finally {
      monitor.disconnect();
      client.disconnect();
    }
  });

  it('is emptied for every gateway process by a change made through another one', async () => {
    const id = await createEvent('Titre avant');
    const readOnA = async () => titles((await anonymous<AgendaData>(AGENDA, { first: 50 }, gateway.url)).data);
    expect(await readOnA()).toContain('Titre avant');
    const cached = requests();
    expect(await readOnA()).toContain('Titre avant');
    expect(requests()).toBe(cached);
    // The change goes through the other gateway process; the first one learns it by Redis within a second.
    const updated = await postGraphQL(
      other.url,
      `mutation U($id: ID!) { updateEvent(id: $id, input: { title: "Titre après" }) { id } }`,
      { id },
      { token: staff.token },
    );
    expect(updated.errors).toBeUndefined();
    const deadline = Date.now() + 1000;
    let seen = await readOnA();
    while (!seen.includes('Titre après') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await readOnA();
    }
    expect(seen).toContain('Titre après');
    expect(seen).not.toContain('Titre avant');
  });

  it('tells its generation to the web site, which grows with every change, on every gateway process', async () => {
    const generationOf = async (url: string) => {
      const res = await fetch(new URL('/public-cache/generation', url));
      expect(res.headers.get('cache-control')).toBe('no-store');
      return ((await res.json()) as { generation: string | null }).generation;
    };
    const before = await generationOf(gateway.url);
    expect(before).toMatch(/^\d+$/);
    await createEvent('Atelier du quartier');
    expect(Number(await generationOf(gateway.url))).toBeGreaterThan(Number(before));
    const deadline = Date.now() + 1000;
    while ((await generationOf(other.url)) !== (await generationOf(gateway.url)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await generationOf(other.url)).toBe(await generationOf(gateway.url));
  });

  it('tells no generation when it caches nothing', async () => {
    const uncached = await startGateway({ ...relayedConfig, publicCache: false }, createLogger('gateway-c', 'silent'));
    try {
      const res = await fetch(new URL('/public-cache/generation', uncached.url));
      expect(await res.json()).toEqual({ generation: null });
    } finally {
      await uncached.stop();
    }
  });
});
