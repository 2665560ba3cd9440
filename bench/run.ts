// `npm run bench`: the benchmarks of Métropotes (never part of `npm test`). Run `npm run build` first.
//
// 1. A dedicated database (metropotes_bench, dropped and recreated) gets the demo data set, and unless
//    --demo the large one (50,000 members, 100,000 events, 10,000 fiches).
// 2. The built system runs as it does in production: one process per subgraph (services/*/dist) and the
//    Apollo gateway (gateway/dist, GATEWAY_WORKERS=1 so it compares with a one-process peer), plus
//    @graphql-hive/gateway serving the same supergraph with the same subgraph URLs and headers.
// 3. autocannon measures each query (median of RUNS runs of DURATION seconds): requests/s, p50, p99.
// 4. A burst of 200 concurrent registrations for an event with 50 seats: exactly 50 confirmed (asserted).
// 5. SQL statements per operation as lists grow (10 → 100), with the QueryCounter of an in-process system.
// The results table goes to docs/benchmarks.md.
import { createTokenSigner, generatePemKeyPair, MEMBER_ISSUER } from '@metropotes/auth';
import { dropDatabase, ensureDatabase } from '@metropotes/database';
import { startTestSystem } from '@metropotes/test-kit';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { runSeed } from '../scripts/seed/run-seed';
import { SEED_MEMBERS, SEED_STAFF } from '../services/members/src/seed/members.seed-data';

// autocannon is CommonJS without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const ROOT = resolve(__dirname, '..');
const args = process.argv.slice(2);
const LARGE = !args.includes('--demo');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4400);
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/metropotes';
const dbUrl = new URL(BASE_URL);
dbUrl.pathname = '/metropotes_bench';
const DATABASE_URL = dbUrl.toString();
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SUBGRAPHS = ['members', 'events', 'guide', 'moderation'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];
const port = { members: PORT_BASE + 1, events: PORT_BASE + 2, guide: PORT_BASE + 3, moderation: PORT_BASE + 4, gateway: PORT_BASE, hive: PORT_BASE + 10 };
const subgraphUrl = (name: Subgraph) => `http://127.0.0.1:${port[name]}/graphql`;
const GATEWAY_URL = `http://127.0.0.1:${port.gateway}/graphql`;
const HIVE_URL = `http://127.0.0.1:${port.hive}/graphql`;

const children: ChildProcess[] = [];
const log = (line: string) => console.log(line);

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  void stopChildren().then(() => process.exit(1));
  throw new Error(message);
}

async function stopChildren() {
  for (const child of children.reverse()) {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          r(null);
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          r(null);
        });
      });
    }
  }
}
process.on('SIGINT', () => void stopChildren().then(() => process.exit(130)));

function run(name: string, command: string, commandArgs: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, commandArgs, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.on('exit', (code, signal) => {
    if (code && code !== 0) console.error(`${name} exited (${signal ?? code}):\n${stderr}`);
  });
  children.push(child);
  return child;
}

async function waitFor(name: string, url: string, init?: RequestInit, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${name} was not ready after ${timeoutMs / 1000} s (${url})`);
}

interface Figure {
  name: string;
  target: string;
  rps: number;
  p50: number;
  p99: number;
  limit: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Checks the answer once (no GraphQL error), then RUNS autocannon runs; the medians. */
async function measure(name: string, target: string, url: string, query: string, headers: Record<string, string>, limit: string, duration = DURATION): Promise<Figure> {
  const body = JSON.stringify({ query });
  const allHeaders = { 'content-type': 'application/json', ...headers };
  const check = await fetch(url, { method: 'POST', headers: allHeaders, body });
  const json = (await check.json()) as { errors?: unknown[]; data?: unknown };
  if (!check.ok || json.errors) fail(`${name} via ${target}: ${check.status} ${JSON.stringify(json).slice(0, 500)}`);
  await autocannon({ url, method: 'POST', headers: allHeaders, body, connections: CONNECTIONS, duration: 1 }); // warm-up
  const rps: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const result = await autocannon({ url, method: 'POST', headers: allHeaders, body, connections: CONNECTIONS, duration });
    if (result.non2xx || result.errors || result.timeouts) fail(`${name} via ${target}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    rps.push(result.requests.average);
    p50.push(result.latency.p50);
    p99.push(result.latency.p99);
  }
  const figure = { name, target, rps: Math.round(median(rps)), p50: median(p50), p99: median(p99), limit };
  log(`  ${name.padEnd(34)} ${target.padEnd(16)} ${String(figure.rps).padStart(6)} req/s   p50 ${figure.p50} ms   p99 ${figure.p99} ms`);
  return figure;
}

