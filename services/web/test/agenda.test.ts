/**
 * The agenda in a real browser, with JavaScript off (JOURNEY_MODES), against the whole system: its filters (territory, kind,
 * theme, dates in Paris time) kept in the address and through paging, refused dates next to their field, the month
 * view (an event on its day in Paris time, today, the months around it keeping the filters), and a series' dates on
 * an occurrence's page. axe on every page; one gateway request per page; screenshots of the month view.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { unbreakable } from '../app/lib/display-time';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const DAY = 24 * 3600_000;

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let plaineCommune: string;
let series: { id: string; startsAt: string }[];

/** An event published by the staff, `days` after the run's "now" at 16:00 UTC (18 h in Paris in June). */
async function event(token: string, title: string, days: number, fields: { kind: string; themes: string[]; communeCode: string; at?: Date }) {
  const startsAt = fields.at ?? new Date(system.clock.now().getTime() + days * DAY);
  if (!fields.at) startsAt.setUTCHours(16, 0, 0, 0);
  const created = await system.gql<{ createEvent: { id: string } }>(
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        kind: fields.kind,
        themes: fields.themes,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
        venue: { name: 'Maison des associations', communeCode: fields.communeCode },
      },
    },
    token,
  );
  expect(created.errors).toBeUndefined();
  return created.data!.createEvent.id;
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({
    // Dates are asserted as written and as calendar days: this suite names its instant, Wednesday 10 June 2026,
    // 10:00 in Paris, whatever TEST_NOW says.
    now: new Date('2026-06-10T08:00:00.000Z'),
  });
  web = await startWeb({ port: await freePort(), gatewayUrl: system.url, env: { CLOCK_START: system.env.CLOCK_START!, LOG_LEVEL: 'debug' } });
  browser = await launchChromium();

  const territories = await system.gql<{ territories: { code: string; communes: { code: string }[] }[] }>(
    `{ territories { code communes { code } } }`,
  );
  plaineCommune = territories.data!.territories.find((t) => t.communes.some((c) => c.code === '93066'))!.code;

  const staff = (await system.signUp({ role: 'STAFF' })).token;
  // Twelve workshops on housing in Plaine Commune (Saint-Denis and L'Île-Saint-Denis), 13 to 24 June, 18 h.
  for (let n = 1; n <= 12; n += 1) {
    await event(staff, `Atelier logement ${String(n).padStart(2, '0')}`, n + 2, {
      kind: 'ATELIER',
      themes: ['LOGEMENT'],
      communeCode: n % 2 ? '93066' : '93039',
    });
  }
  // What each filter leaves out: another kind, another theme, another territory, after the period.
  await event(staff, 'Formation logement à Saint-Denis', 4, { kind: 'FORMATION', themes: ['LOGEMENT'], communeCode: '93066' });
  await event(staff, 'Atelier culture à Saint-Denis', 5, { kind: 'ATELIER', themes: ['CULTURE'], communeCode: '93066' });
  await event(staff, 'Atelier logement à Paris', 6, { kind: 'ATELIER', themes: ['LOGEMENT'], communeCode: '75056' });
  await event(staff, 'Atelier logement de juillet', 30, { kind: 'ATELIER', themes: ['LOGEMENT'], communeCode: '93066' });
  // 2026-06-20T22:30Z is Sunday 21 June, 0 h 30 in Paris: the month view puts it on the 21st, not the 20th.
  await event(staff, 'Bal de minuit', 0, { kind: 'AUTRE', themes: ['CULTURE'], communeCode: '93066', at: new Date('2026-06-20T22:30:00.000Z') });

  const created = await system.gql<{ createEventSeries: { occurrences: { edges: { node: { id: string; startsAt: string } }[] } } }>(
    `mutation S($input: CreateEventSeriesInput!) { createEventSeries(input: $input) { occurrences(first: 100) { edges { node { id startsAt } } } } }`,
    {
      input: {
        title: 'Permanence numérique',
        kind: 'MISSION',
        rrule: 'FREQ=WEEKLY;BYDAY=TH',
        startTime: '14:00',
        durationMinutes: 120,
        venue: { name: 'Médiathèque', communeCode: '94028' },
      },
    },
    staff,
  );
  expect(created.errors).toBeUndefined();
  series = created.data!.createEventSeries.occurrences.edges.map((edge) => edge.node);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

