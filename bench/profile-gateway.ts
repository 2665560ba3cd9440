// `npx tsx bench/profile-gateway.ts`: a CPU profile of the built Apollo gateway (gateway/dist) under autocannon load.
// Run `npm run build` first. Not part of `npm run bench` nor of `npm test`.
//
//   npx tsx bench/profile-gateway.ts                        `{ __typename }`, anonymous (no subgraph, no database)
//   npx tsx bench/profile-gateway.ts --member               the same with a member token (signature, session version)
//   npx tsx bench/profile-gateway.ts --query single --member  a data query: the subgraphs run on a demo database
//   options: --query typename|single|search|agenda|profile, --duration 10 (s), --connections 10, --keep (keep the profile),
//            --top 30 (rows of each table), --no-profile (only requests/s and the gateway's CPU per request),
//            --entry gateway/dist-before/index.js (another build of the gateway), --summarise FILE [--last S] (sum up a kept profile, its last S seconds), --compare (no profile: the Apollo gateway and @graphql-hive/gateway, --runs 3 alternating runs each, their
//            requests/s and CPU per request; with --direct, the guide subgraph itself too; with --baseline
//            gateway/dist-before/index.js, another build of the gateway too); environment: BENCH_PORT_BASE (4600), DATABASE_URL, REDIS_URL
//
// The gateway runs with `node --cpu-prof` (GATEWAY_WORKERS=1, LOG_LEVEL=warn, RATE_LIMITS=false, as in the bench); after
// a warm-up and the load it is stopped with SIGTERM and its profile is summed up: the functions with the most self
// time, the same grouped by package, and the inclusive time of a few known stages of a request. Shares of the
// profile's samples, not absolute times, are what to compare between two builds on a shared machine.
import { createTokenSigner, generatePemKeyPair, MEMBER_ISSUER } from '@metropotes/auth';
import { dropDatabase, ensureDatabase } from '@metropotes/database';
import IORedis from 'ioredis';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSeed } from '../scripts/seed/run-seed';
import { SEED_MEMBERS } from '../services/members/src/seed/members.seed-data';
import { cannon, checkedLoad, cleanUp, cpuSeconds, log, median, onCleanup, ROOT, run, stopChild, waitFor, type Load } from './lib';

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUERIES = {
  typename: '{ __typename }',
  single: `{ guideArticles(first: 20) { totalCount edges { node { slug title summary scales themes } } } }`,
  agenda: `{ agenda(first: 20) { totalCount edges { cursor node { id title kind startsAt organizer { id displayName } venue { name commune { code name territory { name } } } } } } }`,
  search: `{ searchGuide(query: "conseil de quartier", first: 10) { rank excerpt article { slug title } } }`,
  profile: `{ member(id: "${SEED_MEMBERS[0]!.id}") { displayName bio interests commune { name territory { name } } groups { name } organizedEvents { title startsAt } guideArticles { title } } }`,
};
const queryName = (argValue('--query') ?? 'typename') as keyof typeof QUERIES;
if (!(queryName in QUERIES)) throw new Error(`--query: one of ${Object.keys(QUERIES).join(', ')}`);
const MEMBER = args.includes('--member');
const DURATION = Number(argValue('--duration') ?? 10);
const CONNECTIONS = Number(argValue('--connections') ?? 10);
const TOP = Number(argValue('--top') ?? 30);
const NO_PROFILE = args.includes('--no-profile');
const COMPARE = args.includes('--compare');
/** Another build of the gateway to run (a copy of gateway/dist kept from before a change), or the current one. */
const GATEWAY_ENTRY = argValue('--entry') ?? 'gateway/dist/index.js';
const RUNS = Number(argValue('--runs') ?? 3);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4600);
const SUBGRAPHS = ['members', 'events', 'guide', 'moderation'] as const;
const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/metropotes';
const DATABASE_URL = (() => {
  const url = new URL(BASE_URL);
  url.pathname = `/metropotes_profile_${process.pid}`;
  return url.toString();
})();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
}

/** Only the samples taken under load: the last `fromEndMs`..`toEndMs` before the profile's end (start-up is left out). */
function underLoad(profile: Profile, fromEndMs: number, toEndMs: number): Profile {
  const times: number[] = [];
  let t = profile.endTime;
  for (let i = profile.samples.length - 1; i >= 0; i -= 1) {
    times[i] = t;
    t -= profile.timeDeltas[i]!;
  }
  const samples = profile.samples.filter((_, i) => profile.endTime - times[i]! <= fromEndMs * 1000 && profile.endTime - times[i]! >= toEndMs * 1000);
  return { ...profile, samples };
}