async function main() {
  for (const path of ['gateway/dist/index.js', ...SUBGRAPHS.map((s) => `services/${s}/dist/index.js`)]) {
    if (!existsSync(resolve(ROOT, path))) fail(`${path} is missing: run \`npm run build\` first.`);
  }
  const started = Date.now();
  const loadBefore = loadavg()[0]!.toFixed(1);
  log(`Database ${DATABASE_URL} (recreated), ${LARGE ? 'demo + large' : 'demo'} data set`);
  await dropDatabase(DATABASE_URL).catch(() => undefined);
  await ensureDatabase(DATABASE_URL);
  await runSeed(DATABASE_URL, LARGE ? 'large' : 'demo', (line) => log(`  ${line}`));

  // The burst's fixtures: 200 members and an event with 50 seats (set up directly in the bench database).
  const db = new Pool({ connectionString: DATABASE_URL, max: 2 });
  const burstMembers: string[] = [];
  for (let i = 1; i <= 200; i += 1) burstMembers.push(`be000000-0000-4000-8000-${i.toString().padStart(12, '0')}`);
  await db.query(
    `INSERT INTO members.members (id, email, display_name, search_name, commune_code, charter_accepted_at, welcome_status)
     SELECT id, 'rafale-' || n || '@bench.metropotes.local', 'Rafale ' || n, 'rafale ' || n, '93039', now(), 'WELCOMED'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [burstMembers],
  );
  const burstEventId = 'be000001-0000-4000-8000-000000000001';
  await db.query(
    `INSERT INTO events.events (id, title, kind, status, starts_at, ends_at, commune_code, venue_name, capacity, organizer_id)
     VALUES ($1, 'Formation très demandée (essai de charge)', 'FORMATION', 'PUBLISHED', now() + interval '10 days',
             now() + interval '10 days 2 hours', '93039', 'La Fabrique des Quais', 50, $2)`,
    [burstEventId, SEED_STAFF.id],
  );

  // The built system, one process per service, as in production.
  const memberKeys = await generatePemKeyPair();
  const systemKeys = await generatePemKeyPair();
  const secrets = Object.fromEntries(SUBGRAPHS.map((s) => [s, `bench-${s}-secret-0123456789abcdef`])) as Record<Subgraph, string>;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    DATABASE_POOL_MAX: '8',
    REDIS_URL,
    REDIS_PREFIX: `bench-${process.pid}`,
    AUTH_PUBLIC_KEY: memberKeys.publicKey,
    AUTH_PRIVATE_KEY: memberKeys.privateKey,
    SYSTEM_PUBLIC_KEY: systemKeys.publicKey,
    SYSTEM_PRIVATE_KEY: systemKeys.privateKey,
    RATE_LIMITS: 'false',
    GATEWAY_WORKERS: '1',
    GATEWAY_PORT: String(port.gateway),
  };
  for (const s of SUBGRAPHS) {
    env[`${s.toUpperCase()}_PORT`] = String(port[s]);
    env[`${s.toUpperCase()}_GATEWAY_SECRET`] = secrets[s];
    env[`${s.toUpperCase()}_URL`] = subgraphUrl(s);
  }
  for (const s of SUBGRAPHS) {
    run(s, process.execPath, [`services/${s}/dist/index.js`], env);
    await waitFor(s, `http://127.0.0.1:${port[s]}/health`);
  }
  run('gateway', process.execPath, ['gateway/dist/index.js'], env);
  await waitFor('gateway', `http://127.0.0.1:${port.gateway}/health`);

  // The peer gateway: the same supergraph, its subgraph URLs pointed at this run's processes.
  const tmp = mkdtempSync(resolve(tmpdir(), 'metropotes-bench-'));
  let supergraph = readFileSync(resolve(ROOT, 'gateway/supergraph.graphql'), 'utf8');
  for (const s of SUBGRAPHS) supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${s}", url: ")[^"]*`), `$1${subgraphUrl(s)}`);
  writeFileSync(resolve(tmp, 'supergraph.graphql'), supergraph);
  const hiveBin = resolve(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  let hive = existsSync(hiveBin);
  if (hive) {
    run('hive-gateway', process.execPath, [hiveBin, 'supergraph', resolve(tmp, 'supergraph.graphql'), '--port', String(port.hive), '--host', '127.0.0.1', '-c', 'bench/hive-gateway.config.mjs'], env);
    await waitFor('hive-gateway', HIVE_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).catch(() => {
      hive = false;
    });
  } else {
    log('  @graphql-hive/gateway is not installed: the peer comparison is skipped.');
  }

  const signer = await createTokenSigner(memberKeys.privateKey, MEMBER_ISSUER);
  const awa = SEED_MEMBERS[0]!;
  const memberToken = await signer.sign({ sub: awa.id, role: 'MEMBER' }, 3600);
  const auth = { authorization: `Bearer ${memberToken}` };

  const cpuAll = 'CPU: gateway + subgraph processes and autocannon share 2 cores';
  const SLOW_DURATION = Math.max(DURATION, 8);
  const queries = {
    typename: '{ __typename }',
    agenda: `{ agenda(first: 20) { totalCount edges { cursor node { id title kind startsAt organizer { id displayName } venue { name commune { code name territory { name } } } } } } }`,
    search: `{ searchGuide(query: "conseil de quartier", first: 10) { rank excerpt article { slug title } } }`,
    profile: `{ member(id: "${awa.id}") { displayName bio interests commune { name territory { name } } groups { name } organizedEvents { title startsAt } guideArticles { title } } }`,
    singleSubgraph: `{ guideArticles(first: 20) { totalCount edges { node { slug title summary scales themes } } } }`,
  };

  // The agenda's own SQL (the predicate of services/events EventRepository.agendaWhere for the default
  // "not finished now"), explained on this data set.
  const agendaWhere = `WHERE e.status = ANY('{PUBLISHED,CANCELLED}'::text[]) AND e.moderation_state = 'VISIBLE' AND e.ends_at > now() AND e.starts_at > now() - interval '31 days'`;
  const explain = async (sql: string) => {
    const { rows } = await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
    const plan = (rows[0] as { 'QUERY PLAN': { 'Execution Time': number; Plan: Record<string, unknown> }[] })['QUERY PLAN'][0]!;
    let removed = 0;
    const walk = (node: Record<string, unknown>) => {
      removed += Number(node['Rows Removed by Filter'] ?? 0) * Number(node['Actual Loops'] ?? 1);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan.Plan);
    return { ms: Math.round(plan['Execution Time']), removed };
  };
  const pageSql = await explain(`SELECT * FROM events.events e ${agendaWhere} ORDER BY e.starts_at, e.id LIMIT 21`).catch(() => null);
  const countSql = await explain(`SELECT count(*) FROM events.events e ${agendaWhere}`).catch(() => null);
  const { rows: eventCount } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events.events`);
  const agendaSqlNote: string = pageSql && countSql
    ? `events SQL on ${eventCount[0]!.n} events: the page query takes ${pageSql.ms} ms (${pageSql.removed} rows read and filtered out) and totalCount's count(*) ${countSql.ms} ms, per request`
    : 'events SQL (see the agenda query plan)';
  const AGENDA_LIMIT = `${cpuAll}; the events SQL (see below the table)`;
  log(`  ${agendaSqlNote}`);

  const figures: Figure[] = [];
  log('\nThrough the Apollo gateway:');
  figures.push(await measure('`{ __typename }`', 'Apollo gateway', GATEWAY_URL, queries.typename, {}, 'gateway process CPU (no subgraph call)'));
  figures.push(await measure('agenda, 20 events + organizer + commune', 'Apollo gateway', GATEWAY_URL, queries.agenda, auth, AGENDA_LIMIT, SLOW_DURATION));
  figures.push(await measure('guide search', 'Apollo gateway', GATEWAY_URL, queries.search, auth, 'guide process + PostgreSQL full-text (ts_rank, ts_headline)'));
  figures.push(await measure('member profile', 'Apollo gateway', GATEWAY_URL, queries.profile, auth, `${cpuAll}; 3 subgraphs in parallel`));
  figures.push(await measure('single-subgraph list (20 fiches)', 'Apollo gateway', GATEWAY_URL, queries.singleSubgraph, auth, 'gateway + guide process CPU'));
  figures.push(await measure('single-subgraph list (20 fiches)', 'guide direct', subgraphUrl('guide'), queries.singleSubgraph, { ...auth, 'x-gateway-secret': secrets.guide }, 'guide process CPU'));
  if (hive) {
    log('\nThrough @graphql-hive/gateway (peer):');
    figures.push(await measure('`{ __typename }`', 'Hive gateway', HIVE_URL, queries.typename, {}, 'gateway process CPU'));
    figures.push(await measure('agenda, 20 events + organizer + commune', 'Hive gateway', HIVE_URL, queries.agenda, auth, AGENDA_LIMIT, SLOW_DURATION));
    figures.push(await measure('guide search', 'Hive gateway', HIVE_URL, queries.search, auth, 'guide process + PostgreSQL'));
    figures.push(await measure('member profile', 'Hive gateway', HIVE_URL, queries.profile, auth, cpuAll));
    figures.push(await measure('single-subgraph list (20 fiches)', 'Hive gateway', HIVE_URL, queries.singleSubgraph, auth, 'gateway + guide process CPU'));
  }

  // The burst: 200 members register at once for 50 seats.
  log('\nBurst: 200 concurrent registrations for an event with 50 seats');
  const tokens = await Promise.all(burstMembers.map((id) => signer.sign({ sub: id, role: 'MEMBER' }, 3600)));
  const burstStarted = performance.now();
  const answers = await Promise.all(
    tokens.map(async (token) => {
      const response = await fetch(GATEWAY_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `mutation { registerForEvent(eventId: "${burstEventId}") { status waitlistPosition } }` }),
      });
      return (await response.json()) as { data?: { registerForEvent: { status: string } }; errors?: unknown[] };
    }),
  );
  const burstMs = Math.round(performance.now() - burstStarted);
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
  log(`  answers: ${JSON.stringify(statuses)}; stored: ${JSON.stringify(stored)}; counters: ${JSON.stringify(counters[0])}; ${burstMs} ms`);
  const burstOk = confirmed === 50 && statuses.CONFIRMED === 50 && counters[0]!.confirmed_count === 50;
  log(burstOk ? '  ✔ exactly 50 confirmed' : '  ✖ NOT exactly 50 confirmed');
  const mail = await measureMail(env, burstMembers, db).catch((error: Error) => {
    log(`  e-mail worker not measured: ${error.message}`);
    return null;
  });
  await db.end();

  await stopChildren();

  // SQL statements per operation as lists grow, with the in-process system's QueryCounter.
  log('\nSQL statements per operation (in-process system, QueryCounter):');
  const sqlRows = await countStatements();

  const ratio = (a: Figure | undefined, b: Figure | undefined) => (a && b ? (a.rps / b.rps).toFixed(2) : 'n/a');
  const find = (name: string, target: string) => figures.find((f) => f.name === name && f.target === target);
  const overhead = ratio(find('single-subgraph list (20 fiches)', 'guide direct'), find('single-subgraph list (20 fiches)', 'Apollo gateway'));
  log(`\nGateway overhead: direct/gateway throughput ratio ${overhead}`);
  const peerRatios = hive
    ? ['`{ __typename }`', 'agenda, 20 events + organizer + commune', 'guide search', 'member profile', 'single-subgraph list (20 fiches)'].map(
        (name) => `| ${name} | ${ratio(find(name, 'Apollo gateway'), find(name, 'Hive gateway'))} |`,
      )
    : [];

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, PostgreSQL on the same machine`;
  const markdown = `# Benchmarks

