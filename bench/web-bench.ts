// The web site's part of the benchmarks (`npm run bench -- --only web`): the built site (services/web/dist) in front
// of the bench's gateway, through a counting proxy (bench/counting-proxy.ts) so that every request the site makes to
// the gateway is seen. Three figures: the gzipped JavaScript of each page, the gateway requests one agenda page
// costs (rendered, then from the site's page cache), and the agenda page's requests/s as deployed (the site's page
// cache on) against the agenda query alone through the gateway, with the same page rendered each time beside them
// (a second site process, WEB_PAGE_CACHE=false).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { DEMO_MEMBER_PASSWORD, SEED_MEMBERS } from '../services/members/src/seed/members.seed-data';
import { startCountingProxy } from './counting-proxy';
import { cannon, fail, log, median, onCleanup, ROOT, run, waitFor, type Load, type LoadOptions } from './lib';

export const WEB_ENTRY = 'services/web/dist/server/index.mjs';
const CLIENT_ROOT = resolve(ROOT, 'services/web/dist/client');
/** The issue's budget for a public page. */
export const JS_BUDGET_BYTES = 100 * 1024;

export interface PageWeight {
  path: string;
  who: 'visitor' | 'member';
  status: number;
  scripts: number;
  inlineBytes: number;
  gzipBytes: number;
}

export interface WebResult {
  pages: PageWeight[];
  /** What a page that hydrates would load: the client entry and everything it imports (gzipped). */
  hydratedBytes: number;
  /** Each page asked twice by a visitor: rendered (its gateway requests), then again (from the page cache: none). */
  requests: {
    path: string;
    total: number;
    byOperation: Record<string, number>;
    cache: string | null;
    again: { total: number; cache: string | null };
  }[];
  /** The page as deployed (page cache on), its query alone through the gateway, the page rendered each time. */
  throughput: { name: string; rps: number; p50: number; p99: number }[];
  /** The page as deployed ÷ its query alone: issue #22's figure. */
  ratio: number;
  /** The page rendered each time (WEB_PAGE_CACHE=false) ÷ its query alone. */
  renderedRatio: number;
  /** How the site's page cache answered the page's timed runs. */
  pageCache: { hit: number; miss: number; bypass: number };
  agendaQuery: string;
  /** Load average (1 min) before and after the throughput runs: other work on the machine weighs on both sides. */
  load: [number, number];
}

/** Every page a visitor or a member reads (the staff console aside), `:event` etc. filled from the demo data. */
const PAGES: [PageWeight['who'], string][] = [
  ['visitor', '/'],
  ['visitor', '/agenda'],
  ['visitor', '/agenda?vue=mois'],
  ['visitor', '/evenements/:event'],
  ['visitor', '/inscription'],
  ['visitor', '/connexion'],
  ['visitor', '/mot-de-passe-oublie'],
  ['visitor', '/reinitialiser-mot-de-passe?token=x'],
  ['visitor', '/verifier-email?token=x'],
  ['visitor', '/ne-plus-me-contacter?token=x'],
  ['visitor', '/charte'],
  ['visitor', '/confidentialite'],
  ['visitor', '/mentions-legales'],
  ['visitor', '/membres'],
  ['visitor', '/groupes'],
  ['visitor', '/guide'],
  ['visitor', '/guide/recherche?q=conseil'],
  ['visitor', '/guide/acteurs'],
  ['visitor', '/veille'],
  ['visitor', '/nulle-part'],
  ['member', '/moi'],
  ['member', '/moi/profil'],
  ['member', '/moi/donnees'],
  ['member', '/preferences'],
  ['member', '/evenements/proposer'],
  ['member', '/guide/ecrire'],
];

const gzipSize = (text: string | Buffer) => gzipSync(text, { level: 6 }).length;

/** The scripts a page's HTML loads (script src, module preloads) and the bytes of its inline scripts. */
function scriptsOf(html: string): { urls: string[]; inline: number; inlineText: string } {
  const urls = new Set<string>();
  let inline = 0;
  let inlineText = '';
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /\bsrc="([^"]+)"/.exec(match[1]!)?.[1];
    if (src) urls.add(src);
    else if (!/type="application\/ld\+json"/.test(match[1]!)) {
      inline += Buffer.byteLength(match[2]!);
      inlineText += match[2]!;
    }
    // Module scripts import others: React Router's inline module script imports the client entry and route modules.
    for (const imported of match[2]!.matchAll(/import\s*(?:[^'"]*from\s*)?["']([^"']+\.js)["']/g)) urls.add(imported[1]!);
  }
  for (const match of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/gi)) urls.add(match[1]!);
  return { urls: [...urls], inline, inlineText };
}

/** A built asset and, recursively, the modules it imports (what a browser ends up loading). */
function withImports(paths: string[]): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const file = resolve(CLIENT_ROOT, `.${path}`);
    if (!existsSync(file)) return;
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) visit(new URL(m[1]!, `http://x${path}`).pathname);
  };
  for (const path of paths) visit(path);
  return [...seen];
}