/** Where a function comes from: a package of node_modules, node's own, or our code. */
function origin(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node core';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.split('node_modules/').length > 2 ? url.slice(url.lastIndexOf('node_modules/')) : url);
  if (match) return match[1]!;
  const ours = /\/(gateway|packages\/[^/]+|services\/[^/]+)\/dist\//.exec(url);
  return ours ? `ours: ${ours[1]}` : url;
}

function summarise(profile: Profile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + 1);
  const total = profile.samples.length;
  const idle = profile.nodes.filter((n) => ['(idle)', '(program)'].includes(n.callFrame.functionName)).reduce((s, n) => s + (self.get(n.id) ?? 0), 0);
  const busy = total - idle;
  const pct = (n: number) => `${((100 * n) / busy).toFixed(1)}%`;
  const short = (url: string) => url.replace(`file://${ROOT}/`, '').replace(/^.*node_modules\//, '');

  const fnSelf = new Map<string, number>();
  const pkgSelf = new Map<string, number>();
  for (const node of profile.nodes) {
    const n = self.get(node.id) ?? 0;
    if (!n || ['(idle)', '(program)'].includes(node.callFrame.functionName)) continue;
    const key = `${node.callFrame.functionName || '(anonymous)'} ${short(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + n);
    const pkg = node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : origin(node.callFrame.url);
    pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + n);
  }
  // Inclusive time of each package: samples with a frame of the package anywhere in their stack (counted once).
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const pkgIncl = new Map<string, number>();
  const stageIncl = new Map<string, number>();
  // Stages that do not call the next middleware (a middleware's inclusive time would hold every later one's).
  const STAGES: [string, RegExp][] = [
    ['Apollo Server processGraphQLRequest', /^processGraphQLRequest$/],
    ['response cache plugin (public cache)', /server-plugin-response-cache/],
    ['cost limit (graphql-query-complexity)', /graphql-query-complexity/],
    ['Apollo Gateway executor (plan + fetch)', /^(executeQueryPlan|executor)$/],
    ['context (token, session version)', /^context$/],
    ['pino (child loggers, serialisers)', /\/pino\/|@pinojs/],
    ['ioredis', /ioredis/],
    ['prom-client', /prom-client/],
    ['undici (subgraph requests)', /undici/],
  ];
  for (const id of profile.samples) {
    const leaf = byId.get(id)!;
    if (['(idle)', '(program)'].includes(leaf.callFrame.functionName)) continue;
    const pkgs = new Set<string>();
    const stages = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      pkgs.add(origin(frame.url));
      for (const [stage, pattern] of STAGES) if (pattern.test(frame.functionName) || pattern.test(frame.url)) stages.add(stage);
    }
    for (const p of pkgs) pkgIncl.set(p, (pkgIncl.get(p) ?? 0) + 1);
    for (const s of stages) stageIncl.set(s, (stageIncl.get(s) ?? 0) + 1);
  }
  const table = (title: string, rows: [string, number][], extra?: Map<string, number>) =>
    [
      `\n${title}`,
      ...rows
        .sort((a, b) => b[1] - a[1])
        .slice(0, TOP)
        .map(([k, n]) => `  ${pct(n).padStart(6)}${extra ? `  ${pct(extra.get(k) ?? 0).padStart(6)}` : ''}  ${k}`),
    ].join('\n');
  return [
    `Samples: ${total}, busy (not idle/program): ${busy} (${((100 * busy) / total).toFixed(0)}%). Shares below are of the busy samples.`,
    table('Self time by function:', [...fnSelf]),
    table('Self time by origin (then inclusive):', [...pkgSelf], pkgIncl),
    table('Inclusive time of request stages:', [...stageIncl]),
  ].join('\n');
}

async function main() {
  const saved = argValue('--summarise');
  if (saved) {
    // A profile written earlier (--keep): its last --last seconds (default: all of it).
    const profile = JSON.parse(readFileSync(saved, 'utf8')) as Profile;
    const last = Number(argValue('--last') ?? Infinity);
    return log(summarise(underLoad(profile, last * 1000, 0)));
  }
  const memberKeys = await generatePemKeyPair();
  const systemKeys = await generatePemKeyPair();
  const prefix = `profile-${process.pid}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // The run's Redis keys (public cache generation, persisted queries, session versions) go at the end.
  onCleanup(async () => {
    const redis = new IORedis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    redis.disconnect();
  });
  const port = { gateway: PORT_BASE, members: PORT_BASE + 1, events: PORT_BASE + 2, guide: PORT_BASE + 3, moderation: PORT_BASE + 4 };
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL,
    DATABASE_POOL_MAX: '8',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    AUTH_PUBLIC_KEY: memberKeys.publicKey,
    AUTH_PRIVATE_KEY: memberKeys.privateKey,
    SYSTEM_PUBLIC_KEY: systemKeys.publicKey,
    SYSTEM_PRIVATE_KEY: systemKeys.privateKey,
    RATE_LIMITS: 'false',
    GATEWAY_WORKERS: '1',
    GATEWAY_PORT: String(port.gateway),
    GATEWAY_METRICS_PORT: '0',
    CALENDAR_FEED_KEY: 'profile-calendar-feed-key-0123456789abcdef',
  };
  for (const s of SUBGRAPHS) {
    env[`${s.toUpperCase()}_PORT`] = String(port[s]);
    env[`${s.toUpperCase()}_GATEWAY_SECRET`] = `profile-${s}-secret-0123456789abcdef`;
    env[`${s.toUpperCase()}_URL`] = `http://127.0.0.1:${port[s]}/graphql`;
  }
  if (queryName !== 'typename') {
    log(`Database ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}: demo data set`);
    onCleanup(() => dropDatabase(DATABASE_URL));
    await ensureDatabase(DATABASE_URL);
    await runSeed(DATABASE_URL, 'demo', () => undefined);
    await Promise.all(
      SUBGRAPHS.map(async (s) => {
        run(s, process.execPath, [`services/${s}/dist/index.js`], env);
        await waitFor(s, `http://127.0.0.1:${port[s]}/health`, undefined, 180_000);
      }),
    );
  }
  if (COMPARE) return compare(env, port.gateway, memberKeys.privateKey);
  const profileDir = mkdtempSync(join(tmpdir(), 'gateway-profile-'));
  const gateway = run('gateway', process.execPath, [...(NO_PROFILE ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]), GATEWAY_ENTRY], env);
  await waitFor('gateway', `http://127.0.0.1:${port.gateway}/health`, undefined, 180_000);
  const signer = await createTokenSigner(memberKeys.privateKey, MEMBER_ISSUER);
  const headers: Record<string, string> = MEMBER
    ? { authorization: `Bearer ${await signer.sign({ sub: SEED_MEMBERS[0]!.id, role: 'MEMBER' }, 3600)}` }
    : {};
  const label = `${queryName}${MEMBER ? ' (member token)' : ''}`;
  const load = await checkedLoad(label, `http://127.0.0.1:${port.gateway}/graphql`, QUERIES[queryName], headers);
  await cannon(label, load, CONNECTIONS, 2);
  const cpuBefore = cpuSeconds(gateway.pid);
  const loadStarted = Date.now();
  const result = await cannon(label, load, CONNECTIONS, DURATION);
  const loadEnded = Date.now();
  const cpuAfter = cpuSeconds(gateway.pid);
  // CPU time of the gateway process per request: less sensitive to the machine's load than requests/s.
  const cpuPerRequest =
    cpuBefore !== null && cpuAfter !== null ? `, gateway CPU ${Math.round(((cpuAfter - cpuBefore) * 1e6) / (result.rps * DURATION))} µs/request` : '';
  log(
    `${label}: ${Math.round(result.rps)} requests/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${CONNECTIONS} connections, ${DURATION} s)${cpuPerRequest}`,
  );
  await stopChild(gateway);
  const stopped = Date.now();
  if (NO_PROFILE) return rmSync(profileDir, { recursive: true, force: true });
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${profileDir}`);
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile;
  log(summarise(underLoad(profile, stopped - loadStarted, stopped - loadEnded)));
  if (args.includes('--keep')) log(`\nProfile: ${join(profileDir, file)} (open it in Chrome DevTools or speedscope)`);
  else rmSync(profileDir, { recursive: true, force: true });
}

/** One autocannon run, with the CPU time `pid` used per request meanwhile (NaN without a pid). */
async function measure(label: string, pid: number | undefined, load: Load) {
  const before = cpuSeconds(pid);
  const result = await cannon(label, load, CONNECTIONS, DURATION);
  const after = cpuSeconds(pid);
  const requests = result.rps * DURATION;
  const cpuUs = before !== null && after !== null ? ((after - before) * 1e6) / requests : NaN;
  return { rps: result.rps, cpuUs };
}

/** The Apollo gateway against the peer (and the guide subgraph directly), alternating runs: requests/s and CPU per request. */
async function compare(env: Record<string, string>, gatewayPort: number, memberPrivateKey: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-compare-'));
  let supergraph = readFileSync(join(ROOT, 'gateway/supergraph.graphql'), 'utf8');
  for (const s of SUBGRAPHS)
    supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${s}", url: ")[^"]*`), `$1${env[`${s.toUpperCase()}_URL`]}`);
  writeFileSync(join(dir, 'supergraph.graphql'), supergraph);
  const hivePort = gatewayPort + 10;
  const hiveBin = join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  const hiveArgs = [
    hiveBin,
    'supergraph',
    join(dir, 'supergraph.graphql'),
    '--port',
    String(hivePort),
    '--host',
    '127.0.0.1',
    '-c',
    'bench/hive-gateway.config.mjs',
  ];
  const apollo = run('gateway', process.execPath, [GATEWAY_ENTRY], env);
  const hive = run('hive-gateway', process.execPath, hiveArgs, env);
  await waitFor('gateway', `http://127.0.0.1:${gatewayPort}/health`, undefined, 180_000);
  const probe = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' };
  await waitFor('hive-gateway', `http://127.0.0.1:${hivePort}/graphql`, probe, 180_000);
  const signer = await createTokenSigner(memberPrivateKey, MEMBER_ISSUER);
  const headers: Record<string, string> = MEMBER
    ? { authorization: `Bearer ${await signer.sign({ sub: SEED_MEMBERS[0]!.id, role: 'MEMBER' }, 3600)}` }
    : {};
  const label = `${queryName}${MEMBER ? ' (member token)' : ''}`;
  const targets: { name: string; pid: number | undefined; load: Load }[] = [
    {
      name: 'Apollo gateway',
      pid: apollo.pid,
      load: await checkedLoad(label, `http://127.0.0.1:${gatewayPort}/graphql`, QUERIES[queryName], headers),
    },
    { name: 'Hive gateway', pid: hive.pid, load: await checkedLoad(label, `http://127.0.0.1:${hivePort}/graphql`, QUERIES[queryName], headers) },
  ];
  const baseline = argValue('--baseline');
  if (baseline) {
    // Another build of the gateway beside this one (its port: the gateway's + 20), measured in the same alternation.
    const baselinePort = gatewayPort + 20;
    // --baseline-node-args "--max-semi-space-size=32": the same or another build under other Node options.
    const nodeArgs = argValue('--baseline-node-args')?.split(' ').filter(Boolean) ?? [];
    const other = run('gateway (baseline)', process.execPath, [...nodeArgs, baseline], { ...env, GATEWAY_PORT: String(baselinePort) });
    await waitFor('gateway (baseline)', `http://127.0.0.1:${baselinePort}/health`, undefined, 180_000);
    targets.push({
      name: 'Apollo baseline',
      pid: other.pid,
      load: await checkedLoad(label, `http://127.0.0.1:${baselinePort}/graphql`, QUERIES[queryName], headers),
    });
  }
  if (args.includes('--direct')) {
    const direct = { ...headers, 'x-gateway-secret': env.GUIDE_GATEWAY_SECRET! };
    targets.push({ name: 'guide direct', pid: undefined, load: await checkedLoad(label, env.GUIDE_URL!, QUERIES[queryName], direct) });
  }
  for (const t of targets) await cannon(label, t.load, CONNECTIONS, 2);
  const results = targets.map(() => ({ rps: [] as number[], cpuUs: [] as number[] }));
  for (let r = 0; r < RUNS; r += 1) {
    for (const [i, t] of targets.entries()) {
      const m = await measure(label, t.pid, t.load);
      results[i]!.rps.push(m.rps);
      results[i]!.cpuUs.push(m.cpuUs);
    }
  }
  const medianRps = results.map((r) => median(r.rps));
  for (const [i, t] of targets.entries()) {
    const cpu = median(results[i]!.cpuUs);
    log(
      `${label.padEnd(28)} ${t.name.padEnd(15)} ${String(Math.round(medianRps[i]!)).padStart(6)} requests/s (${results[i]!.rps.map(Math.round).join(', ')})${Number.isNaN(cpu) ? '' : `, ${Math.round(cpu)} µs CPU/request`}`,
    );
  }
  log(`Apollo ÷ Hive requests/s: ${(medianRps[0]! / medianRps[1]!).toFixed(2)}`);
  const [apolloCpu, hiveCpu] = results.map((r) => median(r.cpuUs));
  log(`Hive ÷ Apollo CPU per request (above 1: Apollo spends less): ${(hiveCpu! / apolloCpu!).toFixed(2)}`);
  const at = (name: string) => targets.findIndex((t) => t.name === name);
  if (at('Apollo baseline') >= 0) {
    const b = at('Apollo baseline');
    log(
      `Apollo ÷ baseline requests/s: ${(medianRps[0]! / medianRps[b]!).toFixed(2)}; baseline ÷ Hive: ${(medianRps[b]! / medianRps[1]!).toFixed(2)}`,
    );
    log(`baseline ÷ Apollo CPU per request: ${(median(results[b]!.cpuUs) / apolloCpu!).toFixed(2)}`);
  }
  if (at('guide direct') >= 0) log(`guide direct ÷ Apollo requests/s: ${(medianRps[at('guide direct')]! / medianRps[0]!).toFixed(2)}`);
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
}

process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanUp().then(() => process.exit(143)));

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => cleanUp());