Measured by \`npm run bench\` (\`bench/run.ts\`) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine: ${machine}. Everything (PostgreSQL, Redis, the four subgraph processes, the gateway, the peer gateway and
autocannon) runs on this one machine, so **every figure is limited by its 2 cores** shared by all the processes:
read them as a comparison between queries and gateways on the same machine, not as the capacity of a deployment.
Load average (1 min) when the bench started: ${loadBefore}; when it ended: ${loadavg()[0]!.toFixed(1)} (above 2, other
work was competing for the cores during the run and the absolute figures are lower than on an idle machine).

Data: the demo data set${LARGE ? ' plus the large one (50,000 members, 100,000 events, 10,000 fiches)' : ''}, in a
dedicated database. The system is the built one (\`services/*/dist\`, \`gateway/dist\`), one process per service, the
Apollo gateway with \`GATEWAY_WORKERS=1\` (one process, like the peer). Each figure: the median of ${RUNS} autocannon
runs of ${DURATION} s (the agenda: ${Math.max(DURATION, 8)} s, as its requests are slow) with ${CONNECTIONS} connections, after a 1 s warm-up; latencies in milliseconds. A member's
token is sent where the query needs one (the gateway verifies it, and each subgraph again).

## Throughput and latency

| query | through | requests/s | p50 ms | p99 ms | what limits it |
| --- | --- | ---: | ---: | ---: | --- |
${figures.map((f) => `| ${f.name} | ${f.target} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.limit} |`).join('\n')}

**The agenda**: ${agendaSqlNote}. Events last at most 31 days, so "not finished at \`from\`" is bounded on
\`starts_at\` too and the page reads the start index from just before \`from\`; \`totalCount\` (asked by this query)
is an index-only scan of a covering partial index, and is only counted when a client asks for it. Before that change
(\`ends_at > now()\` alone), the same run measured about 7 requests/s: 142 ms for the page, 250 ms for the count.
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
${peerRatios.join('\n')}`
    : 'The peer gateway (@graphql-hive/gateway) did not start: no comparison in this run.'
}

