// `npm run bench`: the benchmarks of Métropotes (never part of `npm test`). Run `npx turbo run build` first.
//
//   npm run bench                                  every part; writes docs/benchmarks.md
//   npm run bench -- --only digest,scale,workers   some parts; writes $TMPDIR/metropotes-bench-<parts>.md
//   npm run bench -- --demo                        the demo data set only (no large data set: no scale, no digest)
//   options: --out FILE (where the results go), --keep-db (keep the bench databases), --help
//   environment: BENCH_RUNS (3), BENCH_DURATION (3 s), BENCH_CONNECTIONS (10), BENCH_PORT_BASE (4400),
//                BENCH_DIGEST_MEMBERS (10000), DATABASE_URL and REDIS_URL (where the servers are)
//
// Parts: gateway (throughput and latency through the Apollo gateway and the @graphql-hive/gateway peer, gateway
// overhead), scale (agenda and guide search p99, demo data set against the large one, side by side), burst (200
// concurrent registrations for 50 seats), workers (no-op job baseline and e-mails per second), digest (one weekly
// digest period for 10,000 members), sql (SQL statements per operation as lists grow), web (the built web site:
// gzipped JavaScript of each page, gateway requests per agenda page, agenda page ÷ its query through the gateway).
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
import { measureDigest, measureMail, measureNoop, type DigestResult, type MailResult, type NoopResult } from './workers-bench';
import { measureWeb, WEB_ENTRY, webMarkdown, type WebResult } from './web-bench';

