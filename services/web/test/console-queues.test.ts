/**
 * The staff console's queues (/equipe/files) in Chromium against the whole system and the workers: the dead jobs
 * and their re-run, and the gateway's queue board opened through the site with the session cookie (the token added
 * server-side), read-only: every change it could ask for is refused.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { startWorkersHarness, type WorkersHarness } from '../../workers/test/support/workers-harness';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let harness: WorkersHarness;
let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let member: TestMember;

const BOARD = '/equipe/files/tableau/';
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

/** The gateway requests the site made for the page asked with `requestId` (its debug log lines). */
const gatewayRequests = (requestId: string) =>
  web
    .output()
    .split('\n')
    .filter((line) => line.includes('"msg":"gateway request"') && line.includes(`"requestId":"${requestId}"`))
    .map((line) => (JSON.parse(line) as { operation: string }).operation);

beforeAll(async () => {
  await ensureWebBuild();
  harness = await startWorkersHarness();
  system = harness.system;
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-queues-test', LOG_LEVEL: 'debug' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
  member = await system.signUp({ displayName: 'Martin Membre' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await harness?.stop();
});

it('lists the dead jobs, from the dashboard, and runs them again', async () => {
  // A job that failed all its attempts, as the workers record it (their own repository).
  const recorded = await harness.deadLetters.repository.record(
    [
      {
        queue: 'fanout',
        name: 'event.cancelled',
        originJobId: 'event-cancelled-console-test',
        payload: { eventId: '00000000-0000-4000-8000-000000000001' },
        failure: 'event-cancelled-console-test@1',
        error: 'gateway unreachable: fetch failed',
      },
    ],
    { baseMs: 3_600_000, maxMs: 3_600_000 },
  );
  expect(recorded).toBe(1);
  for (const [, javaScript] of JOURNEY_MODES) {
    const context = await visitor(browser, javaScript);
    const page = await context.newPage();
    await logIn(page, javaScript, web.url, staff, '/equipe');
    const link = page.getByRole('link', { name: /Tâches en échec/ });
    expect(await link.textContent()).toMatch(/^1\s/);
    await link.click();
    await page.waitForURL((url) => url.pathname === '/equipe/files');
    await checked(page, javaScript);
    const row = page.getByRole('row', { name: /event\.cancelled/ });
    expect(await row.textContent()).toContain('La passerelle était injoignable pour les workers.');
    await page.getByRole('button', { name: 'Relancer les tâches en échec' }).click();
    await page.waitForURL((url) => url.searchParams.get('fait') === 'relance');
    await shown(page, /tâche en échec est relancée/);
    await checked(page, javaScript);
    await context.close();
  }
});

it('builds the dashboard from one request, plus the workers asked apart; screenshots', async () => {
  const context = await visitor(browser, true);
  const page = await context.newPage();
  await logIn(page, true, web.url, staff, '/equipe');
  const requestId = 'tableau-de-bord-une-requete';
  const response = await page.request.get(`${web.url}/equipe`, { headers: { 'x-request-id': requestId } });
  expect(response.status()).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 100));
  // The layout's check of the role, the dashboard's counts, the workers' dead jobs.
  expect(gatewayRequests(requestId).sort()).toEqual(['StaffDashboard', 'StaffDeadJobs', 'StaffViewer']);
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(`${web.url}/equipe`);
    await checked(page, true);
    await page.screenshot({ path: join(SCREENSHOTS, `staff-dashboard-${viewport.width}x${viewport.height}.png`), fullPage: true });
  }
  await context.close();
});

it('opens the read-only queue board from the console, with its own scripts and policy', async () => {
  const context = await visitor(browser, true);
  const page = await context.newPage();
  await logIn(page, true, web.url, staff, '/equipe/files');
  const console = await page.request.get(`${web.url}/equipe/files`);
  // The console's pages keep the site's nonce policy.
  expect(console.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
  await page.getByRole('link', { name: 'Ouvrir le tableau des files' }).click();
  await page.waitForURL((url) => url.pathname === BOARD);
  // The board's scripts ran: its queues are listed.
  for (const queue of ['mail', 'fanout', 'system']) await page.getByText(queue, { exact: true }).first().waitFor({ timeout: 20_000 });
  const board = await page.request.get(`${web.url}${BOARD}`);
  expect(board.status()).toBe(200);
  expect(board.headers()['content-security-policy']).toContain("script-src 'self';");
  expect(board.headers()['content-security-policy']).not.toContain('nonce');
  // The page never holds the token: it is added by the site.
  expect(await board.text()).not.toMatch(/Bearer|eyJ/);

  // Every change is refused, through the site, from the site's own origin.
  const api = await page.request.get(`${web.url}${BOARD}api/queues`);
  expect(api.status()).toBe(200);
  const changes: [string, string][] = [
    ['PUT', 'api/queues/fanout/retry/failed'],
    ['PUT', 'api/queues/fanout/clean/completed'],
    ['PUT', 'api/queues/fanout/pause'],
    ['PUT', 'api/queues/fanout/resume'],
    ['PUT', 'api/queues/fanout/empty'],
    ['PUT', 'api/queues/fanout/some-job/promote'],
    ['PUT', 'api/queues/fanout/some-job/retry/failed'],
    ['POST', 'api/queues/mail/add'],
    ['DELETE', 'api/queues/fanout/obliterate'],
  ];
  for (const [method, path] of changes) {
    const response = await page.request.fetch(`${web.url}${BOARD}${path}`, {
      method,
      headers: { origin: web.url, 'content-type': 'application/json' },
      data: {},
    });
    expect({ method, path, status: response.status() }).toEqual({ method, path, status: 403 });
  }
  await context.close();
});

it('sends a visitor to log in and refuses the board to a member', async () => {
  const response = await fetch(`${web.url}${BOARD}`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  expect(response.headers.get('location')).toBe(`/connexion?retour=${encodeURIComponent(BOARD)}`);
  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, member, '/moi');
  const refused = await page.goto(`${web.url}${BOARD}`);
  expect(refused?.status()).toBe(403);
  await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
  const api = await page.request.get(`${web.url}${BOARD}api/queues`);
  expect(api.status()).toBe(403);
  expect(await api.text()).not.toContain('fanout');
  await context.close();
});
