// `npm run bench`: the benchmarks of Métropotes (never part of `npm test`). Run `npx turbo run build` first.
//
//   npm run bench                                  every part; writes docs/benchmarks.md
//   npm run bench -- --only digest,scale,workers   some parts; writes $TMPDIR/metropotes-bench-<parts>.md
//   npm run bench -- --only gateway,cache,web,workers --demo --write-docs
//                                                  some parts, merged into docs/benchmarks.md (other sections kept)
//   npm run bench -- --demo                        the demo data set only (no scale, no digest; merged into the docs)
//   options: --out FILE (where the results go), --write-docs (merge into docs/benchmarks.md, or into --out FILE),
//            --keep-db (keep the bench databases), --help
//   environment: BENCH_RUNS (3), BENCH_DURATION (3 s), BENCH_CONNECTIONS (10), BENCH_PORT_BASE (4400),
//                BENCH_DIGEST_MEMBERS (10000), DATABASE_URL and REDIS_URL (where the servers are)
//
// Parts: gateway (throughput and latency through the Apollo gateway, its public cache off, and the
// @graphql-hive/gateway peer without cache; gateway overhead), cache (the anonymous agenda through the Apollo gateway
// with its public cache, without it, and through the peer with its response cache), scale (agenda and guide search
// p99, demo data set against the large one, side by side), burst (200 concurrent registrations for 50 seats), workers
// (no-op job baseline and e-mails per second), digest (one weekly digest period for 10,000 members), sql (SQL
// statements per operation as lists grow), web (the built web site: gzipped JavaScript of each page, gateway requests
// per agenda page, the agenda page as deployed — its page cache on — ÷ its query through the gateway, and the page
// rendered each time beside them). The summary at the top of docs/benchmarks.md holds
// every figure of issue #22's table against its goal; a merged run keeps the figures of the parts it did not measure.
//
// Each run has its own databases (metropotes_bench_<pid>, and metropotes_bench_<pid>_small for the scale part)
// and Redis prefix (bench-<pid>), all removed at the end, and also after a failure or Ctrl-C; leftovers of a bench
// that was killed are removed by the next run. The built system runs as in production: one process per subgraph
// (services/*/dist), the Apollo gateway (gateway/dist, GATEWAY_WORKERS=1 so it compares with a one-process peer),
// the workers (services/workers/dist).
import { createTokenSigner, generatePemKeyPair, MEMBER_ISSUER } from '@metropotes/auth';
import { dropDatabase, ensureDatabase, pingPostgres, redactUrl } from '@metropotes/database';
import { createRedis } from '@metropotes/jobs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { seedDigestAudience, type DigestAudience } from '../scripts/seed/bench-digest';
import { runSeed } from '../scripts/seed/run-seed';
import { SEED_MEMBERS, SEED_STAFF } from '../services/members/src/seed/members.seed-data';
import {
  BenchError,
  cannon,
  checkedLoad,
  cleanUp,
  fail,
  log,
  measureAlternating,
  median,
  onCleanup,
  ROOT,
  run,
  waitFor,
  type Figure,
  type LoadOptions,
} from './lib';
import { countStatements, type SqlRow } from './sql-counts';
import { MAIL_BENCH_SMTP_POOL, measureDigest, measureMail, measureNoop, type DigestResult, type MailResult, type NoopResult } from './workers-bench';
import { JS_BUDGET_BYTES, measureWeb, WEB_ENTRY, webMarkdown, type WebResult } from './web-bench';

const PARTS = ['gateway', 'cache', 'scale', 'burst', 'workers', 'digest', 'sql', 'web'] as const;
type Part = (typeof PARTS)[number];

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(
    readFileSync(__filename, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .slice(0, 12)
      .map((l) => l.slice(3))
      .join('\n'),
  );
  process.exit(0);
}
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.split('=')[1];
};
const onlyArg = argValue('--only');
const only = onlyArg
  ? onlyArg
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
  : [...PARTS];
for (const p of only) if (!PARTS.includes(p as Part)) throw new Error(`--only: unknown part "${p}" (parts: ${PARTS.join(', ')})`);
const DEMO = args.includes('--demo');
const KEEP_DB = args.includes('--keep-db');
const parts = new Set(only.filter((p) => !(DEMO && (p === 'scale' || p === 'digest'))) as Part[]);
const FULL = !onlyArg && !DEMO;
const WRITE_DOCS = args.includes('--write-docs');
const DOCS = resolve(ROOT, 'docs/benchmarks.md');
const OUT = resolve(argValue('--out') ?? (onlyArg && !WRITE_DOCS ? resolve(tmpdir(), `metropotes-bench-${[...parts].join('-')}.md`) : DOCS));
// A partial run written to the docs (or with --write-docs) replaces the sections of the parts it measured and keeps
// the others (and their figures in the summary); a full run writes the whole file.
const MERGE = !FULL && (WRITE_DOCS || OUT === DOCS) && existsSync(OUT);
const RUN_TEXT = `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`;

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const SLOW_DURATION = Math.max(DURATION, 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4400);
const DIGEST_MEMBERS = Number(process.env.BENCH_DIGEST_MEMBERS ?? 10_000);
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/metropotes';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN_ID = String(process.pid);
const REDIS_PREFIX = `bench-${RUN_ID}`;
const databaseUrl = (name: string) => {
  const url = new URL(BASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};
const DATABASE_URL = databaseUrl(`metropotes_bench_${RUN_ID}`);
const SMALL_DATABASE_URL = databaseUrl(`metropotes_bench_${RUN_ID}_small`);
const SUBGRAPHS = ['members', 'events', 'guide', 'moderation'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];
const HIVE_URL = `http://127.0.0.1:${PORT_BASE + 10}/graphql`;
const CACHE_ON = 'Apollo, public cache on';
const CACHE_OFF = 'Apollo, public cache off';
const HIVE_CACHED = 'Hive, response cache';
const loadOptions = (duration = DURATION): LoadOptions => ({ runs: RUNS, duration, connections: CONNECTIONS });

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanUp().then(() => process.exit(143)));

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Postgres and Redis answer, the system is built; leftovers of killed bench runs are removed. */
async function preflight(): Promise<void> {
  const missing = ['gateway/dist/index.js', 'services/workers/dist/index.js', ...SUBGRAPHS.map((s) => `services/${s}/dist/index.js`)].filter(
    (path) => !existsSync(resolve(ROOT, path)),
  );
  if (parts.has('web')) missing.push(...[WEB_ENTRY].filter((path) => !existsSync(resolve(ROOT, path))));
  if (missing.length && [...parts].some((p) => p !== 'sql')) fail(`${missing.join(', ')} missing: run \`npx turbo run build\` first.`);
  const admin = databaseUrl('postgres');
  try {
    await pingPostgres(admin);
  } catch (error) {
    fail(`PostgreSQL does not answer at ${redactUrl(admin)} (${(error as Error).message}). Start it (see README), or set DATABASE_URL.`);
  }
  const redis = createRedis(REDIS_URL, { name: 'bench', forWorker: true });
  redis.on('error', () => undefined);
  try {
    await Promise.race([redis.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 3 s')), 3000))]);
    // Keys of bench runs whose process is gone.
    let cursor = '0';
    let removed = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'bench-*', 'COUNT', 1000);
      cursor = next;
      const stale = keys.filter((k) => {
        const pid = Number(/^bench-(\d+)/.exec(k)?.[1]);
        return pid && !pidAlive(pid);
      });
      if (stale.length) removed += await redis.del(...stale);
    } while (cursor !== '0');
    if (removed) log(`Removed ${removed} Redis keys left by killed bench runs.`);
  } catch (error) {
    fail(`Redis does not answer at ${REDIS_URL} (${(error as Error).message}). Start it (see README), or set REDIS_URL.`);
  } finally {
    redis.disconnect();
  }
  const db = new Pool({ connectionString: admin, max: 1 });
  try {
    const { rows } = await db.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'metropotes\\_bench%'`);
    for (const { datname } of rows) {
      const pid = Number(/^metropotes_bench_(\d+)/.exec(datname)?.[1]);
      if (datname === 'metropotes_bench' || (pid && !pidAlive(pid))) {
        await dropDatabase(databaseUrl(datname));
        log(`Dropped ${datname}, left by an earlier bench run.`);
      }
    }
  } finally {
    await db.end();
  }
}

/** Removes this run's Redis keys (every prefix starts with bench-<pid>). */
async function removeRedisKeys(): Promise<void> {
  const redis = createRedis(REDIS_URL, { name: 'bench-cleanup', forWorker: true });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

interface SystemKeys {
  memberKeys: { publicKey: string; privateKey: string };
  systemKeys: { publicKey: string; privateKey: string };
}

interface RunningSystem {
  env: Record<string, string>;
  gatewayUrl: string;
  subgraphUrl: (name: Subgraph) => string;
  secrets: Record<Subgraph, string>;
}

/**
 * The built subgraphs and the Apollo gateway, one process each, on `portBase`..`portBase + 4`; the events subgraph
 * serves its metrics on `portBase + 6` (its operations answered, read by the cache part). The gateway runs with its
 * public cache off (`PUBLIC_CACHE=false`): the comparisons with the peer are "no cache on either side"; the cache
 * part starts a second gateway with it on (`startCachedGateway`).
 */
async function startSystem(label: string, url: string, portBase: number, prefix: string, keys: SystemKeys): Promise<RunningSystem> {
  const port = { gateway: portBase, members: portBase + 1, events: portBase + 2, guide: portBase + 3, moderation: portBase + 4 };
  const subgraphUrl = (name: Subgraph) => `http://127.0.0.1:${port[name]}/graphql`;
  const secrets = Object.fromEntries(SUBGRAPHS.map((s) => [s, `bench-${s}-secret-0123456789abcdef`])) as Record<Subgraph, string>;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url,
    DATABASE_POOL_MAX: '8',
    REDIS_URL,
    REDIS_PREFIX: prefix,
    AUTH_PUBLIC_KEY: keys.memberKeys.publicKey,
    AUTH_PRIVATE_KEY: keys.memberKeys.privateKey,
    SYSTEM_PUBLIC_KEY: keys.systemKeys.publicKey,
    SYSTEM_PRIVATE_KEY: keys.systemKeys.privateKey,
    RATE_LIMITS: 'false',
    PUBLIC_CACHE: 'false',
    EVENTS_METRICS_PORT: String(portBase + 6),
    GATEWAY_WORKERS: '1',
    GATEWAY_PORT: String(port.gateway),
    // The events service requires the key of the calendar feed URLs (any 32+ characters for a bench).
    CALENDAR_FEED_KEY: 'bench-calendar-feed-key-0123456789abcdef',
  };
  for (const s of SUBGRAPHS) {
    env[`${s.toUpperCase()}_PORT`] = String(port[s]);
    env[`${s.toUpperCase()}_GATEWAY_SECRET`] = secrets[s];
    env[`${s.toUpperCase()}_URL`] = subgraphUrl(s);
  }
  await Promise.all(
    SUBGRAPHS.map(async (s) => {
      run(`${s} (${label})`, process.execPath, [`services/${s}/dist/index.js`], env);
      await waitFor(`${s} (${label})`, `http://127.0.0.1:${port[s]}/health`);
    }),
  );
  run(`gateway (${label})`, process.execPath, ['gateway/dist/index.js'], env);
  await waitFor(`gateway (${label})`, `http://127.0.0.1:${port.gateway}/health`);
  return { env, gatewayUrl: `http://127.0.0.1:${port.gateway}/graphql`, subgraphUrl, secrets };
}