## Burst of registrations

200 members register at the same moment (200 concurrent HTTP requests through the gateway) for an event with 50
seats: ${JSON.stringify(statuses)} in ${burstMs} ms; stored: ${stored.map((r) => `${r.n} ${r.status}`).join(', ')};
event counters ${counters[0]!.confirmed_count} confirmed / ${counters[0]!.waitlist_count} waitlisted.
**${burstOk ? 'Exactly 50 confirmed' : 'NOT exactly 50 confirmed'}** (the event row is locked for each registration, so
registrations of one event are serialised; what limits the burst is that lock and the events process).

## SQL statements per operation

Counted with the QueryCounter of each in-process subgraph (one request, anonymous unless said), as the list grows:
the count must stay flat (DataLoaders batch the related rows and the federation references).

| operation | subgraph | 10 items | 100 items |
| --- | --- | ---: | ---: |
${sqlRows.map((r) => `| ${r.operation} | ${r.subgraph} | ${r.counts[0]} | ${r.counts[1]} |`).join('\n')}

## E-mail worker

${
  mail
    ? `${mail.count} \`email.requested\` jobs (template \`welcome\`) enqueued at once; the workers process (built, one process,
\`WORKER_CONCURRENCY\` 10, \`SMTP_POOL_SIZE\` 3, rate limit lifted) read each member through the gateway as the system, stored
the row, enqueued its delivery and sent it to a loopback SMTP sink (\`smtp-server\`): the ${mail.count} messages arrived in
${mail.ms} ms, **${mail.perSecond} e-mails/s**; rows sent: ${mail.sent}. What limits it: the two jobs per e-mail (BullMQ round
trips to Redis), the gateway → members call for the address, and the CPU shared with the other processes.`
    : 'Not measured in this run (the workers process did not deliver; see the bench output).'
}