const titles = (page: Page) => page.locator('.event-card__title').allTextContents();
const workshops = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `Atelier logement ${String(from + i).padStart(2, '0')}`);

describe.each(JOURNEY_MODES)('with %s', (_label, javaScript) => {
  let contexts: BrowserContext[] = [];
  const newPage = async (viewport?: { width: number; height: number }) => {
    const context = await visitor(browser, javaScript, viewport);
    contexts.push(context);
    return context.newPage();
  };
  afterEach(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  it('filters by territory, kind, theme and dates, in the address, and keeps them through "Voir plus"', async () => {
    const page = await newPage();
    await checked(page, javaScript, `${web.url}/agenda`);
    await page.getByLabel('Territoire').selectOption({ label: 'Plaine Commune' });
    await page.getByLabel('Type de rendez-vous').selectOption({ label: 'Atelier' });
    await page.getByLabel('Thème').selectOption({ label: 'Logement' });
    await page.getByLabel('Du', { exact: true }).fill('2026-06-14');
    await page.getByLabel('Au', { exact: true }).fill('2026-06-30');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/territoire=/);
    // The empty fields (commune) are left out of the address.
    const address = new URL(page.url());
    expect(Object.fromEntries(address.searchParams)).toEqual({
      territoire: plaineCommune,
      type: 'ATELIER',
      theme: 'LOGEMENT',
      du: '2026-06-14',
      au: '2026-06-30',
    });
    await checked(page, javaScript);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Agenda à Plaine Commune');
    // The 13 June workshop is before the period; the other kind, theme, territory and July are left out.
    expect(await page.getByRole('status').first().textContent()).toBe(
      unbreakable('11 rendez-vous à venir à Plaine Commune du dimanche 14 juin au mardi 30 juin.'),
    );
    expect(await titles(page)).toEqual(workshops(2, 11));
    // The form says what is filtered.
    expect(await page.getByLabel('Type de rendez-vous').inputValue()).toBe('ATELIER');
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-06-14');

    await page.getByRole('link', { name: 'Voir plus de rendez-vous' }).click();
    await page.waitForURL(/apres=/);
    await checked(page, javaScript);
    const next = new URL(page.url()).searchParams;
    expect([next.get('territoire'), next.get('type'), next.get('theme'), next.get('du'), next.get('au')]).toEqual([
      plaineCommune,
      'ATELIER',
      'LOGEMENT',
      '2026-06-14',
      '2026-06-30',
    ]);
    expect(await titles(page)).toEqual(workshops(12, 12));
    expect(await page.getByRole('link', { name: 'Voir plus de rendez-vous' }).count()).toBe(0);

    // A commune narrows further (within the territory); a theme alone finds the other workshop.
    await checked(page, javaScript, `${web.url}/agenda?commune=93039&type=ATELIER&theme=LOGEMENT`);
    expect(await titles(page)).toEqual([
      'Atelier logement 02',
      'Atelier logement 04',
      'Atelier logement 06',
      'Atelier logement 08',
      'Atelier logement 10',
      'Atelier logement 12',
    ]);
    await checked(page, javaScript, `${web.url}/agenda?theme=CULTURE`);
    expect(await titles(page)).toEqual(['Atelier culture à Saint-Denis', 'Bal de minuit']);
  });

  it('refuses dates that are not one, or an end before the start, next to the field, keeping what was typed', async () => {
    const page = await newPage();
    await checked(page, javaScript, `${web.url}/agenda?type=ATELIER`);
    await page.getByLabel('Du', { exact: true }).fill('2026-06-20');
    await page.getByLabel('Au', { exact: true }).fill('2026-06-15');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/au=2026-06-15/);
    await checked(page, javaScript);
    const au = page.getByLabel('Au', { exact: true });
    expect(await au.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#filtre-au-erreur').textContent()).toBe('La date de fin doit être le même jour que la date de début, ou après.');
    expect(await au.inputValue()).toBe('2026-06-15');
    expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-06-20');
    // The dates are left aside meanwhile: the kind still filters.
    expect((await titles(page)).length).toBe(10);

    await checked(page, javaScript, `${web.url}/agenda?du=31/02/2026&au=2026-06-30`);
    const du = page.getByLabel('Du', { exact: true });
    expect(await du.inputValue()).toBe('31/02/2026');
    expect(await page.locator('#filtre-du-erreur').textContent()).toContain("Cette date n'est pas valide");
    expect(await page.locator('#filtre-au-erreur').count()).toBe(0);
  });

  it('shows the month in Paris time: an event on its day, today marked, the months around keeping the filters', async () => {
    const page = await newPage();
    await checked(page, javaScript, `${web.url}/agenda?type=ATELIER&theme=LOGEMENT`);
    await page.getByRole('link', { name: 'Mois', exact: true }).click();
    await page.waitForURL(/vue=mois/);
    await checked(page, javaScript);
    // The run's "now" is Wednesday 10 June 2026: the month shown is June 2026, and the filter is kept.
    expect(await page.locator('table caption').textContent()).toBe('Juin 2026');
    expect([new URL(page.url()).searchParams.get('type'), new URL(page.url()).searchParams.get('theme')]).toEqual(['ATELIER', 'LOGEMENT']);
    const headers = await page.locator('table thead th .visually-hidden').allTextContents();
    expect(headers).toEqual(['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']);
    // 1 June 2026 is a Monday: the first cell of the first week.
    expect(await page.locator('table tbody tr').first().locator('td').first().locator('time').getAttribute('datetime')).toBe('2026-06-01');
    const today = page.locator('td[aria-current="date"]');
    expect(await today.locator('time').first().getAttribute('datetime')).toBe('2026-06-10');
    expect(await today.textContent()).toContain('aujourd’hui');
    // Workshop 03 starts at 2026-06-15T16:00Z: Monday 15 June, 18 h in Paris.
    const fifteenth = page.locator('td', { has: page.locator('time[datetime="2026-06-15"]') });
    expect(await fifteenth.getByRole('link').allTextContents()).toEqual([unbreakable('18 h Atelier logement 03')]);
    await fifteenth.getByRole('link', { name: '18 h Atelier logement 03' }).click();
    await page.waitForURL(/\/evenements\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Atelier logement 03');
    await page.goBack();
    await page.waitForURL(/vue=mois/);

    await page.getByRole('link', { name: 'Juillet 2026' }).click();
    await page.waitForURL(/mois=2026-07/);
    await checked(page, javaScript);
    expect([new URL(page.url()).searchParams.get('type'), new URL(page.url()).searchParams.get('theme')]).toEqual(['ATELIER', 'LOGEMENT']);
    const tenth = page.locator('td', { has: page.locator('time[datetime="2026-07-10"]') });
    expect(await tenth.getByRole('link').allTextContents()).toEqual([unbreakable('18 h Atelier logement de juillet')]);
    expect(await page.locator('td[aria-current="date"]').count()).toBe(0);
    await page.getByRole('link', { name: 'Juin 2026' }).click();
    await page.waitForURL(/mois=2026-06/);

    // Unfiltered: 2026-06-20T22:30Z is on Sunday 21 June in Paris.
    await checked(page, javaScript, `${web.url}/agenda?vue=mois&mois=2026-06&theme=CULTURE`);
    const twentyFirst = page.locator('td', { has: page.locator('time[datetime="2026-06-21"]') });
    expect(await twentyFirst.getByRole('link').allTextContents()).toEqual(['0\u00a0h\u00a030 Bal de minuit']);
    const twentieth = page.locator('td', { has: page.locator('time[datetime="2026-06-20"]') });
    expect(await twentieth.getByRole('link').count()).toBe(0);
  });

  it('on a phone, the month is a list of the days that have events, usable at 320 px', async () => {
    const page = await newPage({ width: 320, height: 740 });
    await checked(page, javaScript, `${web.url}/agenda?vue=mois&mois=2026-06&territoire=${plaineCommune}&type=ATELIER&theme=LOGEMENT`);
    expect(await page.locator('table').isVisible()).toBe(false);
    const day = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Lundi 15 juin' }) });
    expect(await day.getByRole('link').allTextContents()).toEqual([unbreakable('18 h Atelier logement 03')]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  });

  it('an occurrence of a series links to the dates before and after it, and lists the next ones', async () => {
    const [first, second, third, fourth] = series;
    const page = await newPage();
    await checked(page, javaScript, `${web.url}/evenements/${second!.id}`);
    const dates = page.getByRole('region', { name: 'Les autres dates' });
    // Thursdays at 14 h in Paris: the first is Thursday 11 June 2026 (the day after the run's "now").
    expect(first!.startsAt).toBe('2026-06-11T12:00:00.000Z');
    await dates.getByRole('link', { name: 'Date suivante : jeudi 25 juin à 14 h' }).waitFor();
    const next = await dates.getByRole('link', { name: /^Date suivante/ }).getAttribute('href');
    expect(next).toBe(`/evenements/${third!.id}`);
    expect(await dates.getByRole('link', { name: 'Date précédente : jeudi 11 juin à 14 h' }).getAttribute('href')).toBe(`/evenements/${first!.id}`);
    expect(await dates.getByRole('list').getByRole('link').allTextContents()).toEqual(
      ['jeudi 25 juin de 14 h à 16 h', 'jeudi 2 juillet de 14 h à 16 h', 'jeudi 9 juillet de 14 h à 16 h', 'jeudi 16 juillet de 14 h à 16 h'].map(
        unbreakable,
      ),
    );
    await dates.getByRole('link', { name: /^Date suivante/ }).click();
    await page.waitForURL(`${web.url}/evenements/${third!.id}`);
    await checked(page, javaScript);
    expect(await page.getByRole('link', { name: /^Date suivante/ }).getAttribute('href')).toBe(`/evenements/${fourth!.id}`);

    // The first date has no date before it; an event of no series has no such section.
    await checked(page, javaScript, `${web.url}/evenements/${first!.id}`);
    expect(await page.getByRole('link', { name: /^Date précédente/ }).count()).toBe(0);
  });
});

describe('the month view', () => {
  it('costs one gateway request, as the list with every filter does', async () => {
    const gatewayRequests = (requestId: string) =>
      web
        .output()
        .split('\n')
        .filter((line) => line.includes('"msg":"gateway request"') && line.includes(`"requestId":"${requestId}"`))
        .map((line) => (JSON.parse(line) as { operation: string }).operation);
    for (const path of [
      `/agenda?vue=mois&mois=2026-06&territoire=${plaineCommune}&type=ATELIER&theme=LOGEMENT`,
      `/agenda?territoire=${plaineCommune}&commune=93066&type=ATELIER&theme=LOGEMENT&du=2026-06-14&au=2026-06-30`,
      `/evenements/${series[1]!.id}`,
    ]) {
      const requestId = `agenda-${path.length}-${Date.now()}`;
      const response = await fetch(`${web.url}${path}`, { headers: { 'x-request-id': requestId } });
      expect(response.status).toBe(200);
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect({ path, operations: gatewayRequests(requestId) }).toEqual({
        path,
        operations: [path.startsWith('/agenda?vue=mois') ? 'AgendaMonth' : path.startsWith('/agenda') ? 'Agenda' : 'EventPage'],
      });
    }
  });

  it('screenshots at 360×740 and 1280×800 (docs/screenshots)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const [width, height] of [
      [360, 740],
      [1280, 800],
    ] as const) {
      const context = await visitor(browser, false, { width, height });
      const page = await context.newPage();
      await page.goto(`${web.url}/agenda?vue=mois&mois=2026-06`);
      await page.screenshot({ path: join(SCREENSHOTS, `agenda-mois-${width}x${height}.png`), fullPage: true });
      await context.close();
    }
  });
});