/**
 * A second Apollo gateway over the same subgraphs, as deployed: its public cache on (the same Redis prefix, so it
 * shares the cache's generation with the first one), on `port`.
 */
async function startCachedGateway(system: RunningSystem, port: number): Promise<string> {
  run('gateway (public cache on)', process.execPath, ['gateway/dist/index.js'], { ...system.env, PUBLIC_CACHE: 'true', GATEWAY_PORT: String(port) });
  await waitFor('gateway (public cache on)', `http://127.0.0.1:${port}/health`);
  return `http://127.0.0.1:${port}/graphql`;
}

/** The built supergraph with its subgraph URLs pointed at this run's processes, in a temporary file. */
function writeSupergraph(system: RunningSystem): string {
  const tmp = mkdtempSync(resolve(tmpdir(), 'metropotes-bench-'));
  let supergraph = readFileSync(resolve(ROOT, 'gateway/supergraph.graphql'), 'utf8');
  for (const s of SUBGRAPHS) supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${s}", url: ")[^"]*`), `$1${system.subgraphUrl(s)}`);
  writeFileSync(resolve(tmp, 'supergraph.graphql'), supergraph);
  return resolve(tmp, 'supergraph.graphql');
}

/**
 * The peer gateway (@graphql-hive/gateway, `bench/hive-gateway.config.mjs`) on `port`, serving `supergraph`; its URL,
 * or null if it is not installed or did not start. `env` adds to the system's (its response cache's settings).
 */
