/**
 * The staff console (/equipe) in Chromium against the whole system: who gets in (staff and admins; a member gets
 * 403 on every page, a visitor is sent to log in) and the dashboard's counts of what waits.
 */
import type { Browser } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';
import { STAFF_PATHS } from './support/staff-paths';

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let member: TestMember;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-access-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
  member = await system.signUp({ displayName: 'Martin Membre' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

it('sends a visitor to log in, back to the console page asked for', async () => {
  for (const path of STAFF_PATHS) {
    const response = await fetch(`${web.url}${path}`, { redirect: 'manual' });
    expect({ path, status: response.status, location: response.headers.get('location') }).toEqual({
      path,
      status: 302,
      location: `/connexion?retour=${encodeURIComponent(path)}`,
    });
  }
});

it('answers 403 to a member on every console page, in French', async () => {
  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, member, '/moi');
  for (const path of STAFF_PATHS) {
    const response = await page.goto(`${web.url}${path}`);
    expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor();
  }
  await context.close();
});

it('shows staff what waits, each count linking to its list', async () => {
  // A member proposes an event: one to review.
  const proposed = await system.gql(
    `mutation Propose($input: CreateEventInput!) { createEvent(input: $input) { id status } }`,
    {
      input: {
        title: 'Balade des jardins partagés',
        description: 'Une balade entre les jardins du quartier.',
        kind: 'AUTRE',
        startsAt: new Date(system.clock.now().getTime() + 7 * 86_400_000).toISOString(),
        endsAt: new Date(system.clock.now().getTime() + 7 * 86_400_000 + 7_200_000).toISOString(),
        onlineUrl: 'https://visio.example.org/balade',
      },
    },
    member.token,
  );
  expect(proposed.errors).toBeUndefined();
  for (const [, javaScript] of JOURNEY_MODES) {
    const context = await visitor(browser, javaScript);
    const page = await context.newPage();
    await logIn(page, javaScript, web.url, staff, '/equipe');
    await checked(page, javaScript);
    const link = page.getByRole('link', { name: /Événements proposés à relire/ });
    expect(await link.textContent()).toMatch(/^1\s/);
    // The other counts of a new network: the staff member and the member are newcomers to welcome.
    expect(await page.getByRole('link', { name: /Nouveaux membres à accueillir/ }).textContent()).toMatch(/^2\s/);
    await link.click();
    await page.waitForURL((url) => url.pathname === '/equipe/evenements');
    await context.close();
  }
});

it('lets staff turn off their daily digest on the preferences page', async () => {
  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, staff, '/preferences');
  await checked(page, false);
  const digest = page.getByLabel("M'envoyer chaque matin ce qui attend l'équipe d'animation");
  expect(await digest.isChecked()).toBe(true);
  await digest.uncheck();
  await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
  await page.getByText('Vos préférences sont enregistrées.').waitFor();
  expect(await page.getByLabel("M'envoyer chaque matin ce qui attend l'équipe d'animation").isChecked()).toBe(false);
  const saved = await system.gql<{ me: { notificationPreferences: { staffDigest: boolean } } }>(
    `{ me { notificationPreferences { staffDigest } } }`,
    {},
    staff.token,
  );
  expect(saved.data?.me.notificationPreferences.staffDigest).toBe(false);
  await context.close();
});