const PARTS = ['gateway', 'scale', 'burst', 'workers', 'digest', 'sql', 'web'] as const;
type Part = (typeof PARTS)[number];

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(
    readFileSync(__filename, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('//'))
      .slice(0, 9)
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
const OUT = argValue('--out') ?? (onlyArg ? resolve(tmpdir(), `metropotes-bench-${[...parts].join('-')}.md`) : resolve(ROOT, 'docs/benchmarks.md'));

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

/** The built subgraphs and the Apollo gateway, one process each, on `portBase`..`portBase + 4`. */
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

  const needSystem = ['gateway', 'scale', 'burst', 'workers', 'digest', 'web'].some((p) => parts.has(p as Part));
  const needLarge = !DEMO && ['gateway', 'scale', 'digest'].some((p) => parts.has(p as Part));
  const queries = {
    typename: '{ __typename }',
    agenda: `{ agenda(first: 20) { totalCount edges { cursor node { id title kind startsAt organizer { id displayName } venue { name commune { code name territory { name } } } } } } }`,
    agendaNoCount: `{ agenda(first: 20) { edges { cursor node { id title kind startsAt organizer { id displayName } venue { name commune { code name territory { name } } } } } } }`,
    search: `{ searchGuide(query: "${SEARCH_TEXT}", first: 10) { rank excerpt article { slug title } } }`,
    profile: `{ member(id: "${SEED_MEMBERS[0]!.id}") { displayName bio interests commune { name territory { name } } groups { name } organizedEvents { title startsAt } guideArticles { title } } }`,
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

    if (parts.has('gateway')) {
      // The peer gateway: the same supergraph, its subgraph URLs pointed at this run's processes.
      const tmp = mkdtempSync(resolve(tmpdir(), 'metropotes-bench-'));
      let supergraph = readFileSync(resolve(ROOT, 'gateway/supergraph.graphql'), 'utf8');
      for (const s of SUBGRAPHS)
        supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${s}", url: ")[^"]*`), `$1${system.subgraphUrl(s)}`);
      writeFileSync(resolve(tmp, 'supergraph.graphql'), supergraph);
      const hiveBin = resolve(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
      hive = existsSync(hiveBin);
      if (hive) {
        run(
          'hive-gateway',
          process.execPath,
          [
            hiveBin,
            'supergraph',
            resolve(tmp, 'supergraph.graphql'),
            '--port',
            String(PORT_BASE + 10),
            '--host',
            '127.0.0.1',
            '-c',
            'bench/hive-gateway.config.mjs',
          ],
          system.env,
        );
        await waitFor('hive-gateway', HIVE_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"query":"{ __typename }"}',
        }).catch(() => {
          hive = false;
        });
      } else {
        log('  @graphql-hive/gateway is not installed: the peer comparison is skipped.');
      }
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
      const ratio = (a: Figure | undefined, b: Figure | undefined) => (a && b ? (a.rps / b.rps).toFixed(2) : 'n/a');
      const find = (name: string, target: string) => figures.find((f) => f.name === name && f.target === target);
      overhead = ratio(find('single-subgraph list (20 fiches)', 'guide direct'), find('single-subgraph list (20 fiches)', 'Apollo gateway'));
      log(`\nGateway overhead: direct/gateway throughput ratio ${overhead}`);
      peerRatios = hive
        ? [
            '`{ __typename }`',
            '`{ __typename }` with a member token',
            'agenda, 20 events + organizer + commune',
            'guide search',
            'member profile',
            'single-subgraph list (20 fiches)',
          ].map((name) => `| ${name} | ${ratio(find(name, 'Apollo gateway'), find(name, 'Hive gateway'))} |`)
        : [];
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
    if (parts.has('web')) web = await measureWeb({ gatewayUrl: system.gatewayUrl, portBase: PORT_BASE, load: loadOptions(), slowDuration: DURATION });
  }
  await cleanUp();

  if (parts.has('sql')) {
    log('\nSQL statements per operation (in-process system, QueryCounter):');
    sqlRows = await countStatements();
  }

  writeFileSync(OUT, markdown());
  log(`\nWritten to ${OUT} (${Math.round((Date.now() - started) / 1000)} s).`);
  if (burst && !burst.ok) process.exitCode = 1;

  function markdown(): string {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, PostgreSQL and Redis on the same machine`;
    const sections: string[] = [];
    sections.push(`# Benchmarks

Measured by \`npm run bench\` (\`bench/run.ts\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${FULL ? '' : ` — **a partial run** (\`${args.join(' ')}\`: ${[...parts].join(', ')})`}.
Machine: ${machine}. Everything (PostgreSQL, Redis, the four subgraph processes, the gateway, the peer gateway, the
workers and autocannon) runs on this one machine, so **every figure is limited by its 2 cores** shared by all the
processes: read them as a comparison between queries, gateways and data sets on the same machine, not as the
capacity of a deployment. Load average (1 min) when the bench started: ${loadBefore}; when it ended:
${loadavg()[0]!.toFixed(1)} (above 2, other work was competing for the cores during the run and the absolute figures are
lower than on an idle machine).

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
digest,scale,workers\` runs some parts (\`gateway\`, \`scale\`, \`burst\`, \`workers\`, \`digest\`, \`sql\`, \`web\`) and writes
its results to a temporary file (or \`--out FILE\`); \`--demo\` skips the large data set; \`--keep-db\` keeps the
databases; \`BENCH_RUNS\`, \`BENCH_DURATION\`, \`BENCH_CONNECTIONS\`, \`BENCH_PORT_BASE\`, \`BENCH_DIGEST_MEMBERS\` tune it.
The bench stops with a clear message if PostgreSQL or Redis does not answer.`);

    if (parts.has('gateway')) {
      sections.push(`## Throughput and latency

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

${peerAnalysis(figures)}`
    : 'The peer gateway (@graphql-hive/gateway) did not start: no comparison in this run.'
}`);
    }

    if (scaleRows.length) {
      const sqlTable = scaleSql
        .map((s) => `| ${s.label} | ${s.small.ms} | ${s.large.ms} | ${s.large.removed} | ${s.large.scans.join('; ')} |`)
        .join('\n');
      sections.push(`## Scale: demo data set against the large one

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
gateway and subgraph processes (and autocannon); the part that grows with the data is the SQL above.`);
    }

    if (burst) {
      sections.push(`## Burst of registrations

200 members register at the same moment (200 concurrent HTTP requests through the gateway) for an event with 50
seats: ${JSON.stringify(burst.statuses)} in ${burst.ms} ms; stored: ${burst.stored.map((r) => `${r.n} ${r.status}`).join(', ')};
event counters ${burst.counters.confirmed_count} confirmed / ${burst.counters.waitlist_count} waitlisted.
**${burst.ok ? 'Exactly 50 confirmed' : 'NOT exactly 50 confirmed'}** (the event row is locked for each registration, so
registrations of one event are serialised; what limits the burst is that lock and the events process).`);
    }

    if (parts.has('sql')) {
      sections.push(`## SQL statements per operation

Counted with the QueryCounter of each in-process subgraph (one request, anonymous unless said), as the list grows:
the count must stay flat (DataLoaders batch the related rows and the federation references). A list of 1,000 is not
one request: the API serves at most 100 items a page (\`MAX_PAGE_SIZE\` in \`packages/graphql-kit\`), so 1,000 items
cost ten pages of these same counts. The same checks run in \`npm test\` (\`gateway/test/sql-per-request.test.ts\`).

| operation | subgraph | 10 items | 100 items |
| --- | --- | ---: | ---: |
${sqlRows.map((r) => `| ${r.operation} | ${r.subgraph} | ${r.counts[0]} | ${r.counts[1]} |`).join('\n')}`);
    }

    if (parts.has('workers')) {
      const ratioText = noop && mail ? `${(noop.perSecond / mail.perSecond).toFixed(1)}` : 'n/a';
      sections.push(`## Workers: e-mails per second against a no-op baseline

| what | per run | median time | per second | runs (per second) | what limits it |
| --- | ---: | ---: | ---: | --- | --- |
| no-op jobs (baseline) | ${noop ? `${noop.jobs} jobs` : 'n/a'} | ${noop ? `${noop.ms} ms` : 'n/a'} | ${noop ? `**${noop.perSecond} jobs/s**` : 'n/a'} | ${noop?.runs.join(', ') ?? ''} | BullMQ itself: each job is a few Redis round trips (add, move to active with the limiter's check, move to completed), 50 at a time, plus the bench enqueuing |
| welcome e-mails | ${mail ? `${mail.count} e-mails` : 'n/a'} | ${mail ? `${mail.ms} ms` : 'n/a'} | ${mail ? `**${mail.perSecond} e-mails/s**` : 'n/a'} | ${mail?.runs.join(', ') ?? ''} | two jobs per e-mail; the gateway reads batched across concurrent jobs; an INSERT and a locked update on workers.emails, the SMTP exchange; the CPU shared with the gateway, members and PostgreSQL (workers process ${mail?.workersCpuSeconds ?? 'n/a'} s of CPU a run, machine ${mail?.machineBusy == null ? 'n/a' : `${Math.round(mail.machineBusy * 100)}%`} busy) |

Both run through the built workers' BullMQ host (\`services/workers/dist/worker-host.js\`: same queues, the mail queue's
\`MAIL_CONCURRENCY\` 50, its limiter lifted to 10,000 jobs/s): the baseline (\`bench/noop-workers.mjs\`) with handlers that
do nothing, jobs enqueued at once on the mail queue; the e-mails with the real workers process
(\`services/workers/dist/index.js\`, \`SMTP_POOL_SIZE\` 3) sending \`email.requested\` (template \`welcome\`) for 200
members: it reads each member through the gateway as the system, the reads of concurrent jobs sharing requests
(\`SystemGateway.memberForMail\`: one \`systemMembersForMail\` request for up to 100 e-mails; the welcome's member read,
15 aliased \`member\` fields a request; one agenda page per distinct filter), stores the row (one INSERT … RETURNING),
enqueues its delivery (\`email.deliver\`) and sends it to a loopback SMTP sink (\`smtp-server\`); timed until the last
message arrived.
The queue alone runs **${ratioText}×** as many no-op jobs a second as the workers send e-mails: an e-mail costs two jobs,
so the queue accounts for about ${noop && mail ? Math.round((200 * mail.perSecond) / noop.perSecond) : 'n/a'}% of an e-mail's time and the work in the handlers
(gateway requests, SQL, SMTP) for the rest. In production the mail queue is throttled to \`MAIL_RATE_PER_SECOND\`
(5 by default), far below either figure.${notes.length ? `\n\nNot measured: ${notes.join('; ')}.` : ''}`);
    }

    if (digest && audience) {
      const ops = Object.entries(digest.byOperation)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ');
      sections.push(`## Workers: the weekly digest for ${digest.members.toLocaleString('en')} members

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
the price of batching: the rendered e-mails (HTML and text) of 500 members are held at once.`);
    }

    if (web) {
      sections.push(
        webMarkdown(web, {
          runs: RUNS,
          duration: DURATION,
          connections: CONNECTIONS,
          machine,
          date: new Date().toISOString().slice(0, 16).replace('T', ' '),
        }),
      );
    }

    sections.push(`Total bench time: ${Math.round((Date.now() - started) / 1000)} s.`);
    return `${sections.join('\n\n')}\n`;
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