async function startHive(
  label: string,
  system: RunningSystem,
  supergraph: string,
  port: number,
  env: Record<string, string> = {},
): Promise<string | null> {
  const hiveBin = resolve(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  if (!existsSync(hiveBin)) {
    log('  @graphql-hive/gateway is not installed: the peer comparison is skipped.');
    return null;
  }
  const url = `http://127.0.0.1:${port}/graphql`;
  run(
    label,
    process.execPath,
    [hiveBin, 'supergraph', supergraph, '--port', String(port), '--host', '127.0.0.1', '-c', 'bench/hive-gateway.config.mjs'],
    { ...system.env, ...env },
  );
  try {
    await waitFor(label, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    return url;
  } catch {
    log(`  ${label} did not start: no comparison with it in this run.`);
    return null;
  }
}

/** The events subgraph's GraphQL queries answered so far (its `metropotes_graphql_operations_total` metric). */
async function eventsQueriesAnswered(metricsPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  let total = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('metropotes_graphql_operations_total{') && line.includes('type="query"'))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

/** EXPLAIN ANALYZE of one statement: execution time, rows filtered out, and the scans used. */
async function explain(db: Pool, sql: string, params: unknown[] = []): Promise<{ ms: number; removed: number; scans: string[] }> {
  const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  const plan = (rows[0] as { 'QUERY PLAN': { 'Execution Time': number; Plan: Record<string, unknown> }[] })['QUERY PLAN'][0]!;
  let removed = 0;
  const scans = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    removed += Number(node['Rows Removed by Filter'] ?? 0) * Number(node['Actual Loops'] ?? 1);
    const type = String(node['Node Type']);
    if (type.includes('Scan') && node['Relation Name'])
      scans.add(`${type}${node['Index Name'] ? ` using ${String(node['Index Name'])}` : ''} on ${String(node['Relation Name'])}`);
    else if (type === 'Bitmap Index Scan') scans.add(`Bitmap Index Scan on ${String(node['Index Name'])}`);
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan.Plan);
  return { ms: Math.round(plan['Execution Time'] * 10) / 10, removed, scans: [...scans] };
}

// The agenda's own SQL (the predicate of services/events EventRepository.agendaWhere for the default "not finished
// now") and the guide search's (ArticleRepository.search), explained on a data set.
const AGENDA_WHERE = `WHERE e.status = ANY('{PUBLISHED,CANCELLED}'::text[]) AND e.moderation_state = 'VISIBLE' AND e.ends_at > now() AND e.starts_at > now() - interval '31 days'`;
const AGENDA_PAGE_SQL = `SELECT * FROM events.events e ${AGENDA_WHERE} ORDER BY e.starts_at, e.id LIMIT 21`;
const AGENDA_COUNT_SQL = `SELECT count(*) FROM events.events e ${AGENDA_WHERE}`;
const SEARCH_TEXT = 'conseil de quartier';
const SEARCH_SQL = `SELECT hit.id, hit.rank, ts_headline('guide.fr', concat_ws(' ', a.title, '—', a.summary, a.body_text), hit.q, 'MaxWords=35, MinWords=15, MaxFragments=2') AS excerpt
  FROM (SELECT a.id, q, ts_rank(a.search, q) AS rank FROM guide.articles a, websearch_to_tsquery('guide.fr', $1) q
         WHERE a.search @@ q AND a.status = 'PUBLISHED' AND a.moderation_state = 'VISIBLE' ORDER BY rank DESC, a.id LIMIT 10) hit
  JOIN guide.articles a ON a.id = hit.id ORDER BY hit.rank DESC, hit.id`;

interface DataSize {
  members: number;
  events: number;
  fiches: number;
}

interface ScaleRow {
  name: string;
  small: { rps: number; p50: number; p99: number };
  large: { rps: number; p50: number; p99: number };
  ratio: number;
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0]!.toFixed(1);
  log(`Parts: ${[...parts].join(', ')}${DEMO ? ' (--demo: demo data set only)' : ''}; results to ${OUT}`);
  await preflight();
  if (!KEEP_DB) {
    onCleanup(async () => {
      await dropDatabase(DATABASE_URL);
      await dropDatabase(SMALL_DATABASE_URL);
    });
  }
  onCleanup(removeRedisKeys);

  const needSystem = ['gateway', 'cache', 'scale', 'burst', 'workers', 'digest', 'web'].some((p) => parts.has(p as Part));
  const needLarge = !DEMO && ['gateway', 'scale', 'digest'].some((p) => parts.has(p as Part));
  const queries = {
    typename: '{ __typename }',
    agenda: `{ agenda(first: 20) { totalCount edges { cursor node { id title kind startsAt organizer { id displayName } venue { name commune { code name territory { name } } } } } } }`,
    agendaNoCount: `{ agenda(first: 20) { edges { cursor node { id title kind startsAt organizer { id displayName } venue { name commune { code name territory { name } } } } } } }`,
    search: `{ searchGuide(query: "${SEARCH_TEXT}", first: 10) { rank excerpt article { slug title } } }`,
    profile: `{ member(id: "${SEED_MEMBERS[0]!.id}") { displayName bio interests commune { name territory { name } } groups { name } organizedEvents { title startsAt } guideArticles { title } } }`,
    // The anonymous agenda as the site asks it for /agenda (services/web/app/routes/agenda.tsx, its fragments inlined):
    // 10 events and the territories with their communes for the filter. No organizer: the peer fails on an organizer
    // whose profile is hidden from visitors (the members subgraph answers a null entity, which the Apollo gateway
    // reads as a null organizer and the peer as a null non-null displayName).
    visitorAgenda: `query Agenda { agenda(first: 10) { edges { node { id title kind status startsAt endsAt spotsLeft onlineUrl venue { name commune { code name } } } } pageInfo { hasNextPage endCursor } totalCount } territories { code name communes { code name } } }`,
    singleSubgraph: `{ guideArticles(first: 20) { totalCount edges { node { slug title summary scales themes } } } }`,
  };

  const figures: Figure[] = [];
  let agendaSqlNote = '';
  let hive = false;
  let overhead = 'n/a';
  let peerRatios: string[] = [];
  const scaleRows: ScaleRow[] = [];
  const scaleSql: { label: string; small: Awaited<ReturnType<typeof explain>>; large: Awaited<ReturnType<typeof explain>> }[] = [];
  let burst: {
    statuses: Record<string, number>;
    ms: number;
    stored: { status: string; n: number }[];
    counters: { confirmed_count: number; waitlist_count: number };
    ok: boolean;
  } | null = null;
  let noop: NoopResult | null = null;
  let mail: MailResult | null = null;
  let digest: DigestResult | null = null;
  let audience: DigestAudience | null = null;
  let sqlRows: SqlRow[] = [];
  let web: WebResult | null = null;
  let cacheFigures: Figure[] = [];
  let cacheTtl = 0;
  const notes: string[] = [];
  const dataSizes: { small?: DataSize; large?: DataSize } = {};

  if (needSystem) {
    log(`Database ${redactUrl(DATABASE_URL)}: ${needLarge ? 'demo + large' : 'demo'} data set`);
    await dropDatabase(DATABASE_URL);
    await ensureDatabase(DATABASE_URL);
    await runSeed(DATABASE_URL, needLarge ? 'large' : 'demo', (line) => log(`  ${line}`));
    if (parts.has('scale')) {
      log(`Database ${redactUrl(SMALL_DATABASE_URL)}: demo data set (the scale part's small side)`);
      await dropDatabase(SMALL_DATABASE_URL);
      await ensureDatabase(SMALL_DATABASE_URL);
      await runSeed(SMALL_DATABASE_URL, 'demo', (line) => log(`  ${line}`));
    }
  }

  const db = new Pool({ connectionString: DATABASE_URL, max: 2 });
  onCleanup(() => db.end());
  // The burst's fixtures (also the e-mail worker's recipients): 200 members and an event with 50 seats.
  const burstMembers: string[] = [];
  for (let i = 1; i <= 200; i += 1) burstMembers.push(`be000000-0000-4000-8000-${i.toString().padStart(12, '0')}`);
  const burstEventId = 'be000001-0000-4000-8000-000000000001';
  if (parts.has('burst') || parts.has('workers')) {
    await db.query(
      `INSERT INTO members.members (id, email, display_name, search_name, commune_code, charter_accepted_at, welcome_status, digest_frequency)
       SELECT id, 'rafale-' || n || '@bench.metropotes.local', 'Rafale ' || n, 'rafale ' || n, '93039', now(), 'WELCOMED', 'NONE'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [burstMembers],
    );
    await db.query(
      `INSERT INTO events.events (id, title, kind, status, starts_at, ends_at, commune_code, venue_name, capacity, organizer_id)
       VALUES ($1, 'Formation très demandée (essai de charge)', 'FORMATION', 'PUBLISHED', now() + interval '10 days',
               now() + interval '10 days 2 hours', '93039', 'La Fabrique des Quais', 50, $2)`,
      [burstEventId, SEED_STAFF.id],
    );
  }
  if (parts.has('digest')) {
    audience = await seedDigestAudience(DATABASE_URL, { members: DIGEST_MEMBERS });
    log(`  digest audience: ${JSON.stringify(audience)}`);
  }

  if (needSystem) {
    const keys: SystemKeys = { memberKeys: await generatePemKeyPair(), systemKeys: await generatePemKeyPair() };
    const system = await startSystem(needLarge ? 'large' : 'demo', DATABASE_URL, PORT_BASE, REDIS_PREFIX, keys);
    const small = parts.has('scale') ? await startSystem('small', SMALL_DATABASE_URL, PORT_BASE + 50, `${REDIS_PREFIX}-small`, keys) : null;
    const signer = await createTokenSigner(keys.memberKeys.privateKey, MEMBER_ISSUER);
    const memberToken = await signer.sign({ sub: SEED_MEMBERS[0]!.id, role: 'MEMBER' }, 3600);
    const auth = { authorization: `Bearer ${memberToken}` };
    const cpuAll = 'CPU: gateway + subgraph processes and autocannon share 2 cores';
    const eventCount = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events.events`)).rows[0]!.n;

    // The peer gateway: the same supergraph, its subgraph URLs pointed at this run's processes.
    const supergraph = parts.has('gateway') || parts.has('cache') ? writeSupergraph(system) : '';
    // The Apollo gateway as deployed (public cache on), for the cache part and the web site.
    const cachedUrl = parts.has('cache') || parts.has('web') ? await startCachedGateway(system, PORT_BASE + 5) : system.gatewayUrl;

    if (parts.has('gateway')) {
      hive = (await startHive('hive-gateway', system, supergraph, PORT_BASE + 10)) !== null;
      const pageSql = await explain(db, AGENDA_PAGE_SQL).catch(() => null);
      const countSql = await explain(db, AGENDA_COUNT_SQL).catch(() => null);
      agendaSqlNote =
        pageSql && countSql
          ? `events SQL on ${eventCount} events: the page query takes ${pageSql.ms} ms (${pageSql.removed} rows read and filtered out) and totalCount's count(*) ${countSql.ms} ms, per request`
          : 'events SQL (see the agenda query plan)';
      const AGENDA_LIMIT = `${cpuAll}; the events SQL (see below the table)`;
      log(`  ${agendaSqlNote}`);

      log(`\nThrough the Apollo gateway${hive ? ' and @graphql-hive/gateway (peer), runs alternating' : ''}:`);
      const gw = system.gatewayUrl;
      const gatewayQueries: [string, string, Record<string, string>, string, string, number][] = [
        ['`{ __typename }`', queries.typename, {}, 'gateway process CPU (no subgraph call)', 'gateway process CPU', DURATION],
        [
          '`{ __typename }` with a member token',
          queries.typename,
          auth,
          'gateway process CPU: token verified, session version read in Redis',
          'gateway process CPU (token only forwarded)',
          DURATION,
        ],
        ['agenda, 20 events + organizer + commune', queries.agenda, auth, AGENDA_LIMIT, AGENDA_LIMIT, SLOW_DURATION],
        ['guide search', queries.search, auth, 'guide process + PostgreSQL full-text (ts_rank, ts_headline)', 'guide process + PostgreSQL', DURATION],
        ['member profile', queries.profile, auth, `${cpuAll}; 3 subgraphs in parallel`, cpuAll, DURATION],
      ];
      const apollo: Figure[] = [];
      const peer: Figure[] = [];
      for (const [name, query, headers, limit, hiveLimit, duration] of gatewayQueries) {
        const targets = [{ name, target: 'Apollo gateway', url: gw, query, headers, limit }];
        if (hive) targets.push({ name, target: 'Hive gateway', url: HIVE_URL, query, headers, limit: hiveLimit });
        const [a, h] = await measureAlternating(targets, loadOptions(duration));
        apollo.push(a!);
        if (h) peer.push(h);
      }
      // The gateway overhead (direct against through the Apollo gateway), and the peer on the same query.
      const single = 'single-subgraph list (20 fiches)';
      const singleTargets = [
        { name: single, target: 'Apollo gateway', url: gw, query: queries.singleSubgraph, headers: auth, limit: 'gateway + guide process CPU' },
        {
          name: single,
          target: 'guide direct',
          url: system.subgraphUrl('guide'),
          query: queries.singleSubgraph,
          headers: { ...auth, 'x-gateway-secret': system.secrets.guide },
          limit: 'guide process CPU',
        },
      ];
      if (hive)
        singleTargets.push({
          name: single,
          target: 'Hive gateway',
          url: HIVE_URL,
          query: queries.singleSubgraph,
          headers: auth,
          limit: 'gateway + guide process CPU',
        });
      const [singleApollo, singleDirect, singleHive] = await measureAlternating(singleTargets, loadOptions());
      figures.push(...apollo, singleApollo!, singleDirect!, ...peer, ...(singleHive ? [singleHive] : []));
      const find = (name: string, target: string) => figures.find((f) => f.name === name && f.target === target);
      overhead = ratioOf(find('single-subgraph list (20 fiches)', 'guide direct'), find('single-subgraph list (20 fiches)', 'Apollo gateway'));
      log(`\nGateway overhead: direct/gateway throughput ratio ${overhead}`);
      peerRatios = hive
        ? [
            '`{ __typename }`',
            '`{ __typename }` with a member token',
            'agenda, 20 events + organizer + commune',
            'guide search',
            'member profile',
            'single-subgraph list (20 fiches)',
          ].map((name) => `| ${name} | ${ratioOf(find(name, 'Apollo gateway'), find(name, 'Hive gateway'))} |`)
        : [];
    }

    if (parts.has('cache')) {
      // The TTL the subgraphs' hints give the anonymous agenda (the Cache-Control header of the gateway's answer).
      const answer = await fetch(cachedUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: queries.visitorAgenda }),
      });
      const maxAge = Number(/max-age=(\d+)/.exec(answer.headers.get('cache-control') ?? '')?.[1] ?? 0);
      await answer.text();
      if (!maxAge) fail(`cache: the anonymous agenda is not cacheable (Cache-Control: ${answer.headers.get('cache-control')})`);
      cacheTtl = maxAge;
      const hiveCachedUrl = await startHive('hive-gateway (response cache)', system, supergraph, PORT_BASE + 11, {
        BENCH_HIVE_RESPONSE_CACHE_TTL_MS: String(maxAge * 1000),
        BENCH_HIVE_CACHE_PREFIX: `${REDIS_PREFIX}:hive-response-cache:`,
      });
      log(
        `\nPublic cache: the anonymous agenda (TTL ${maxAge} s) through the Apollo gateway with its cache, without it, and the peer with its response cache`,
      );
      const name = "anonymous agenda (the site's /agenda query)";
      const targets = [
        {
          name,
          target: CACHE_ON,
          url: cachedUrl,
          query: queries.visitorAgenda,
          headers: {},
          limit:
            "gateway CPU: Express's middleware (metrics, request log, helmet, CORS, the body read) and a lookup in the process's memory; Redis and Apollo Server's pipeline only for the first request of each generation",
        },
        {
          name,
          target: CACHE_OFF,
          url: system.gatewayUrl,
          query: queries.visitorAgenda,
          headers: {},
          limit: 'the events and members subgraphs (the agenda SQL and its count, the territories and communes), on the same 2 cores',
        },
      ];
      if (hiveCachedUrl)
        targets.push({
          name,
          target: HIVE_CACHED,
          url: hiveCachedUrl,
          query: queries.visitorAgenda,
          headers: {},
          limit: "gateway CPU: a Redis read, the peer's pipeline",
        });
      cacheFigures = await measureAlternating(targets, loadOptions(SLOW_DURATION), () => eventsQueriesAnswered(PORT_BASE + 6)).catch(
        (error: Error) => {
          if (!(error instanceof BenchError)) throw error;
          notes.push(`cache comparison not measured: ${error.message}`);
          log(`  ${error.message}`);
          return [];
        },
      );
    }

    if (small) {
      log('\nScale: the same queries on the demo data set (small) and the large one, alternating runs');
      const smallDb = new Pool({ connectionString: SMALL_DATABASE_URL, max: 1 });
      try {
        const sizes = `SELECT (SELECT count(*) FROM members.members)::int AS members, (SELECT count(*) FROM events.events)::int AS events,
                              (SELECT count(*) FROM guide.articles)::int AS fiches`;
        dataSizes.small = (await smallDb.query<DataSize>(sizes)).rows[0]!;
        dataSizes.large = (await db.query<DataSize>(sizes)).rows[0]!;
        for (const [label, sql, params] of [
          ['agenda page (20 events)', AGENDA_PAGE_SQL, []],
          ['agenda totalCount', AGENDA_COUNT_SQL, []],
          ['guide search', SEARCH_SQL, [SEARCH_TEXT]],
        ] as [string, string, unknown[]][]) {
          scaleSql.push({ label, small: await explain(smallDb, sql, params), large: await explain(db, sql, params) });
          const last = scaleSql[scaleSql.length - 1]!;
          log(
            `  SQL ${label}: small ${last.small.ms} ms [${last.small.scans.join('; ')}], large ${last.large.ms} ms [${last.large.scans.join('; ')}]`,
          );
        }
      } finally {
        await smallDb.end();
      }
      for (const [name, query, duration] of [
        ['agenda, 20 events (with totalCount)', queries.agenda, SLOW_DURATION],
        ['agenda, 20 events (no totalCount)', queries.agendaNoCount, SLOW_DURATION],
        ['guide search', queries.search, DURATION],
      ] as [string, string, number][]) {
        const smallLoad = await checkedLoad(`${name} (small)`, small.gatewayUrl, query, auth);
        const largeLoad = await checkedLoad(`${name} (large)`, system.gatewayUrl, query, auth);
        await cannon(name, smallLoad, CONNECTIONS, 1);
        await cannon(name, largeLoad, CONNECTIONS, 1);
        const results: { small: { rps: number; p50: number; p99: number }[]; large: { rps: number; p50: number; p99: number }[] } = {
          small: [],
          large: [],
        };
        for (let i = 0; i < RUNS; i += 1) {
          results.small.push(await cannon(`${name} (small)`, smallLoad, CONNECTIONS, duration));
          results.large.push(await cannon(`${name} (large)`, largeLoad, CONNECTIONS, duration));
        }
        const med = (list: { rps: number; p50: number; p99: number }[]) => ({
          rps: Math.round(median(list.map((r) => r.rps))),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
        });
        const row = { name, small: med(results.small), large: med(results.large), ratio: 0 };
        row.ratio = Math.round((row.large.p99 / Math.max(row.small.p99, 1)) * 100) / 100;
        scaleRows.push(row);
        log(
          `  ${name.padEnd(38)} small p99 ${row.small.p99} ms (${row.small.rps} req/s)   large p99 ${row.large.p99} ms (${row.large.rps} req/s)   ×${row.ratio}`,
        );
      }
    }

    if (parts.has('burst')) {
      log('\nBurst: 200 concurrent registrations for an event with 50 seats');
      const tokens = await Promise.all(burstMembers.map((id) => signer.sign({ sub: id, role: 'MEMBER' }, 3600)));
      const burstStarted = performance.now();
      const answers = await Promise.all(
        tokens.map(async (token) => {
          const response = await fetch(system.gatewayUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: `mutation { registerForEvent(eventId: "${burstEventId}") { status waitlistPosition } }` }),
          });
          return (await response.json()) as { data?: { registerForEvent: { status: string } }; errors?: unknown[] };
        }),
      );
      const ms = Math.round(performance.now() - burstStarted);
      const statuses: Record<string, number> = {};
      for (const a of answers) {
        const key = a.errors ? `error ${JSON.stringify(a.errors).slice(0, 120)}` : a.data!.registerForEvent.status;
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
      const { rows: stored } = await db.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM events.registrations WHERE event_id = $1 GROUP BY status ORDER BY status`,
        [burstEventId],
      );
      const { rows: counters } = await db.query<{ confirmed_count: number; waitlist_count: number }>(
        `SELECT confirmed_count, waitlist_count FROM events.events WHERE id = $1`,
        [burstEventId],
      );
      const confirmed = stored.find((r) => r.status === 'CONFIRMED')?.n ?? 0;
      const ok = confirmed === 50 && statuses.CONFIRMED === 50 && counters[0]!.confirmed_count === 50;
      burst = { statuses, ms, stored, counters: counters[0]!, ok };
      log(`  answers: ${JSON.stringify(statuses)}; stored: ${JSON.stringify(stored)}; counters: ${JSON.stringify(counters[0])}; ${ms} ms`);
      log(ok ? '  ✔ exactly 50 confirmed' : '  ✖ NOT exactly 50 confirmed');
    }

    const workersContext = { env: system.env, gatewayUrl: system.gatewayUrl, redisUrl: REDIS_URL, portBase: PORT_BASE, db, runs: RUNS };
    if (parts.has('workers')) {
      noop = await measureNoop(workersContext).catch((error: Error) => {
        if (!(error instanceof BenchError)) throw error;
        notes.push(`no-op baseline not measured: ${error.message}`);
        log(`  ${error.message}`);
        return null;
      });
      mail = await measureMail(workersContext, burstMembers).catch((error: Error) => {
        if (!(error instanceof BenchError)) throw error;
        notes.push(`e-mail worker not measured: ${error.message}`);
        log(`  ${error.message}`);
        return null;
      });
    }
    if (parts.has('digest')) digest = await measureDigest(workersContext, DIGEST_MEMBERS);
    if (parts.has('web')) web = await measureWeb({ gatewayUrl: cachedUrl, portBase: PORT_BASE, load: loadOptions(), slowDuration: DURATION });
  }
  await cleanUp();

  if (parts.has('sql')) {
    log('\nSQL statements per operation (in-process system, QueryCounter):');
    sqlRows = await countStatements();
  }

  writeFileSync(OUT, markdown());
  log(
    `\nWritten to ${OUT}${MERGE ? ' (merged: the sections of the parts not measured are kept)' : ''} (${Math.round((Date.now() - started) / 1000)} s).`,
  );
  if (burst && !burst.ok) process.exitCode = 1;

  function markdown(): string {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, PostgreSQL and Redis on the same machine`;
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const sections = new Map<Part, string>();
    const header = `# Benchmarks

Measured by \`npm run bench\` (\`bench/run.ts\`) on ${date} UTC${FULL ? '' : ` — **a partial run** (\`${args.join(' ')}\`: ${[...parts].join(', ')})${MERGE ? '; the sections of the other parts, and their rows of the summary, are those of earlier runs (each section says which)' : ''}`}.
Machine: ${machine}. Everything (PostgreSQL, Redis, the four subgraph processes, the gateway, the peer gateway, the
workers and autocannon) runs on this one machine, so **every figure is limited by its 2 cores** shared by all the
processes: read them as a comparison between queries, gateways and data sets on the same machine, not as the
capacity of a deployment. Load average (1 min) when the bench started: ${loadBefore}${Number(loadBefore) > 2 ? ' (above 2: other work was competing for the cores, and the absolute figures are lower than on an idle machine)' : ''}; when it ended:
${loadavg()[0]!.toFixed(1)} (the bench's own processes included).

Data: the demo data set${needLarge ? ' plus the large one (`--scale large`: 50,000 members, 100,000 events, 10,000 fiches)' : ''}, in a
database of the run's own (dropped at the end). The system is the built one (\`services/*/dist\`, \`gateway/dist\`,
\`services/workers/dist\`), one process per service, the Apollo gateway with \`GATEWAY_WORKERS=1\` (one process, like
the peer). Each HTTP figure: the median of ${RUNS} autocannon runs of ${DURATION} s (the agenda: ${SLOW_DURATION} s, as its
requests are slow) with ${CONNECTIONS} connections, after a 1 s warm-up; latencies in milliseconds. Where two things are compared (the
two gateways; the subgraph directly and through the gateway; the small and the large data set), their runs alternate
(A, B, A, B…) so that a change of the machine's load weighs on both alike. A member's token is
sent where the query needs one (the gateway verifies it, and each subgraph again). Each workers figure: the median of
${RUNS} runs.

Run it: \`npx turbo run build && npm run bench\` (a full run writes this file); \`npm run bench -- --only
digest,scale,workers\` runs some parts (${PARTS.map((p) => `\`${p}\``).join(', ')}) and writes its results to a temporary
file (or \`--out FILE\`); add \`--write-docs\` to merge them into this file instead (the sections of the parts measured
are replaced, the others kept with their rows of the summary); \`--demo\` skips the large data set (no \`scale\`, no
\`digest\`; without \`--only\`, merged into this file); \`--keep-db\` keeps the databases; \`BENCH_RUNS\`,
\`BENCH_DURATION\`, \`BENCH_CONNECTIONS\`, \`BENCH_PORT_BASE\`, \`BENCH_DIGEST_MEMBERS\` tune it. The bench stops with
a clear message if PostgreSQL or Redis does not answer.`;

    if (parts.has('gateway')) {
      sections.set(
        'gateway',
        `## Throughput and latency

| query | through | requests/s | p50 ms | p99 ms | what limits it |
| --- | --- | ---: | ---: | ---: | --- |
${figures.map((f) => `| ${f.name} | ${f.target} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.limit} |`).join('\n')}

**The agenda**: ${agendaSqlNote}. Events last at most 31 days, so "not finished at \`from\`" is bounded on
\`starts_at\` too and the page reads the start index from just before \`from\`; \`totalCount\` (asked by this query)
is an index-only scan of a covering partial index, and is only counted when a client asks for it. Before that change
(\`ends_at > now()\` alone), an earlier run of this bench measured about 7 requests/s: 142 ms for the page, 250 ms for the count.
The large data set is vacuumed and analysed after loading (as autovacuum would): without fresh statistics and
visibility map, the count falls back to heap fetches.

**Gateway overhead** (the same single-subgraph query sent directly to the guide subgraph with its secret header,
and through the gateway): the direct path serves **${overhead}×** the requests/s of the gateway path. The gateway
adds a token check, query planning (cached), an HTTP hop and the re-serialisation of the answer; with 2 cores
the gateway and the subgraph also compete for the same CPU.

${
  hive
    ? `**Peer gateway**: \`@graphql-hive/gateway\` ${readHiveVersion()} (runs on Node 20) serving the same
\`gateway/supergraph.graphql\` (subgraph URLs pointed at the same processes) with the same \`x-gateway-secret\` per
subgraph and the client's \`authorization\` forwarded (\`bench/hive-gateway.config.mjs\`). It does not verify the
token itself (the subgraphs do), unlike the Apollo gateway. Ratio Apollo/Hive requests/s (above 1: Apollo faster):

| query | Apollo / Hive |
| --- | ---: |
${peerRatios.join('\n')}

${peerAnalysis(figures)}

**The gateway's own cost** (issue #22): what a CPU profile of the gateway under load showed, what was changed for it
(the public cache's read skipped for answers never cacheable, no per-request child loggers, the cost limit kept per
document, Apollo's Express handler without \`url.parse\` and ETag), and how to profile it again
(\`bench/profile-gateway.ts\`): [docs/gateway-profile.md](gateway-profile.md).`
    : 'The peer gateway (@graphql-hive/gateway) did not start: no comparison in this run.'
}`,
      );
    }

    if (scaleRows.length) {
      const sqlTable = scaleSql
        .map((s) => `| ${s.label} | ${s.small.ms} | ${s.large.ms} | ${s.large.removed} | ${s.large.scans.join('; ')} |`)
        .join('\n');
      sections.set(
        'scale',
        `## Scale: demo data set against the large one

The same queries through two identical systems (four subgraphs and a gateway each, same build, same settings), one
on the demo data set (${sizeText(dataSizes.small)}), one on the large data set (${sizeText(dataSizes.large)}), measured side by side: for each query, a small run then a large run, ${RUNS} times
(medians), ${CONNECTIONS} connections. The issue asks for the large p99 within 2× of the small one.

| query | small req/s | small p50 | small p99 | large req/s | large p50 | large p99 | large / small p99 |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${scaleRows.map((r) => `| ${r.name} | ${r.small.rps} | ${r.small.p50} | ${r.small.p99} | ${r.large.rps} | ${r.large.p50} | ${r.large.p99} | **${r.ratio}×** |`).join('\n')}

The SQL of each (EXPLAIN ANALYZE on each database, one execution, ms):

| statement | small ms | large ms | large: rows filtered out | large: scans |
| --- | ---: | ---: | ---: | --- |
${sqlTable}

${scaleAnalysis(scaleRows, scaleSql)}
What limits these figures: with ${CONNECTIONS} connections on 2 cores the p99 is mostly queueing behind the CPU of the
gateway and subgraph processes (and autocannon); the part that grows with the data is the SQL above.`,
      );
    }

    if (burst) {
      sections.set(
        'burst',
        `## Burst of registrations

200 members register at the same moment (200 concurrent HTTP requests through the gateway) for an event with 50
seats: ${JSON.stringify(burst.statuses)} in ${burst.ms} ms; stored: ${burst.stored.map((r) => `${r.n} ${r.status}`).join(', ')};
event counters ${burst.counters.confirmed_count} confirmed / ${burst.counters.waitlist_count} waitlisted.
**${burst.ok ? 'Exactly 50 confirmed' : 'NOT exactly 50 confirmed'}** (the event row is locked for each registration, so
registrations of one event are serialised; what limits the burst is that lock and the events process).`,
      );
    }

    if (parts.has('sql')) {
      sections.set(
        'sql',
        `## SQL statements per operation

Counted with the QueryCounter of each in-process subgraph (one request, anonymous unless said), as the list grows:
the count must stay flat (DataLoaders batch the related rows and the federation references). A list of 1,000 is not
one request: the API serves at most 100 items a page (\`MAX_PAGE_SIZE\` in \`packages/graphql-kit\`), so 1,000 items
cost ten pages of these same counts. The same checks run in \`npm test\` (\`gateway/test/sql-per-request.test.ts\`).

| operation | subgraph | 10 items | 100 items |
| --- | --- | ---: | ---: |
${sqlRows.map((r) => `| ${r.operation} | ${r.subgraph} | ${r.counts[0]} | ${r.counts[1]} |`).join('\n')}`,
      );
    }

    if (parts.has('workers')) {
      const ratioText = noop && mail ? `${(noop.perSecond / mail.perSecond).toFixed(1)}` : 'n/a';
      sections.set(
        'workers',
        `## Workers: e-mails per second against a no-op baseline

| what | per run | median time | per second | runs (per second) | what limits it |
| --- | ---: | ---: | ---: | --- | --- |
| no-op jobs (baseline) | ${noop ? `${noop.jobs} jobs` : 'n/a'} | ${noop ? `${noop.ms} ms` : 'n/a'} | ${noop ? `**${noop.perSecond} jobs/s**` : 'n/a'} | ${noop?.runs.join(', ') ?? ''} | BullMQ itself: each job is a few Redis round trips (add, move to active with the limiter's check, move to completed), 50 at a time, plus the bench enqueuing |
| welcome e-mails | ${mail ? `${mail.count} e-mails` : 'n/a'} | ${mail ? `${mail.ms} ms` : 'n/a'} | ${mail ? `**${mail.perSecond} e-mails/s**` : 'n/a'} | ${mail?.runs.join(', ') ?? ''} | one job per e-mail; the gateway reads batched across concurrent jobs; three SQL round trips (the INSERT, the lock, the update with the commit) and the SMTP exchange; the CPU shared with the gateway, members, events, PostgreSQL and the sink (workers process ${mail?.workersCpuSeconds ?? 'n/a'} s of CPU a run, machine ${mail?.machineBusy == null ? 'n/a' : `${Math.round(mail.machineBusy * 100)}%`} busy) |

Both run through the built workers' BullMQ host (\`services/workers/dist/worker-host.js\`: same queues, the mail queue's
\`MAIL_CONCURRENCY\` 50, its limiter lifted to 10,000 jobs/s), each after one run left out of the figures (the warm-up:
connections opened, scripts loaded, code compiled; it is always the slowest): the baseline (\`bench/noop-workers.mjs\`)
with handlers that do nothing, jobs enqueued at once on the mail queue; the e-mails with the real workers process
(\`services/workers/dist/index.js\`, \`SMTP_POOL_SIZE\` ${MAIL_BENCH_SMTP_POOL}: production's default is 3, and each
send holds its connection for the SMTP exchange) sending \`email.requested\` (template \`welcome\`) for 200 members, one
job per e-mail: it reads each member through the gateway as the system, the reads of concurrent jobs (within 10 ms)
sharing requests (\`welcomeMail\`: one request for up to 15 welcomes, their addresses by \`systemMembersForMail\` and 15
aliased \`member\` fields, which the gateway sends to members as one fetch; one agenda page per distinct filter, the
communes' names read from \`@metropotes/territories\`), renders it, stores the row (one INSERT … ON CONFLICT DO NOTHING
RETURNING), then sends it in the same job: the row locked (\`BEGIN\`, the lock and the transaction's idle timeout in one
query), the message to a loopback SMTP sink (\`smtp-server\`), the row marked sent with the \`COMMIT\` (one query), so
that a job run again sends nothing. An e-mail whose first send fails goes to an \`email.deliver\` job, which retries it;
timed until the last message arrived.
The queue alone runs **${ratioText}×** as many no-op jobs a second as the workers send e-mails: an e-mail costs one job,
so the queue accounts for about ${noop && mail ? Math.round((100 * mail.perSecond) / noop.perSecond) : 'n/a'}% of an e-mail's time and the work in the handlers
(gateway requests, SQL, SMTP) for the rest. In production the mail queue is throttled to \`MAIL_RATE_PER_SECOND\`
(5 by default), far below either figure.${notes.length ? `\n\nNot measured: ${notes.join('; ')}.` : ''}`,
      );
    }

    if (digest && audience) {
      const ops = Object.entries(digest.byOperation)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      sections.set(
        'digest',
        `## Workers: the weekly digest for ${digest.members.toLocaleString('en')} members

Seeded on the large data set (\`scripts/seed/bench-digest.ts\`): ${audience.members.toLocaleString('en')} members receive the weekly
digest (every other member none), with followed communes, territories (EPT) and one or two themes spread over the
Métropole; ${audience.watchItems} veille items selected during the last six days; ${audience.eventsInWeek} published events in the coming
week; ${audience.fichesPublished.toLocaleString('en')} published fiches, ${audience.fichesUpdatedInWeek} of them updated during the week. The built workers process runs
the \`digest.run\` job of period ${digest.period} as on a Monday, which fans out one \`digest.batch\` job per 500 subscribers, each
enqueuing the next (through the gateway with the system role, default mail rate of
5 a second, deliveries to a loopback SMTP sink trickling beside it); the period's rows are deleted and its delivery
jobs drained between runs. The workers reach the gateway through a counting proxy (\`bench/counting-proxy.ts\`, one
more loopback hop); their RSS is read from \`/proc\` every 50 ms.

| figure | value |
| --- | --- |
| wall time (\`digest.run\` start → last batch's end, median of ${digest.wallRuns.length}) | **${(digest.wallMs / 1000).toFixed(1)} s** (runs: ${digest.wallRuns.map((w) => (w / 1000).toFixed(1)).join(', ')} s), ${Math.round((digest.members * 1000) / digest.wallMs)} members/s |
| gateway requests | **${digest.requests}** (${ops}) |
| members per gateway request | ${digest.membersPerRequest} (the members are read 500 a request, one request a batch; the content once per run and process, 100 items a page) |
| CPU of the workers process during the run | ${digest.cpuSeconds ?? 'n/a'} s |
| peak RSS of the workers process | **${digest.peakRssMiB ?? 'n/a'} MiB** (idle before the run: ${digest.idleRssMiB ?? 'n/a'} MiB) |
| e-mail rows written | ${Object.entries(digest.rows)
          .map(([state, n]) => `${n} ${state}`)
          .join(', ')} (one per member: \`pending\` then \`sent\` by the deliveries, \`suppressed\` when empty) |

The digest reads in batches: ${digest.requests} gateway requests for ${digest.members.toLocaleString('en')} members, none per member or per section.
${digestLimit(digest)}

The fiches are read with \`guideArticles(filter: { status: PUBLISHED, updatedSince })\`: ${digest.fichePages} page(s) of 100 for the
${digest.fichesUpdated} fiches updated this week, out of ${audience.fichesPublished.toLocaleString('en')} published. **A limit this benchmark found** (and
now fixed): the digest used to read every published fiche in title order, at most 20 pages, and filter them by date
itself; at this size 63 of the week's 82 fiches were beyond those pages and reached no digest. The peak memory is
the price of batching: the rendered e-mails (HTML and text) of 500 members are held at once.`,
      );
    }

    if (web) sections.set('web', webMarkdown(web, { runs: RUNS, duration: DURATION, connections: CONNECTIONS }));

    if (parts.has('cache')) sections.set('cache', cacheMarkdown());

    // Each section says when and how it was measured (a merged file holds sections of several runs).
    const dataSet = needLarge ? 'the large data set' : 'the demo data set';
    for (const [part, text] of sections) {
      const [heading, ...rest] = text.split('\n');
      const how = `_Measured on ${date} UTC by \`${RUN_TEXT}\`${part === 'sql' ? '' : `, on ${dataSet}`}; load average (1 min) at the start of the run: ${loadBefore}._`;
      sections.set(part, [heading, '', how, ...rest].join('\n'));
    }
    const previous = MERGE ? readDocs(readFileSync(OUT, 'utf8')) : { sections: new Map<Part, string>(), summary: [] as SummaryRow[], date: null };
    // A kept section from a file written before sections said when they were measured: the file's own date.
    for (const [part, text] of previous.sections)
      if (!/^_Measured on /m.test(text) && !/Measured (on|by a partial run on)/.test(text) && previous.date) {
        const [heading, ...rest] = text.split('\n');
        previous.sections.set(part, [heading, '', `_Measured on ${previous.date} UTC by an earlier run of \`npm run bench\`._`, ...rest].join('\n'));
      }
    const summary = [...summaryRows(), ...previous.summary.filter((row) => !parts.has(row.part) && PARTS.includes(row.part))].sort(
      (a, b) => SUMMARY_ORDER.indexOf(a.id) - SUMMARY_ORDER.indexOf(b.id),
    );
    const body = PARTS.map((part) => (parts.has(part) ? sections.get(part) : previous.sections.get(part))).filter((text): text is string => !!text);
    return `${[header, summaryMarkdown(summary), ...body, `Total bench time (${MERGE ? 'the last run' : 'this run'}): ${Math.round((Date.now() - started) / 1000)} s.`].join('\n\n')}\n`;
  }

  /** The public cache's section: the anonymous agenda with the Apollo gateway's cache, without it, and the peer's. */
  function cacheMarkdown(): string {
    if (!cacheFigures.length) return `## Public cache: the anonymous agenda\n\nNot measured in this run: ${notes.join('; ')}.`;
    const on = cacheFigures.find((f) => f.target === CACHE_ON);
    const off = cacheFigures.find((f) => f.target === CACHE_OFF);
    const hiveCached = cacheFigures.find((f) => f.target === HIVE_CACHED);
    const hitShare = (f?: Figure) => (f?.requests ? `${Math.max(0, Math.round((1 - (f.probed ?? 0) / f.requests) * 1000) / 10)}%` : 'n/a');
    const perRequest = (f?: Figure) => (f?.requests ? ((f.probed ?? 0) / f.requests).toFixed(3) : 'n/a');
    return `## Public cache: the anonymous agenda

The agenda as a visitor's \`/agenda\` page asks it (the site's \`Agenda\` document, fragments inlined: 10 events with
their venue and commune, \`totalCount\`, the 12 territories and their communes for the filter; no organizer, see
\`queries.visitorAgenda\` in \`bench/run.ts\`) sent without a token, through three gateways over the same subgraph processes, runs alternating (${RUNS} × ${SLOW_DURATION} s,
${CONNECTIONS} connections, medians): the Apollo gateway as deployed (\`PUBLIC_CACHE\` on, two levels keyed by the cache's generation, TTL from the subgraphs' \`@cacheControl\`
hints: **${cacheTtl} s** for this query: the answers as sent, in each gateway process's memory, served by Express before
Apollo Server's pipeline, \`gateway/src/public-answer-cache.ts\`; behind them Apollo's response-cache plugin in Redis,
shared by the processes, \`gateway/src/public-cache.ts\`), the same gateway with \`PUBLIC_CACHE=false\` (a second process), and the peer
(\`@graphql-hive/gateway\`) with its response cache configured alike (\`bench/hive-gateway.config.mjs\`:
\`responseCaching\`, the \`@graphql-yoga/plugin-response-cache\` plugin, stored in the same Redis, one entry shared by
every request without a token (\`session: () => null\`), none for a request with one, TTL ${cacheTtl} s). The peer's
plugin keeps its entries in one place, Redis here (an in-memory store would not be emptied by a change made through
another process); it has no first level in memory in front of Redis, which is what makes ours faster on hits.

The hit share is counted at the events subgraph (its \`metropotes_graphql_operations_total\` metric, read before and
after each run): a request that reached it was not answered from the cache (or from a read of the same query in
flight, which the Apollo gateway shares). An entry expires after ${cacheTtl} s, so a run longer than that has misses.

| through | requests/s | p50 ms | p99 ms | requests (all runs) | events subgraph queries per request | answered without the subgraph | what limits it |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${cacheFigures.map((f) => `| ${f.target} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.requests ?? 'n/a'} | ${perRequest(f)} | ${hitShare(f)} | ${f.limit} |`).join('\n')}

Without its cache the Apollo gateway still shares identical anonymous subgraph reads that are in flight
(\`gateway/src/subgraph-data-source.ts\`): with ${CONNECTIONS} connections asking the same query, a request often waits for
one already under way instead of making its own, hence fewer events-subgraph queries than requests on that row too
(the gateway rows of the table above send a member's token, which is never shared).

**With the cache ÷ without: ${ratioOf(on, off)}** (goal ≥ 10); **with the cache ÷ the peer with its response cache:
${ratioOf(on, hiveCached)}** (goal ≥ 1.2). Hit share of the Apollo gateway's cache: ${hitShare(on)}${hiveCached ? `; of the peer's: ${hitShare(hiveCached)}` : ''}.`;
  }

  /** The rows of issue #22's table measured by this run. */
  function summaryRows(): SummaryRow[] {
    const rows: SummaryRow[] = [];
    const measured = `${new Date().toISOString().slice(0, 10)}${FULL ? '' : ' (partial run)'}`;
    const find = (name: string, target: string) => figures.find((f) => f.name === name && f.target === target);
    const typename = find('`{ __typename }`', 'Apollo gateway');
    const typenameHive = find('`{ __typename }`', 'Hive gateway');
    const token = find('`{ __typename }` with a member token', 'Apollo gateway');
    const row = (part: Part, id: SummaryId, value: string, met: boolean | null, note: string) =>
      rows.push({
        part,
        id,
        what: SUMMARY_WHAT[id],
        goal: SUMMARY_GOAL[id],
        value,
        met,
        note: met ? '' : met === null ? `not measured: ${note.split('. ')[0]}` : note,
        measured,
      });

    if (parts.has('gateway')) {
      const typenameRatio = ratio(typename, typenameHive);
      row(
        'gateway',
        'typename',
        fmt(typenameRatio),
        typenameRatio === null ? null : typenameRatio >= 1,
        typenameRatio === null
          ? 'the peer gateway did not start'
          : `ours ${typename!.rps} requests/s, the peer ${typenameHive!.rps}. No subgraph is called: this is each gateway's own cost per request. Ours has shed what its profiles showed paying for nothing (\`docs/gateway-profile.md\`: cache reads that could never hit, the request log's child loggers, the cost limit computed again, the Express integration's URL parse and ETag, body-parser's general machinery for the usual JSON body); what is left is Apollo Server's request pipeline (the query's SHA-256, every plugin's hooks, content negotiation, serialisation), Express's router, and the socket write of the answer. What would reach it: the gateway's own plugins merged into one, or a leaner HTTP layer than Express for \`/graphql\`, measured by this row.`,
      );
      const data = ['agenda, 20 events + organizer + commune', 'guide search', 'member profile', 'single-subgraph list (20 fiches)'].map((name) => ({
        name,
        value: ratio(find(name, 'Apollo gateway'), find(name, 'Hive gateway')),
      }));
      const values = data.map((d) => d.value).filter((v): v is number => v !== null);
      const below = data.filter((d) => d.value !== null && d.value < 1);
      const tokenCost = typename && token ? Math.round((1 - token.rps / typename.rps) * 100) : 0;
      row(
        'gateway',
        'data',
        values.length
          ? `${fmt(Math.min(...values))}–${fmt(Math.max(...values))} (${data.map((d) => `${d.name.split(',')[0]} ${fmt(d.value)}`).join(', ')})`
          : 'n/a',
        values.length ? !below.length : null,
        values.length
          ? `below 1.0: ${below.map((d) => `${d.name.split(',')[0]} (${fmt(d.value)})`).join(', ')}. Both gateways call the same subgraph processes with the same member token; the difference is each gateway's per-request cost (as for \`{ __typename }\`), its execution of the query plan, and${tokenCost > 2 ? ` the member token, which costs ours ${tokenCost}% of its requests/s without any subgraph call (its signature, and its session version, kept in the process while Redis tracks it; the peer only forwards the token),` : ''} on 2 cores the CPU a gateway spends is taken from the subgraphs and PostgreSQL. What would reach it: the per-request savings of the first row.`
          : 'the peer gateway did not start',
      );
      const single = 'single-subgraph list (20 fiches)';
      const direct = ratio(find(single, 'guide direct'), find(single, 'Apollo gateway'));
      row(
        'gateway',
        'overhead',
        fmt(direct),
        direct === null ? null : direct <= 1.4,
        `the guide subgraph serves ${find(single, 'guide direct')?.rps ?? 'n/a'} requests/s directly, ${find(single, 'Apollo gateway')?.rps ?? 'n/a'} through the gateway${find(single, 'Hive gateway') ? ` (${find(single, 'Hive gateway')!.rps} through the peer: ${fmt(ratio(find(single, 'guide direct'), find(single, 'Hive gateway')))}×)` : ''}. Through the gateway a request also costs the token check (its session version kept in the process while Redis tracks it), the query plan (cached), one more HTTP hop with its two socket writes, and the answer parsed, shaped and serialised again, on the same 2 cores as the guide process and PostgreSQL. Neither the gateway nor the guide process is saturated on that path (measured with \`/proc\`: the guide near one core directly, about two thirds of one through a gateway), and the guide and PostgreSQL spend more CPU per request at the lower rate (fewer requests handled per wake-up); the gateway's own CPU per request is about the guide's. What would reach it: a gateway process spending less per request than today (Apollo Server's pipeline and Apollo Gateway's result shaping are most of what is left, \`docs/gateway-profile.md\`), or more gateway processes (\`GATEWAY_WORKERS\`) on a machine with cores to spare; its cost is bounded below by its \`{ __typename }\` figure (${typename?.rps ?? 'n/a'} requests/s with no subgraph call).`,
      );
    }

    if (parts.has('cache')) {
      const on = cacheFigures.find((f) => f.target === CACHE_ON);
      const off = cacheFigures.find((f) => f.target === CACHE_OFF);
      const hiveCached = cacheFigures.find((f) => f.target === HIVE_CACHED);
      const hits = on?.requests ? 1 - (on.probed ?? 0) / on.requests : null;
      const hitText =
        hits === null ? '' : `; ${Math.round(hits * 1000) / 10}% answered without the events subgraph (from the cache, or sharing a read in flight)`;
      const vsOff = ratio(on, off);
      row(
        'cache',
        'cache',
        vsOff === null ? 'n/a' : `${fmt(vsOff)}${hitText}`,
        vsOff === null ? null : vsOff >= 10,
        vsOff === null
          ? notes.join('; ') || 'not measured'
          : `with the cache ${on!.rps} requests/s, without ${off!.rps}${hits !== null && hits < 0.9 ? ` — and the cache answered only ${Math.round(hits * 100)}% of the requests, the rest reached the subgraphs` : ''}. A hit is served from the gateway process's memory before Apollo Server's pipeline; what it still costs is Express's middleware (metrics, request log, helmet, CORS, the body read) and the socket write, on 2 cores shared with autocannon${typename ? ` (\`{ __typename }\`, through the whole pipeline: ${typename.rps} requests/s in this run)` : ''}: 10× needs the hits ten times as fast as the uncached agenda${needLarge ? '' : ' (whose subgraph work is light on the demo data set: the large one makes the uncached side slower and the ratio larger)'}. What would reach it: fewer middleware on the hit path (the request log and metrics kept).`,
      );
      const vsHive = ratio(on, hiveCached);
      row(
        'cache',
        'cacheHive',
        vsHive === null
          ? 'n/a'
          : `${fmt(vsHive)}${hiveCached?.requests ? `; the peer answered ${Math.round((1 - (hiveCached.probed ?? 0) / hiveCached.requests) * 1000) / 10}% from its cache` : ''}`,
        vsHive === null ? null : vsHive >= 1.2,
        vsHive === null
          ? 'the peer gateway with its response cache did not start'
          : `ours ${on!.rps} requests/s, the peer ${hiveCached!.rps}. The peer reads each hit from Redis through its pipeline; ours are served from the process's memory before Apollo Server's pipeline. What would reach it: fewer middleware on the hit path.`,
      );
    }

    if (parts.has('workers')) {
      const perSecond = mail?.perSecond ?? null;
      // One job per e-mail: the queue alone would allow as many e-mails a second as it runs no-op jobs.
      const queueCap = noop ? noop.perSecond : null;
      row(
        'workers',
        'mail',
        perSecond === null ? 'n/a' : `${perSecond}`,
        perSecond === null ? null : perSecond >= 200,
        perSecond === null
          ? notes.join('; ') || 'not measured'
          : `${queueCap === null ? '' : `the queue alone runs ${queueCap} no-op jobs/s, and an e-mail costs one job${queueCap < 200 ? ' — BullMQ itself is below the goal at this concurrency' : ''}; `}the rest of an e-mail's time is its handler's work: the gateway reads (one members request and the agenda pages for the welcomes of concurrent jobs), three SQL round trips on workers.emails (the INSERT, the lock, the update with the commit) and the SMTP exchange (${MAIL_BENCH_SMTP_POOL} connections), on the CPU shared with the gateway, the members and events subgraphs, PostgreSQL and the SMTP sink${mail?.machineBusy == null ? '' : ` (machine ${Math.round(mail.machineBusy * 100)}% busy during the runs)`}. What would reach it: a machine where the sink, the gateway and the subgraphs do not share the workers' cores${queueCap !== null && queueCap < 200 ? ', and a higher `MAIL_CONCURRENCY`' : ''}.`,
      );
    }

    if (web) {
      const [page, query, rendered] = web.throughput;
      const asked = web.pageCache.hit + web.pageCache.miss + web.pageCache.bypass;
      const hits = asked ? Math.round((web.pageCache.hit / asked) * 1000) / 10 : 0;
      // As deployed: the site's page cache on. What it answered, and the page rendered each time, go with the figure.
      row(
        'web',
        'web',
        `${fmt(web.ratio)}; ${hits}% of the page's requests answered from the site's page cache (rendered each time: ${fmt(web.renderedRatio)})`,
        web.ratio >= 0.7,
        `the page ${page!.rps} requests/s as deployed (the site's page cache on: ${hits}% of the timed requests answered from memory, without React nor the gateway), its query alone ${query!.rps} through the gateway with its public cache on (a hit of the gateway's cache). A hit is limited by the site's Express stack per request (request log, metrics, security headers) and the bytes, on the same 2 cores; a miss (after a change, or a member's page) costs a render: ${rendered!.rps} requests/s without the page cache, ${fmt(web.renderedRatio)} of the query. What would reach it: the page cache answering (is the gateway's public cache on, its generation polled?), then less work per request before the cache's lookup.`,
      );
      const publicPages = web.pages.filter((p) => p.who === 'visitor');
      const heaviest = [...publicPages].sort((a, b) => b.gzipBytes - a.gzipBytes)[0];
      const over = publicPages.filter((p) => p.gzipBytes > JS_BUDGET_BYTES);
      row(
        'web',
        'js',
        heaviest
          ? heaviest.gzipBytes
            ? `${(heaviest.gzipBytes / 1024).toFixed(1)} KB at most (\`${heaviest.path}\`)`
            : 'none (no public page loads JavaScript)'
          : 'n/a',
        heaviest ? !over.length : null,
        `over 100 KB: ${over.map((p) => `\`${p.path}\``).join(', ')}. What would reach it: no hydration on those pages (server-rendered HTML and forms, as the others), or the client code split so that a page loads only its own.`,
      );
    }
    return rows;
  }
}

type SummaryId = 'typename' | 'data' | 'cache' | 'cacheHive' | 'overhead' | 'mail' | 'web' | 'js';
const SUMMARY_ORDER: SummaryId[] = ['typename', 'data', 'cache', 'cacheHive', 'overhead', 'mail', 'web', 'js'];
const SUMMARY_WHAT: Record<SummaryId, string> = {
  typename: 'ours ÷ Hive Gateway, `{ __typename }`',
  data: 'ours ÷ Hive Gateway, every data query, no cache on either side',
  cache: 'anonymous agenda with the cache ÷ without, same gateway',
  cacheHive: 'anonymous agenda with the cache ÷ Hive Gateway with its response cache configured alike',
  overhead: 'direct subgraph ÷ through the gateway, single-subgraph query',
  mail: 'e-mails/s to a loopback SMTP sink (rate limit lifted)',
  web: 'web: the agenda page through the site, requests/s ÷ the agenda query alone through the gateway',
  js: 'web: gzipped JavaScript on a public page',
};
const SUMMARY_GOAL: Record<SummaryId, string> = {
  typename: '≥ 1.0',
  data: '≥ 1.0 each',
  cache: '≥ 10',
  cacheHive: '≥ 1.2',
  overhead: '≤ 1.4',
  mail: '≥ 200',
  web: '≥ 0.7',
  js: '≤ 100 KB',
};

/** A row of the summary (issue #22's table); kept as JSON in the file so that a merged run keeps the rows it did not measure. */
interface SummaryRow {
  part: Part;
  id: SummaryId;
  what: string;
  value: string;
  goal: string;
  met: boolean | null;
  note: string;
  measured: string;
}

/** a ÷ b in requests/s; null when either is missing or answered nothing (a run that failed to load). */
/** Rounded to the two decimals shown, so that a figure shown at its goal meets it. */
const ratio = (a: Figure | undefined, b: Figure | undefined): number | null =>
  a && b && a.rps > 0 && b.rps > 0 ? Math.round((a.rps / b.rps) * 100) / 100 : null;
const fmt = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
const ratioOf = (a: Figure | undefined, b: Figure | undefined) => fmt(ratio(a, b));

function summaryMarkdown(rows: SummaryRow[]): string {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines = SUMMARY_ORDER.map((id) => {
    const r = byId.get(id);
    if (!r) return `| ${SUMMARY_WHAT[id]} | not measured | ${SUMMARY_GOAL[id]} | — | — | |`;
    const verdict = r.met === null ? 'n/a' : r.met ? '**met**' : '**missed**';
    return `| ${r.what} | ${r.value} | ${r.goal} | ${verdict} | ${r.measured} | ${r.note} |`;
  });
  const missed = rows.filter((r) => r.met === false).length;
  return `## Summary: the goals of issue #22

Every figure of the issue's table, from the sections below (ratios of things measured side by side in one run,
alternating): ${missed ? `**${missed} of ${SUMMARY_ORDER.length} missed**` : '**every goal met**'}${rows.length < SUMMARY_ORDER.length ? ` (${SUMMARY_ORDER.length - rows.length} not measured)` : ''}. Where a goal is missed, the last column says why
and what would reach it, from the run's own figures.