Total bench time: ${Math.round((Date.now() - started) / 1000)} s.
`;
  writeFileSync(resolve(ROOT, 'docs/benchmarks.md'), markdown);
  log(`\nWritten to docs/benchmarks.md (${Math.round((Date.now() - started) / 1000)} s).`);
  if (!burstOk) process.exitCode = 1;
}

/** 200 welcome e-mails through the built workers process to a loopback SMTP sink. */
async function measureMail(env: Record<string, string>, memberIds: string[], db: Pool): Promise<{ count: number; ms: number; perSecond: number; sent: number }> {
  log('\nE-mail worker: 200 welcome e-mails to a loopback SMTP sink');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SMTPServer } = require('smtp-server') as typeof import('smtp-server');
  let received = 0;
  let lastAt = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        lastAt = performance.now();
        callback();
      });
    },
  });
  const smtpPort = PORT_BASE + 25;
  await new Promise<void>((r) => sink.listen(smtpPort, '127.0.0.1', () => r()));
  try {
    run('workers', process.execPath, ['services/workers/dist/index.js'], {
      ...env,
      GATEWAY_URL,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_RATE_PER_SECOND: '10000',
      MAIL_RECONCILE_INTERVAL_MS: '0',
    });
    // The workers process applies its migrations then listens to the queues; wait for its schema.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await db.query(`SELECT to_regclass('workers.emails') AS t`);
      if (rows[0].t) break;
      if (Date.now() > deadline) throw new Error('the workers process did not start (no workers.emails table after 30 s)');
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const { JobQueues } = await import('@metropotes/jobs');
    const queues = new JobQueues({ redisUrl: REDIS_URL, prefix: env.REDIS_PREFIX! });
    const startedAt = performance.now();
    await Promise.all(memberIds.map((id) => queues.enqueue('email.requested', { template: 'welcome', memberId: id, dedupeKey: `bench-welcome-${id}`, params: {} })));
    const until = Date.now() + 60_000;
    while (received < memberIds.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await queues.close();
    if (received < memberIds.length) throw new Error(`only ${received} of ${memberIds.length} e-mails arrived in 60 s`);
    const ms = Math.round(lastAt - startedAt);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM workers.emails WHERE state = 'sent'`);
    const result = { count: received, ms, perSecond: Math.round((received * 1000) / ms), sent: rows[0]!.n };
    log(`  ${result.count} e-mails in ${result.ms} ms: ${result.perSecond} e-mails/s (rows sent: ${result.sent})`);
    return result;
  } finally {
    sink.close(() => undefined);
  }
}

