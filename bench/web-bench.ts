// The web site's part of the benchmarks (`npm run bench -- --only web`): the built site (services/web/dist) in front
// of the bench's gateway, through a counting proxy (bench/counting-proxy.ts) so that every request the site makes to
// the gateway is seen. Three figures: the gzipped JavaScript of each page, the gateway requests one agenda page
// costs, and the agenda page's requests/s against the agenda query alone through the gateway (side by side).
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
  requests: { path: string; total: number; byOperation: Record<string, number> }[];
  throughput: { name: string; rps: number; p50: number; p99: number }[];
  ratio: number;
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

export async function measureWeb(context: { gatewayUrl: string; portBase: number; load: LoadOptions; slowDuration: number }): Promise<WebResult> {
  if (!existsSync(resolve(ROOT, WEB_ENTRY)))
    fail(`${WEB_ENTRY} missing: run \`npx turbo run build\` (or \`npm run build -w @metropotes/web\`) first.`);
  const proxy = await startCountingProxy(context.gatewayUrl, context.portBase + 20);
  onCleanup(() => proxy.close());
  const port = context.portBase + 21;
  const site = `http://127.0.0.1:${port}`;
  const child = run('web', process.execPath, [WEB_ENTRY], {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    WEB_PORT: String(port),
    WEB_HOST: '127.0.0.1',
    GATEWAY_URL: proxy.url,
    PUBLIC_URL: site,
    WEB_SESSION_SECRET: 'bench-web-session-secret-0123456789abcdef',
  });
  await waitFor('web', `${site}/robots.txt`);
  // The site's warnings (a gateway request that failed), to say why a run failed.
  let warnings = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    warnings = (warnings + chunk.toString()).slice(-3000);
  });
  const explained = async <T>(what: Promise<T>): Promise<T> => {
    try {
      return await what;
    } catch (error) {
      if (warnings) log(`  the site's last log lines:\n${warnings}`);
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

  // An event of the agenda, for its page, and a territory of the filter.
  const agendaHtml = await (await fetch(`${site}/agenda`)).text();
  const eventId = /href="\/evenements\/([0-9a-f-]{36})"/.exec(agendaHtml)?.[1];
  if (!eventId) fail('web: no event in the agenda of the demo data set');
  const territory = /<option value="(\d{9})"/.exec(agendaHtml)?.[1];
  if (!territory) fail('web: no territory in the agenda filter');

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

  log('\nWeb site: gateway requests per page, counted by the proxy');
  const requests: WebResult['requests'] = [];
  for (const path of [
    '/agenda',
    `/agenda?territoire=${territory}&type=POT_DU_POTE&theme=LOGEMENT&du=2026-01-01&au=2027-12-31`,
    '/agenda?vue=mois',
    `/agenda?vue=mois&territoire=${territory}&type=ATELIER`,
    `/evenements/${eventId}`,
  ]) {
    proxy.reset();
    const response = await fetch(`${site}${path}`);
    if (response.status !== 200) fail(`web: ${path} answered ${response.status}`);
    await response.text();
    const counts = proxy.counts();
    requests.push({ path, total: counts.total, byOperation: counts.byOperation });
    log(`  ${path.padEnd(46)} ${counts.total} request(s): ${JSON.stringify(counts.byOperation)}`);
    if (path.startsWith('/agenda') && counts.total !== 1) fail(`web: ${path} cost ${counts.total} gateway requests, not one`);
  }

  // The agenda page through the site, and the very request it makes to the gateway, alone (captured by the proxy).
  proxy.reset();
  await (await fetch(`${site}/agenda`)).text();
  const agendaQuery = proxy.lastBodies().Agenda;
  if (!agendaQuery) fail('web: the agenda page sent no Agenda query');
  const pageLoad: Load = { url: `${site}/agenda`, method: 'GET', headers: {} };
  const queryLoad: Load = {
    url: proxy.url,
    body: agendaQuery,
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
  };
  const check = (await (await fetch(queryLoad.url, { method: 'POST', headers: queryLoad.headers, body: queryLoad.body })).json()) as {
    errors?: unknown;
  };
  if (check.errors) fail(`web: the agenda query alone failed: ${JSON.stringify(check.errors).slice(0, 300)}`);

  log('\nWeb site: the agenda page through the site, and its query alone through the gateway (runs alternating)');
  const loadBefore = loadavg()[0]!;
  const targets: [string, Load][] = [
    ['agenda page through the site (GET /agenda)', pageLoad],
    ['the agenda query alone through the gateway', queryLoad],
  ];
  for (const [name, load] of targets) await explained(cannon(name, load, context.load.connections, 1));
  const results = targets.map(() => ({ rps: [] as number[], p50: [] as number[], p99: [] as number[] }));
  for (let r = 0; r < context.load.runs; r += 1) {
    for (const [i, [name, load]] of targets.entries()) {
      const result = await explained(cannon(name, load, context.load.connections, context.slowDuration));
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
  const ratio = Math.round((throughput[0]!.rps / Math.max(throughput[1]!.rps, 1)) * 100) / 100;
  log(`  site ÷ gateway: ${ratio}`);
  return { pages, hydratedBytes, requests, throughput, ratio, agendaQuery, load: [loadBefore, loadavg()[0]!] };
}

/** The "Web site" section of docs/benchmarks.md. */
export function webMarkdown(web: WebResult, context: { runs: number; duration: number; connections: number }): string {
  const over = web.pages.filter((p) => p.gzipBytes > JS_BUDGET_BYTES);
  const agenda = web.throughput[0]!;
  const query = web.throughput[1]!;
  return `## Web site

The built site (\`services/web/dist\`, \`NODE_ENV=production\`) in front of the bench's Apollo gateway as deployed
(its public cache on), through a counting proxy (\`bench/counting-proxy.ts\`) that sees every request the site makes
to the gateway.

**JavaScript of each page**, gzipped (level 6, what the site's compression sends): the scripts its HTML loads, the
modules they import, and its inline scripts (the error summary's one line, React Router's own when a page
hydrates). The budget is 100 KB (${JS_BUDGET_BYTES} bytes) a page. ${over.length ? `**Over it: ${over.map((p) => p.path).join(', ')}.**` : '**Every page is within it.**'}

| page | as | status | files | inline bytes | gzipped bytes |
| --- | --- | ---: | ---: | ---: | ---: |
${web.pages.map((p) => `| \`${p.path}\` | ${p.who} | ${p.status} | ${p.scripts} | ${p.inlineBytes} | ${p.gzipBytes} |`).join('\n')}

No page hydrates (\`services/web/app/lib/static-page.ts\`): a page that did would load at least ${web.hydratedBytes} bytes (the
client entry, React 19 and React Router 8), over the budget before any code of the site's own.

**Gateway requests per page** (the proxy's count while the site renders it; the agenda must cost one):

| page | requests | by operation |
| --- | ---: | --- |
${web.requests
  .map(
    (r) =>
      `| \`${r.path}\` | ${r.total} | ${Object.entries(r.byOperation)
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')} |`,
  )
  .join('\n')}

**The agenda page through the site, against its query alone through the gateway**: \`GET /agenda\` (server
rendering: the session middleware, one gateway request, React's HTML) and the very request the site sends the
gateway for it (captured by the proxy: the \`Agenda\` document, 10 events and the 12 territories with their 131
communes), both through the same proxy, runs alternating (${context.runs} × ${context.duration} s, ${context.connections} connections, medians).
Load average (1 min) of the machine: ${web.load[0].toFixed(1)} before these runs, ${web.load[1].toFixed(1)} after${
    web.load[0] > 2 || web.load[1] > 2
      ? " — **other work was competing for the 2 cores**: the absolute figures are far below an idle machine's, only the ratio (both sides alternating under the same load) is worth reading"
      : ''
  }.

| what | requests/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
| ${agenda.name} | ${agenda.rps} | ${agenda.p50} | ${agenda.p99} |
| ${query.name} | ${query.rps} | ${query.p50} | ${query.p99} |

**Site ÷ gateway: ${web.ratio}**. ${webAnalysis(web)}`;
}

function webAnalysis(web: WebResult): string {
  const share = Math.round(web.ratio * 100);
  const own =
    "the site's own work on top of the query (Express, the session middleware, React Router's loader and React's rendering of a page whose filter lists the 131 communes of the Métropole) runs on the same two cores as the gateway, the subgraphs and PostgreSQL";
  if (web.ratio >= 0.9) {
    return `The page serves about as many requests a second as its query alone (${share}%; a ratio above 1 is the noise of a
loaded machine, as every page makes exactly one such request): the gateway query (the agenda SQL with its count and the
12 territories with their communes) is what limits the agenda page, and ${own} without costing it much.`;
  }
  return `The site serves ${share}% of the requests/s of the query it depends on: ${own}, so the site's CPU is taken
from the gateway's; the gateway query (the agenda SQL with its count and the 12 territories with their communes) is
the floor the page cannot go below.`;
}