const assetBytes = (path: string) => {
  const file = resolve(CLIENT_ROOT, `.${path}`);
  return existsSync(file) ? gzipSize(readFileSync(file)) : 0;
};

/** What a browser sends: the page as visitors get it (the site compresses; its page cache keeps Brotli and gzip). */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };
const SESSION_SECRET = 'bench-web-session-secret-0123456789abcdef';

/** The built site in a child process in front of the proxy; `env`: more settings (its page cache off). */
async function startSite(name: string, port: number, gatewayUrl: string, env: Record<string, string> = {}) {
  const url = `http://127.0.0.1:${port}`;
  const child = run(name, process.execPath, [WEB_ENTRY], {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    GATEWAY_URL: gatewayUrl,
    PUBLIC_URL: url,
    WEB_SESSION_SECRET: SESSION_SECRET,
    ...env,
  });
  await waitFor(name, `${url}/robots.txt`);
  // Its warnings (a gateway request that failed), to say why a run failed.
  let lines = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    lines = (lines + chunk.toString()).slice(-3000);
  });
  return { url, lastLines: () => lines };
}

/** The site's page cache answers so far (its /metrics): hit, miss, bypass. */
async function pageCacheCounts(metricsUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const counts: Record<string, number> = { hit: 0, miss: 0, bypass: 0 };
  for (const m of text.matchAll(/^metropotes_web_page_cache_requests_total\{[^}]*result="(\w+)"[^}]*\} (\d+)/gm)) counts[m[1]!] = Number(m[2]);
  return counts;
}

/**
 * Waits until the site keeps visitors' pages: it keys them by the gateway's public cache generation, and writes to a
 * generation only once it has known it for a second. A probe page of its own address, asked twice, is a hit then.
 */
