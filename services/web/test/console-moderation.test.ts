/**
 * The console's moderation (/equipe/moderation) in Chromium against the whole system with the workers applying the
 * decisions: a member's report decided HIDE takes the event off the public agenda, RESTORE brings it back, both in
 * the audit log; a decision needs a reason; after a decision the next open case shows; staff are not offered the
 * sanctions of a staff member (admins are). The main path runs with JavaScript off, the rest with it on.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { TestMember, TestSystem } from '@metropotes/test-kit';
import { parisDay } from '@metropotes/french-time';
import { createEvent, gqlData, pollUntil, startWorkersHarness, type WorkersHarness } from '../../workers/test/support/workers-harness';
import { launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const REPORT = `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`;
const AGENDA = `query { agenda(first: 100) { edges { node { id } } } }`;

let harness: WorkersHarness;
let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let admin: TestMember;
let reporter: TestMember;

beforeAll(async () => {
  await ensureWebBuild();
  harness = await startWorkersHarness();
  system = harness.system;
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-moderation-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Modération' });
  admin = await system.signUp({ role: 'ADMIN', displayName: 'Alex Administration' });
  reporter = await system.signUp({ displayName: 'Rania Vigilante' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await harness?.stop();
});

const report = (targetType: string, targetId: string, reason: string, details: string | null, by: TestMember = reporter) =>
  gqlData(system, REPORT, { input: { targetType, targetId, reason, details } }, by.token);

const publicAgenda = async () =>
  (await gqlData<{ agenda: { edges: { node: { id: string } }[] } }>(system, AGENDA, {})).agenda.edges.map((e) => e.node.id);

/** The public agenda page as a visitor reads it (the site's HTML). */
const agendaPage = async () => (await fetch(`${web.url}/agenda`)).text();

async function decide(page: Page, action: string, reason: string) {
  await page.getByRole('radio', { name: action }).check();
  await page.getByLabel(/^Motif/).fill(reason);
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
}

it('a report decided HIDE takes the event off the public agenda, RESTORE brings it back, both in the log (JavaScript off)', async () => {
  const event = await createEvent(system, staff.token, {
    title: 'Vente de montres de luxe',
    description: 'Des **montres** à prix cassés, contactez-moi.',
  });
  await report('EVENT', event.id, 'SPAM', "C'est une publicité déguisée.");
  expect(await publicAgenda()).toContain(event.id);
  expect(await agendaPage()).toContain('Vente de montres de luxe');

  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, staff, '/equipe/moderation');
  await checked(page, false);
  // The queue: the case, its reason; filters kept in the address.
  const row = page.getByRole('row', { name: /Vente de montres de luxe/ });
  await row.waitFor();
  expect(await row.textContent()).toContain('Publicité ou spam');
  await page.getByLabel('Type de contenu').selectOption('EVENT');
  await page.getByLabel("Raison d'un signalement").selectOption('SPAM');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL((url) => url.searchParams.get('type') === 'EVENT' && url.searchParams.get('raison') === 'SPAM');
  await page.getByRole('link', { name: 'Vente de montres de luxe' }).click();
  await page.waitForURL(/\/equipe\/moderation\/[0-9a-f-]{36}$/);
  await checked(page, false);
  const caseUrl = page.url();
  // The content as members saw it, the report with its details and reporter.
  await shown(page, 'Des montres à prix cassés, contactez-moi.');
  await shown(page, 'Maison des associations, 1 rue Méchain');
  await shown(page, "C'est une publicité déguisée.");
  await shown(page, /Rania Vigilante/);
  // Assignment.
  await page.getByRole('button', { name: "Je m'en occupe" }).click();
  await shown(page, 'Vous vous en occupez.');

  // A decision needs a reason: refused next to the field, the choice kept.
  await page.getByRole('radio', { name: 'Masquer' }).check();
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await shown(page, 'Indiquez le motif de la décision.');
  await checked(page, false);
  expect(await page.getByRole('radio', { name: 'Masquer' }).isChecked()).toBe(true);
  expect(await page.getByLabel(/^Motif/).getAttribute('aria-invalid')).toBe('true');

  await decide(page, 'Masquer', 'Publicité commerciale, contraire à la charte');
  // No other open case: back to the queue, with the confirmation.
  await page.waitForURL((url) => url.pathname === '/equipe/moderation' && url.searchParams.get('fait') === 'HIDE');
  await page.getByRole('status').getByText('Décision enregistrée : contenu masqué.').waitFor();
  await checked(page, false);
  // The workers apply it: gone from the public agenda (the API and the page).
  expect(await pollUntil(publicAgenda, (ids) => !ids.includes(event.id), 20_000)).not.toContain(event.id);
  expect(await agendaPage()).not.toContain('Vente de montres de luxe');

  // RESTORE from the case page (its history shows the first decision).
  await page.getByRole('link', { name: 'Revoir ce dossier' }).click();
  await page.waitForURL(caseUrl);
  await shown(page, 'Motif : Publicité commerciale, contraire à la charte');
  await decide(page, 'Rétablir', 'Après vérification auprès de l’organisateur : brocante autorisée');
  await page.waitForURL((url) => url.searchParams.get('fait') === 'RESTORE');
  await page.getByRole('status').getByText('Décision enregistrée : contenu rétabli.').waitFor();
  expect(await pollUntil(publicAgenda, (ids) => ids.includes(event.id), 20_000)).toContain(event.id);
  expect(await agendaPage()).toContain('Vente de montres de luxe');

  // The audit log: both decisions, by whom, with their reasons; filtered by target, actor and Paris days.
  await page.goto(caseUrl);
  await page.getByRole('link', { name: 'Le journal de ce contenu' }).click();
  await page.waitForURL((url) => url.pathname === '/equipe/moderation/journal' && url.searchParams.get('cible') === event.id);
  await checked(page, false);
  const entries = page.locator('tbody tr');
  const texts = await entries.allTextContents();
  expect(texts.find((t) => t.includes('Masquage'))).toContain('Publicité commerciale, contraire à la charte');
  expect(texts.find((t) => t.includes('Rétablissement'))).toContain('brocante autorisée');
  expect(texts.filter((t) => t.includes('Camille Modération')).length).toBeGreaterThanOrEqual(3); // assigned, hid, restored
  const today = parisDay(system.clock.now());
  await page.getByLabel('Du (inclus)').fill(today);
  await page.getByLabel('Au (inclus)').fill(today);
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.waitForURL((url) => url.searchParams.get('du') === today && url.searchParams.get('cible') === event.id);
  expect(await page.locator('tbody tr', { hasText: 'Rétablissement' }).count()).toBe(1);
  // The day before: nothing.
  const yesterday = parisDay(new Date(system.clock.now().getTime() - 86_400_000));
  await page.goto(`${web.url}/equipe/moderation/journal?cible=${event.id}&du=${yesterday}&au=${yesterday}`);
  await shown(page, 'Aucune entrée pour ce choix.');
  // By actor: a click on the name.
  await page.goto(`${web.url}/equipe/moderation/journal`);
  await page.getByRole('link', { name: 'Camille Modération' }).first().click();
  await page.waitForURL((url) => url.searchParams.get('acteur') === staff.id);
  expect(await page.locator('tbody tr', { hasNotText: 'Camille Modération' }).count()).toBe(0);
  await context.close();
}, 120_000);