| figure | measured | goal | verdict | when | why it is missed, and what would reach it |
| --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

<!-- bench-summary ${JSON.stringify(rows)} -->`;
}

/** The headings of each part's section in docs/benchmarks.md (to merge a partial run into it). */
const SECTION_HEADINGS: [string, Part][] = [
  ['## Throughput and latency', 'gateway'],
  ['## Public cache', 'cache'],
  ['## Scale', 'scale'],
  ['## Burst', 'burst'],
  ['## SQL statements', 'sql'],
  ['## Workers: e-mails', 'workers'],
  ['## Workers: the weekly digest', 'digest'],
  ['## Web site', 'web'],
];

/** The sections of an earlier docs/benchmarks.md, by part, and its summary rows. */
function readDocs(text: string): { sections: Map<Part, string>; summary: SummaryRow[]; date: string | null } {
  const date = /^Measured by `npm run bench` \(`bench\/run.ts`\) on ([\d-]+ [\d:]+) UTC/m.exec(text)?.[1] ?? null;
  const sections = new Map<Part, string>();
  const chunks = text.split(/\n(?=## )/);
  for (const chunk of chunks) {
    const part = SECTION_HEADINGS.find(([heading]) => chunk.startsWith(heading))?.[1];
    if (part) sections.set(part, chunk.replace(/\n+Total bench time[^\n]*\n?$/, '').trimEnd());
  }
  const json = /<!-- bench-summary (.*) -->/.exec(text)?.[1];
  try {
    return { sections, summary: json ? (JSON.parse(json) as SummaryRow[]) : [], date };
  } catch {
    return { sections, summary: [], date };
  }
}

const sizeText = (size?: DataSize) =>
  size
    ? `${size.members.toLocaleString('en')} members, ${size.events.toLocaleString('en')} events, ${size.fiches.toLocaleString('en')} fiches`
    : 'n/a';

/** Says where the Apollo gateway is slower than the peer, and what this run's figures tell of why. */
function peerAnalysis(figures: Figure[]): string {
  const rps = (name: string, target: string) => figures.find((f) => f.name === name && f.target === target)?.rps ?? 0;
  const names = [...new Set(figures.filter((f) => f.target === 'Hive gateway').map((f) => f.name))];
  const slower = names.filter((n) => rps(n, 'Apollo gateway') < rps(n, 'Hive gateway') * 0.95);
  const anonymous = rps('`{ __typename }`', 'Apollo gateway');
  const token = rps('`{ __typename }` with a member token', 'Apollo gateway');
  const tokenCost = anonymous && token ? Math.round((1 - token / anonymous) * 100) : null;
  const tokenText =
    tokenCost === null
      ? ''
      : ` Without any subgraph call, a member token costs the Apollo gateway ${tokenCost > 2 ? `${tokenCost}% of its requests/s` : 'nothing measurable'} (${anonymous} → ${token} requests/s): it reads the member's session version in Redis on every request (\`gateway/src/session-revocation.ts\`) and checks the token's Ed25519 signature once per token (the verifier remembers verified tokens until they expire; an earlier run, checking every request, lost 29% there), which the peer does not do (it only forwards the token; the subgraphs verify it for both).`;
  if (!slower.length) return `**Our gateway is not the slower one** (within 5% or faster on every query).${tokenText}`;
  return `**The Apollo gateway is the slower one** (by more than 5%) on: ${slower.join(', ')}.${tokenText} The rest of the difference is each gateway's own per-request cost (HTTP server, parsing, planning, executing and serialising: Express and Apollo Server against the peer's whatwg-node server), since the subgraph processes are the same for both; with two cores, that CPU is also taken from the subgraphs.`;
}

/** What limits the digest's wall time, from the workers process's CPU time during the job. */
function digestLimit(digest: DigestResult): string {
  const perMember =
    'for each batch of 500 members (one `digest.batch` job) the workers render their e-mails (HTML and text), store them in one INSERT (`insertManyOnce`) and queue their deliveries in one BullMQ `addBulk` (`queueNewDeliveries`): two round trips per 500 members';
  const batching = 'An earlier run, with one INSERT, one SELECT and two Redis calls per member, took about twice as long (20.5 s).';
  if (digest.cpuSeconds === null) return `What limits the wall time is the per-member work, not the reads: ${perMember}. ${batching}`;
  const share = digest.cpuSeconds / (digest.wallMs / 1000);
  return share >= 0.6
    ? `What limits the wall time is the workers process's own CPU (${digest.cpuSeconds} s of CPU for ${(digest.wallMs / 1000).toFixed(1)} s of wall time, ${Math.round(share * 100)}%), not the reads: ${perMember}; the rendering and the client side of those round trips keep one core busy. ${batching}`
    : `What limits the wall time is waiting, not the reads nor the workers' CPU (${digest.cpuSeconds} s of CPU for ${(digest.wallMs / 1000).toFixed(1)} s of wall time, ${Math.round(share * 100)}%): ${perMember}, waiting for PostgreSQL, Redis and the gateway, which share the 2 cores. ${batching}`;
}