async function pageCacheReady(site: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (let n = 0; Date.now() < deadline; n += 1) {
    const probe = `${site}/charte?sonde=${n}`;
    await (await fetch(probe)).text();
    const again = await fetch(probe);
    await again.text();
    if (again.headers.get('x-cache') === 'hit') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  fail("web: the site's page cache kept no page in 20 s (is the gateway's public cache on? does the site reach /public-cache/generation?)");
}

export async function measureWeb(context: { gatewayUrl: string; portBase: number; load: LoadOptions; slowDuration: number }): Promise<WebResult> {
  if (!existsSync(resolve(ROOT, WEB_ENTRY)))
    fail(`${WEB_ENTRY} missing: run \`npx turbo run build\` (or \`npm run build -w @metropotes/web\`) first.`);
  const proxy = await startCountingProxy(context.gatewayUrl, context.portBase + 20);
  onCleanup(() => proxy.close());
  // The site as deployed (its page cache on, the default), and the same site rendering every page (WEB_PAGE_CACHE=false).
  const metricsPort = context.portBase + 23;
  const cached = await startSite('web', context.portBase + 21, proxy.url, { WEB_METRICS_PORT: String(metricsPort) });
  const uncached = await startSite('web-uncached', context.portBase + 22, proxy.url, {
    WEB_PAGE_CACHE: 'false',
    WEB_METRICS_PORT: String(context.portBase + 24),
  });
  const site = cached.url;
  const rendering = uncached.url;
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const explained = async <T>(what: Promise<T>): Promise<T> => {
    try {
      return await what;
    } catch (error) {
      for (const [name, { lastLines }] of [
        ['site', cached],
        ['site without its page cache', uncached],
      ] as const) {
        if (lastLines()) log(`  the last log lines of the ${name}:\n${lastLines()}`);
      }
      throw error;
    }
  };

  // A member's session, as a browser gets it: log in through the site's form.
  const member = SEED_MEMBERS.find((m) => m.role === 'MEMBER')!;
  const login = await fetch(`${site}/connexion`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: site },
    body: new URLSearchParams({ email: member.email, password: DEMO_MEMBER_PASSWORD, retour: '/moi' }).toString(),
    redirect: 'manual',
  });
  const cookie = /^([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
  if (login.status !== 303 && login.status !== 302) fail(`web: log-in answered ${login.status}`);
  if (!cookie) fail('web: log-in set no session cookie');

  // An event of the agenda, for its page, and a territory of the filter (read as the member: the visitors' cache stays cold).
  const agendaHtml = await (await fetch(`${site}/agenda`, { headers: { cookie } })).text();
  const eventId = /href="\/evenements\/([0-9a-f-]{36})"/.exec(agendaHtml)?.[1];
  if (!eventId) fail('web: no event in the agenda of the demo data set');
  const territory = /<option value="(\d{9})"/.exec(agendaHtml)?.[1];
  if (!territory) fail('web: no territory in the agenda filter');

  await pageCacheReady(site);
  log('\nWeb site: gateway requests per page, counted by the proxy (a visitor asks each page twice: rendered, then from the page cache)');
  const requests: WebResult['requests'] = [];
  for (const path of [
    '/agenda',
    `/agenda?territoire=${territory}&type=POT_DU_POTE&theme=LOGEMENT&du=2026-01-01&au=2027-12-31`,
    '/agenda?vue=mois',
    `/agenda?vue=mois&territoire=${territory}&type=ATELIER`,
    `/evenements/${eventId}`,
  ]) {
    const asks: { total: number; byOperation: Record<string, number>; cache: string | null }[] = [];
    for (let i = 0; i < 2; i += 1) {
      proxy.reset();
      const response = await fetch(`${site}${path}`, { headers: BROWSER_HEADERS });
      if (response.status !== 200) fail(`web: ${path} answered ${response.status}`);
      await response.text();
      asks.push({ ...proxy.counts(), cache: response.headers.get('x-cache') });
    }
    const [first, again] = asks as [(typeof asks)[0], (typeof asks)[0]];
    requests.push({
      path,
      total: first.total,
      byOperation: first.byOperation,
      cache: first.cache,
      again: { total: again.total, cache: again.cache },
    });
    log(
      `  ${path.padEnd(46)} ${first.total} request(s) (${first.cache}): ${JSON.stringify(first.byOperation)}; again: ${again.total} (${again.cache})`,
    );
    if (path.startsWith('/agenda') && (first.cache !== 'miss' || first.total !== 1))
      fail(`web: ${path} cost ${first.total} gateway requests (${first.cache}), not one miss`);
    if (again.cache !== 'hit' || again.total !== 0) fail(`web: ${path} asked again cost ${again.total} gateway requests (${again.cache}), not a hit`);
  }

  log('\nWeb site: gzipped JavaScript of each page (level 6)');
  const pages: PageWeight[] = [];
  for (const [who, path] of PAGES) {
    const response = await fetch(`${site}${path.replace(':event', eventId)}`, { headers: who === 'member' ? { cookie } : {}, redirect: 'manual' });
    const html = await response.text();
    if (who === 'member' && response.status !== 200) fail(`web: ${path} answered ${response.status} to a member`);
    const { urls, inline, inlineText } = scriptsOf(html);
    const files = withImports(urls.filter((u) => u.startsWith('/')));
    const gzipBytes = files.reduce((sum, f) => sum + assetBytes(f), 0) + (inline ? gzipSize(inlineText) : 0);
    pages.push({ path, who, status: response.status, scripts: files.length, inlineBytes: inline, gzipBytes });
    log(
      `  ${`${path} (${who})`.padEnd(46)} ${String(gzipBytes).padStart(7)} bytes  ${files.length} files, ${inline} bytes inline${gzipBytes > JS_BUDGET_BYTES ? '  ✖ over 100 KB' : ''}`,
    );
  }
  const entryFiles = readdirSync(resolve(CLIENT_ROOT, 'assets'))
    .filter((name) => /^entry\.client-.*\.js$/.test(name))
    .map((name) => `/assets/${name}`);
  const hydratedBytes = withImports(entryFiles).reduce((sum, f) => sum + assetBytes(f), 0);
  log(`  a page that hydrates would load at least ${hydratedBytes} bytes (the client entry and its imports)`);

  // The very request the agenda page makes to the gateway (captured by the proxy from a page rendered).
  proxy.reset();
  await (await fetch(`${rendering}/agenda`)).text();
  const agendaQuery = proxy.lastBodies().Agenda;
  if (!agendaQuery) fail('web: the agenda page sent no Agenda query');
  const pageLoad: Load = { url: `${site}/agenda`, method: 'GET', headers: BROWSER_HEADERS };
  const renderedLoad: Load = { url: `${rendering}/agenda`, method: 'GET', headers: BROWSER_HEADERS };
  // Straight to the gateway, not through the proxy (whose hop would slow this side of the ratio down).
  const queryLoad: Load = {
    url: context.gatewayUrl,
    body: agendaQuery,
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
  };
  const check = (await (await fetch(queryLoad.url, { method: 'POST', headers: queryLoad.headers, body: queryLoad.body })).json()) as {
    errors?: unknown;
  };
  if (check.errors) fail(`web: the agenda query alone failed: ${JSON.stringify(check.errors).slice(0, 300)}`);

  log('\nWeb site: the agenda page through the site, its query alone through the gateway, the page rendered each time (runs alternating)');
  const loadBefore = loadavg()[0]!;
  const targets: [string, Load][] = [
    ['agenda page through the site (GET /agenda)', pageLoad],
    ['the agenda query alone through the gateway', queryLoad],
    ['agenda page, site without its page cache', renderedLoad],
  ];
  for (const [name, load] of targets) await explained(cannon(name, load, context.load.connections, 1));
  const results = targets.map(() => ({ rps: [] as number[], p50: [] as number[], p99: [] as number[] }));
  const answered = { hit: 0, miss: 0, bypass: 0 };
  for (let r = 0; r < context.load.runs; r += 1) {
    for (const [i, [name, load]] of targets.entries()) {
      const before = i === 0 ? await pageCacheCounts(metricsUrl) : null;
      const result = await explained(cannon(name, load, context.load.connections, context.slowDuration));
      if (before) {
        const after = await pageCacheCounts(metricsUrl);
        for (const k of ['hit', 'miss', 'bypass'] as const) answered[k] += after[k]! - before[k]!;
      }
      results[i]!.rps.push(result.rps);
      results[i]!.p50.push(result.p50);
      results[i]!.p99.push(result.p99);
    }
  }
  const throughput = targets.map(([name], i) => ({
    name,
    // One decimal: on a loaded machine the page serves a few requests a second.
    rps: Math.round(median(results[i]!.rps) * 10) / 10,
    p50: median(results[i]!.p50),
    p99: median(results[i]!.p99),
  }));
  for (const t of throughput) log(`  ${t.name.padEnd(46)} ${String(t.rps).padStart(6)} req/s   p50 ${t.p50} ms   p99 ${t.p99} ms`);
  const ratioTo = (t: (typeof throughput)[0]) => Math.round((t.rps / Math.max(throughput[1]!.rps, 1)) * 100) / 100;
  const ratio = ratioTo(throughput[0]!);
  const renderedRatio = ratioTo(throughput[2]!);
  const asked = answered.hit + answered.miss + answered.bypass;
  const hitShare = asked ? answered.hit / asked : 0;
  log(`  site ÷ gateway: ${ratio} (${(hitShare * 100).toFixed(1)}% hits: ${JSON.stringify(answered)}); without the page cache: ${renderedRatio}`);
  return {
    pages,
    hydratedBytes,
    requests,
    throughput,
    ratio,
    renderedRatio,
    pageCache: answered,
    agendaQuery,
    load: [loadBefore, loadavg()[0]!],
  };
}

/** The "Web site" section of docs/benchmarks.md. */
export function webMarkdown(web: WebResult, context: { runs: number; duration: number; connections: number }): string {
  const over = web.pages.filter((p) => p.gzipBytes > JS_BUDGET_BYTES);
  const [agenda, query, rendered] = web.throughput as [WebResult['throughput'][0], WebResult['throughput'][0], WebResult['throughput'][0]];
  const asked = web.pageCache.hit + web.pageCache.miss + web.pageCache.bypass;
  const hits = asked ? Math.round((web.pageCache.hit / asked) * 1000) / 10 : 0;
  return `## Web site

The built site (\`services/web/dist\`, \`NODE_ENV=production\`, its page cache on as deployed) in front of the bench's
Apollo gateway as deployed (its public cache on), through a counting proxy (\`bench/counting-proxy.ts\`) that sees
every request the site makes to the gateway.

**JavaScript of each page**, gzipped (level 6, what the site's compression sends): the scripts its HTML loads, the
modules they import, and its inline scripts (the error summary's one line, React Router's own when a page
hydrates). The budget is 100 KB (${JS_BUDGET_BYTES} bytes) a page. ${over.length ? `**Over it: ${over.map((p) => p.path).join(', ')}.**` : '**Every page is within it.**'}

| page | as | status | files | inline bytes | gzipped bytes |
| --- | --- | ---: | ---: | ---: | ---: |
${web.pages.map((p) => `| \`${p.path}\` | ${p.who} | ${p.status} | ${p.scripts} | ${p.inlineBytes} | ${p.gzipBytes} |`).join('\n')}