function readHiveVersion(): string {
  try {
    return JSON.parse(readFileSync(resolve(ROOT, 'node_modules/@graphql-hive/gateway/package.json'), 'utf8')).version as string;
  } catch {
    return '';
  }
}

interface SqlRow {
  operation: string;
  subgraph: string;
  counts: number[];
}

async function countStatements(): Promise<SqlRow[]> {
  const system = await startTestSystem();
  try {
    const staff = await system.signUp({ role: 'STAFF' });
    const rows: SqlRow[] = [];
    const operations: { operation: string; query: (n: number) => string; token?: string }[] = [
      {
        operation: 'agenda(first: N) with organizer and commune',
        query: (n) => `{ agenda(first: ${n}) { edges { node { title organizer { displayName } venue { commune { name territory { name } } } } } } }`,
      },
      {
        operation: 'guideArticles(first: N) with authors',
        query: (n) => `{ guideArticles(first: ${n}) { edges { node { title authors { displayName } } } } }`,
      },
      {
        operation: 'members(first: N) with organizedEvents and guideArticles (staff)',
        query: (n) => `{ members(first: ${n}) { edges { node { displayName commune { name } organizedEvents { title } guideArticles { title } } } } }`,
        token: staff.token,
      },
    ];
    // 100 members, each organizing one event and writing one fiche.
    await system.db.query(
      `INSERT INTO members.members (id, email, display_name, search_name, commune_code, charter_accepted_at, profile_visibility, welcome_status)
       SELECT md5('sql-' || n)::uuid, 'sql-' || n || '@bench.metropotes.local', 'Membre ' || n, 'membre ' || n,
              (ARRAY['93039','93066','93048','75056'])[1 + n % 4], now(), 'PUBLIC', 'WELCOMED'
         FROM generate_series(1, 100) n`,
    );
    await system.db.query(
      `INSERT INTO events.events (title, kind, status, starts_at, ends_at, commune_code, venue_name, organizer_id)
       SELECT 'Atelier ' || n, 'ATELIER', 'PUBLISHED', now() + make_interval(days => n), now() + make_interval(days => n, hours => 2),
              (ARRAY['93039','93066','93048','75056'])[1 + n % 4], 'Salle ' || n, md5('sql-' || n)::uuid
         FROM generate_series(1, 100) n`,
    );
    await system.db.query(
      `INSERT INTO guide.articles (slug, title, status, published_at, author_ids)
       SELECT 'fiche-sql-' || n, 'Fiche ' || lpad(n::text, 3, '0'), 'PUBLISHED', now(), ARRAY[md5('sql-' || n)::uuid]
         FROM generate_series(1, 100) n`,
    );
    for (const op of operations) {
      const perSubgraph: Record<string, number[]> = {};
      for (const n of [10, 100]) {
        for (const s of SUBGRAPHS) system.subgraphs[s].deps.queries.reset();
        const answer = await system.gql(op.query(n), {}, op.token);
        if (answer.errors) fail(`${op.operation}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        for (const s of SUBGRAPHS) (perSubgraph[s] ??= []).push(system.subgraphs[s].deps.queries.count);
      }
      for (const [subgraph, counts] of Object.entries(perSubgraph)) {
        if (counts.every((c) => c === 0)) continue;
        rows.push({ operation: op.operation, subgraph, counts });
        log(`  ${op.operation.padEnd(66)} ${subgraph.padEnd(10)} N=10: ${counts[0]}  N=100: ${counts[1]}`);
      }
    }
    return rows;
  } finally {
    await system.stop();
  }
}

main()
  .catch(async (error) => {
    console.error(error);
    await stopChildren();
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 500).unref());