/** What the scale part found, written from its figures and the EXPLAIN of each statement. */
function scaleAnalysis(
  rows: ScaleRow[],
  sql: { label: string; small: { ms: number; scans: string[] }; large: { ms: number; scans: string[] } }[],
): string {
  const over = rows.filter((r) => r.ratio > 2);
  const seq = sql.filter((s) => s.large.scans.some((scan) => scan.startsWith('Seq Scan')));
  const grows = [...sql].sort((a, b) => b.large.ms - b.small.ms - (a.large.ms - a.small.ms))[0];
  const verdict = over.length ? `**Not within 2×**: ${over.map((r) => `${r.name} (${r.ratio}×)`).join(', ')}.` : '**Within 2× for every query.**';
  const plans = `On the large data set ${seq.length ? `${seq.map((s) => s.label).join(', ')} use${seq.length === 1 ? 's' : ''} a sequential scan` : 'no statement uses a sequential scan'}; the statement that grows most is ${grows ? `${grows.label} (${grows.small.ms} → ${grows.large.ms} ms)` : 'n/a'}.`;
  return `${verdict} ${plans} The agenda page reads the start index from just before \`from\` and stops after 21 rows, so it stays nearly flat; \`totalCount\` counts every event not finished yet (an index-only scan of a covering partial index, linear in the number of upcoming events: tens of thousands here), which is why the agenda is measured with and without it; the guide search is a bitmap scan of the full-text GIN index, \`ts_rank\` over the matching fiches (hundreds here) and \`ts_headline\` on the 10 returned only.`;
}

function readHiveVersion(): string {
  try {
    return JSON.parse(readFileSync(resolve(ROOT, 'node_modules/@graphql-hive/gateway/package.json'), 'utf8')).version as string;
  } catch {
    return '';
  }
}

main()
  .catch(async (error: Error) => {
    console.error(error instanceof BenchError ? `\n✖ ${error.message}\n` : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    setTimeout(() => process.exit(), 500).unref();
  });