No page hydrates (\`services/web/app/lib/static-page.ts\`): a page that did would load at least ${web.hydratedBytes} bytes (the
client entry, React 19 and React Router 8), over the budget before any code of the site's own.

**Gateway requests per page**, the proxy's count while a visitor asks each page twice: rendered (\`x-cache: miss\`;
the agenda must cost one), then again, from the site's page cache (\`hit\`: none):

| page | requests | by operation | asked again |
| --- | ---: | --- | --- |
${web.requests
  .map(
    (r) =>
      `| \`${r.path}\` | ${r.total} (${r.cache}) | ${Object.entries(r.byOperation)
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')} | ${r.again.total} (${r.again.cache}) |`,
  )
  .join('\n')}

**The agenda page through the site, against its query alone through the gateway**: \`GET /agenda\` as a browser asks
it (\`Accept-Encoding: gzip, deflate, br\`) from the site as deployed, and the very request the site sends the
gateway for it (captured by the proxy: the \`Agenda\` document, 10 events and the 12 territories with their 131
communes; answered from the gateway's public cache) sent straight to the gateway (not through the proxy), and
beside them the same page
from a second site process without its page cache (\`WEB_PAGE_CACHE=false\`: Express, the session middleware, one
gateway request, React's HTML and its Brotli compression each time), runs alternating (${context.runs} × ${context.duration} s,
${context.connections} connections, medians). During the page's timed runs the site's page cache answered ${hits}% of the requests
from memory (${web.pageCache.hit} hits, ${web.pageCache.miss} misses, ${web.pageCache.bypass} bypassed; its \`/metrics\`).
Load average (1 min) of the machine: ${web.load[0].toFixed(1)} before these runs, ${web.load[1].toFixed(1)} after${
    web.load[0] > 2 || web.load[1] > 2
      ? " — **other work was competing for the 2 cores**: the absolute figures are far below an idle machine's, only the ratios (every side alternating under the same load) are worth reading"
      : ''
  }.

| what | requests/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
| ${agenda.name} | ${agenda.rps} | ${agenda.p50} | ${agenda.p99} |
| ${query.name} | ${query.rps} | ${query.p50} | ${query.p99} |
| ${rendered.name} | ${rendered.rps} | ${rendered.p50} | ${rendered.p99} |

**Site ÷ gateway: ${web.ratio}** (rendered each time: ${web.renderedRatio}). ${webAnalysis(web)}`;
}

/** What the web figure measures and what limits it, from the run's own figures. */
function webAnalysis(web: WebResult): string {
  const rendered = web.throughput[2]!;
  const asked = web.pageCache.hit + web.pageCache.miss + web.pageCache.bypass;
  const hits = asked ? Math.round((web.pageCache.hit / asked) * 1000) / 10 : 0;
  return `While nothing changes, the page as deployed is a hit of the site's page cache (${hits}% of the timed requests):
the site answers it from memory after its request log, metrics and security headers (a fresh CSP nonce), without the
session middleware, React Router, React, compression or the gateway (\`services/web/server/page-cache.ts\`); what
limits it is the site's Express stack per request and the bytes it sends (the Brotli variant kept with the page), on
the same 2 cores as the gateway, the subgraphs, PostgreSQL and autocannon. Its query alone is a hit of the gateway's
public cache, which still runs Apollo Server's pipeline and reads Redis. A change (a publication, an edit, a
registration) moves the gateway's generation: each page is then rendered once more before it is kept again, at the
cost of the third row (${rendered.rps} requests/s, ${web.renderedRatio} of the query: Express, the session middleware, React Router's
loader and React's rendering, one gateway request, Brotli compression), which is also what every page of a signed-in
member costs, as they are never cached.`;
}