it('shows the next open case after a decision; sanctions of staff for admins only (JavaScript on)', async () => {
  const colleague = await system.signUp({ role: 'STAFF', displayName: 'Sam Collègue' });
  const member = await system.signUp({ displayName: 'Paul Perturbateur' });
  await report('MEMBER', colleague.id, 'HARASSMENT', 'Des messages insistants.');
  await report('MEMBER', member.id, 'HATE', null);

  const context = await visitor(browser, true);
  const page = await context.newPage();
  await logIn(page, true, web.url, staff, '/equipe/moderation?type=MEMBER');
  await checked(page, true);
  expect(await page.getByRole('row', { name: /Vente de montres/ }).count()).toBe(0);
  await page.getByRole('link', { name: 'Sam Collègue' }).click();
  await page.waitForURL(/\/equipe\/moderation\/[0-9a-f-]{36}$/);
  await checked(page, true);
  // A staff member's case: a staff viewer is not offered WARN, SUSPEND, BAN.
  const offered = await page.locator('input[type=radio]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(offered).toEqual(['DISMISS', 'HIDE', 'RESTORE']);
  const colleagueCase = page.url();

  // The member's case: sanctions are offered; SUSPEND needs its last day.
  await page.goto(`${web.url}/equipe/moderation?type=MEMBER`);
  await page.getByRole('link', { name: 'Paul Perturbateur' }).click();
  await page.waitForURL(/\/equipe\/moderation\/[0-9a-f-]{36}$/);
  const memberCase = page.url();
  await decide(page, 'Suspendre', 'Propos haineux répétés');
  await shown(page, 'Indiquez le dernier jour de la suspension.');
  expect(await page.getByLabel(/^Motif/).inputValue()).toBe('Propos haineux répétés');
  await decide(page, 'Avertir', 'Propos haineux : premier avertissement');
  // The next open case is shown, with the confirmation of this one.
  await page.waitForURL((url) => url.searchParams.get('fait') === 'WARN' && url.pathname !== new URL(memberCase).pathname);
  await page.getByRole('status').getByText('Décision enregistrée : membre averti·e.').waitFor();
  await shown(page, 'Voici le dossier ouvert suivant.');
  await checked(page, true);
  await context.close();

  // An admin is offered the sanctions of a staff member.
  const adminContext = await visitor(browser, true);
  const adminPage = await adminContext.newPage();
  await logIn(adminPage, true, web.url, admin, new URL(colleagueCase).pathname);
  await checked(adminPage, true);
  const forAdmin = await adminPage.locator('input[type=radio]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(forAdmin).toEqual(['DISMISS', 'HIDE', 'RESTORE', 'WARN', 'SUSPEND', 'BAN']);
  await adminContext.close();
}, 120_000);

it('screenshots of the moderation pages at a phone and a laptop width', async () => {
  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, staff, '/equipe/moderation?statut=tous');
  const caseLink = page.getByRole('link', { name: 'Vente de montres de luxe' });
  const caseHref = await caseLink.getAttribute('href');
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(viewport);
    await checked(page, false, `${web.url}/equipe/moderation?statut=tous`);
    await page.screenshot({ path: join(SCREENSHOTS, `console-moderation-${viewport.width}x${viewport.height}.png`), fullPage: true });
    await checked(page, false, `${web.url}${caseHref}`);
    await page.screenshot({ path: join(SCREENSHOTS, `console-moderation-case-${viewport.width}x${viewport.height}.png`), fullPage: true });
  }
  await context.close();
}, 60_000);
