import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: Playwright never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The JavaScript settings the journeys run with (`describe.each(JOURNEY_MODES)`): JavaScript off only, what old
 * devices get. No page ships a client script (app/lib/static-page.ts: none hydrates), so with JavaScript on the
 * browser gets, shows and submits the very same HTML: running every journey both ways doubled the browser tests' time
 * and checked nothing more. JavaScript on is kept only where a script changes what happens:
 * - the error summary's one-line inline script that focuses it (components/form-fields.tsx): site.test.ts checks the
 *   focus, and that the CSP lets the script run;
 * - every public page ships no JavaScript (`html[data-static]`, none fetched): site.test.ts's weight tests;
 * - the gateway's queue board, a page with scripts of its own: console-queues.test.ts.
 * A route that one day hydrates (`handle = hydratedPage`) fails site.test.ts's weight test; its journeys must then
 * add `['JavaScript on', true]` here (or in their own `describe.each`) again.
 */
export const JOURNEY_MODES: [label: string, javaScript: boolean][] = [['JavaScript off', false]];

/** A browser of its own (cookies, storage) for one visitor, with JavaScript on or off. */
export function visitor(browser: Browser, javaScript: boolean, viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  return browser.newContext({ javaScriptEnabled: javaScript, viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core on the page as it is now: its serious and critical violations of WCAG 2.x A/AA and best practices (to be
 * none). Run through the DevTools protocol, which the page's Content-Security-Policy does not apply to. With
 * JavaScript off the page's timers never fire, so axe runs on the same HTML in a scratch page with scripts on (the
 * page's own scripts removed: what is checked is what the visitor without JavaScript has).
 */
export async function seriousAccessibilityViolations(page: Page, javaScript: boolean): Promise<string[]> {
  const target = javaScript ? page : await scratchPage(page);
  if (!javaScript) {
    // The page's scripts removed, and any other barred by a policy: no script of the page runs in the scratch page.
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<head>/i, `<head>${NO_SCRIPT_POLICY}`);
    await target.setContent(html, { waitUntil: 'load' });
  }
  if (!(await target.evaluate('typeof axe !== "undefined"'))) await target.evaluate(AXE_SOURCE);
  const violations = (await target.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * What keeps the page's own scripts from running in the scratch page (axe, run through the DevTools protocol, is not
 * bound by it). A policy rather than a route that aborts scripts: routing turns the browser's cache off, and the
 * stylesheet would be fetched again for every check.
 */
const NO_SCRIPT_POLICY = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'">`;

/**
 * The page axe checks a JavaScript-off page in: one per browser and origin, made once and reused (a context per
 * check, and its navigation, cost more than the check itself). Scripts on, the page's own removed; same origin, so that
 * the page's stylesheet loads (from the cache after the first check) and contrast is checked with the real styles. Its
 * viewport follows the page's.
 */
const scratchPages = new WeakMap<Browser, Map<string, Promise<Page>>>();
async function scratchPage(page: Page): Promise<Page> {
  const browser = page.context().browser()!;
  const origin = new URL(page.url()).origin;
  let byOrigin = scratchPages.get(browser);
  if (!byOrigin) scratchPages.set(browser, (byOrigin = new Map()));
  let made = byOrigin.get(origin);
  if (!made) {
    made = (async () => {
      const context = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
      const scratch = await context.newPage();
      await scratch.goto(new URL('/robots.txt', origin).toString());
      return scratch;
    })();
    byOrigin.set(origin, made);
  }
  const scratch = await made;
  const viewport = page.viewportSize();
  if (viewport) await scratch.setViewportSize(viewport);
  return scratch;
}

/**
 * With JavaScript on, waits until React Router has hydrated the page (root.tsx marks <html data-hydrated>), or sees
 * that the page ships no client script at all (<html data-static>: lib/static-page.ts), so is ready as it came.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForSelector('html[data-hydrated], html[data-static]', { state: 'attached', timeout: 15_000 });
}

/**
 * The JavaScript a page loads (every script and module preload it fetches), as gzip compresses it (level 6, what the
 * site's compression sends): the weight of a page's JavaScript, whatever the HTTP overhead.
 */
export async function javaScriptBytes(page: Page, load: () => Promise<unknown>): Promise<{ total: number; files: Record<string, number> }> {
  const urls = new Set<string>();
  const listener = (request: { resourceType(): string; url(): string }) => {
    if (request.resourceType() === 'script' || /\.m?js(\?|$)/.test(request.url())) urls.add(request.url());
  };
  page.on('request', listener);
  await load();
  await page.waitForLoadState('networkidle');
  page.off('request', listener);
  const files: Record<string, number> = {};
  for (const url of urls) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    files[new URL(url).pathname] = gzipSync(body, { level: 6 }).length;
  }
  return { total: Object.values(files).reduce((a, b) => a + b, 0), files };
}
