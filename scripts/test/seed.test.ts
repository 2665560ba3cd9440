import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { runSeed } from '../seed/run-seed';
import { DEMO_STAFF_PASSWORD, SEED_ALL_MEMBERS, SEED_NEWCOMERS, SEED_STAFF } from '../../services/members/src/seed/members.seed';
import { SEED_ARTICLES, SEED_WATCH_ITEMS } from '../../services/guide/src/seed/guide.seed';
import { POT_DU_POTE_SERIES_ID } from '../../services/events/src/seed/events.seed';

// The demo data set, loaded into a fresh database (the test system's), twice; then used through the gateway.
const TABLES = [
  'members.members', 'members.groups', 'members.group_memberships', 'members.communes', 'members.territories',
  'events.event_series', 'events.events', 'events.registrations',
  'guide.articles', 'guide.actors', 'guide.watch_sources', 'guide.watch_items',
];

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
}, 120_000);
afterAll(async () => {
  await system?.stop();
});

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const { rows } = await system.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = rows[0]!.n;
  }
  return result;
}

test('the seed loads the demo data set, and a second run changes nothing', async () => {
  await runSeed(system.databaseUrl, 'demo', undefined, system.clock);
  const first = await counts();
  expect(first['members.members']).toBe(SEED_ALL_MEMBERS.length);
  expect(first['members.groups']).toBeGreaterThanOrEqual(3);
  expect(first['events.event_series']).toBe(1);
  expect(first['events.events']).toBeGreaterThanOrEqual(10);
  expect(first['events.registrations']).toBeGreaterThan(10);
  expect(first['guide.articles']).toBe(SEED_ARTICLES.length);
  expect(first['guide.watch_items']).toBe(SEED_WATCH_ITEMS.length);
  const { rows: snapshot } = await system.db.query(`SELECT id, password_hash, updated_at FROM members.members ORDER BY id`);

  await runSeed(system.databaseUrl, 'demo', undefined, system.clock);
  expect(await counts()).toEqual(first);
  const { rows: again } = await system.db.query(`SELECT id, password_hash, updated_at FROM members.members ORDER BY id`);
  expect(again).toEqual(snapshot);

  // The pot du pote is a real series: six monthly occurrences on the first Thursday, at 19:00 in Paris.
  const { rows: pots } = await system.db.query<{ local: string; dow: number }>(
    `SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS local, extract(isodow FROM starts_at AT TIME ZONE 'Europe/Paris')::int AS dow
       FROM events.events WHERE series_id = $1 AND commune_code = '93039' AND status = 'PUBLISHED' ORDER BY starts_at`,
    [POT_DU_POTE_SERIES_ID],
  );
  expect(pots.length).toBe(6);
  for (const pot of pots) expect(pot).toEqual({ local: '19:00', dow: 4 });
  // Registration counters agree with the registrations.
  const { rows: mismatched } = await system.db.query(
    `SELECT e.id FROM events.events e WHERE e.confirmed_count <> (SELECT count(*) FROM events.registrations r WHERE r.event_id = e.id AND r.status = 'CONFIRMED')`,
  );
  expect(mismatched).toEqual([]);
}, 120_000);

test('the staff account logs in through the gateway and sees the newcomers; the data reads back across subgraphs', async () => {
  const login = await system.gql<{ logIn: { accessToken: string; member: { role: string } } }>(
    `mutation($email: String!, $password: String!) { logIn(email: $email, password: $password) { accessToken member { role } } }`,
    { email: SEED_STAFF.email, password: DEMO_STAFF_PASSWORD },
  );
  expect(login.errors).toBeUndefined();
  expect(login.data!.logIn.member.role).toBe('STAFF');
  const token = login.data!.logIn.accessToken;

  const newcomers = await system.gql<{ newcomers: { totalCount: number; edges: { node: { id: string } }[] } }>(
    `{ newcomers(first: 20) { totalCount edges { node { id } } } }`,
    {},
    token,
  );
  expect(newcomers.errors).toBeUndefined();
  expect(newcomers.data!.newcomers.edges.map((e) => e.node.id).sort()).toEqual(SEED_NEWCOMERS.map((m) => m.id).sort());

  const agenda = await system.gql<{ agenda: { edges: { node: { title: string; organizer: { displayName: string } | null; venue: { commune: { name: string } } | null } }[] } }>(
    `{ agenda(first: 20) { edges { node { title organizer { displayName } venue { commune { name } } } } } }`,
    {},
    token,
  );
  expect(agenda.errors).toBeUndefined();
  const pot = agenda.data!.agenda.edges.find((e) => e.node.title === 'Le pot du pote');
  expect(pot?.node.venue?.commune.name).toBe("L'Île-Saint-Denis");
  expect(pot?.node.organizer?.displayName).toBe(SEED_STAFF.displayName);

  const search = await system.gql<{ searchGuide: { article: { slug: string } }[] }>(`{ searchGuide(query: "enquête publique") { article { slug } } }`);
  expect(search.errors).toBeUndefined();
  expect(search.data!.searchGuide.map((h) => h.article.slug)).toContain('participer-a-une-enquete-publique');
}, 60_000);
