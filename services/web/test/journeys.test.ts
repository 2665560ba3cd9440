/**
 * The site in a real browser (Debian's Chromium), against the whole system: the four services, the gateway, the
 * workers delivering to a loopback SMTP sink, and the built site in front of them. Each journey runs with
 * JavaScript off (JOURNEY_MODES): every page reads and every form submits without it. axe-core checks every page visited.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createEvent, startWorkersHarness, waitFor, type WorkersHarness } from '../../workers/test/support/workers-harness';
import { createSessionSealer } from '../server/session-seal';
import { hydrated, JOURNEY_MODES, launchChromium, seriousAccessibilityViolations, visitor } from './support/browser';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const NEW_PASSWORD = 'Une-autre-phrase-de-passe-2026';
const SESSION_SECRET = 'the-session-key-of-this-test-run-0123456789';

let harness: WorkersHarness;
let web: RunningWeb;
let browser: Browser;
let staffToken: string;
let run = 0;

beforeAll(async () => {
  await ensureWebBuild();
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  // The links in e-mails and calendar feeds point to the site, as PUBLIC_URL does by default with `npm start`.
  harness = await startWorkersHarness({ smtp: true, env: { PUBLIC_URL: site }, systemEnv: { PUBLIC_URL: site } });
  web = await startWeb({
    port,
    gatewayUrl: harness.system.url,
    env: { CLOCK_START: harness.system.env.CLOCK_START!, WEB_SESSION_SECRET: SESSION_SECRET },
  });
  browser = await launchChromium();
  staffToken = (await harness.system.signUp({ role: 'STAFF' })).token;
  // The next pot du pote, for the home page.
  const potAt = new Date(harness.system.clock.now().getTime() + 9 * 24 * 3600_000);
  potAt.setUTCHours(16, 30, 0, 0);
  await createEvent(
    harness.system,
    staffToken,
    {
      title: 'Pot du pote de juin',
      kind: 'POT_DU_POTE',
      description: 'On se retrouve au Phares pour faire connaissance et partager les nouvelles des quartiers. **Ouvert à toutes et à tous.**',
      venue: { name: 'Le Phares', address: '1 rue Méchain', communeCode: '93039' },
      endsAt: new Date(potAt.getTime() + 2.5 * 3600_000).toISOString(),
    },
    potAt,
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await harness?.stop();
});

/** Visits `path` (or waits for the page a click led to) and checks it with axe. */
async function checked(page: Page, javaScript: boolean, path?: string): Promise<void> {
  if (path) await page.goto(`${web.url}${path}`);
  await page.waitForLoadState('load');
  if (javaScript) await hydrated(page);
  expect({ url: page.url(), violations: await seriousAccessibilityViolations(page, javaScript) }).toEqual({ url: page.url(), violations: [] });
}

/** The link to `path` in the last e-mail sent to `to`, as a path on the site. */
async function linkInMail(to: string, path: string): Promise<string> {
  return waitFor(`an e-mail to ${to} with a link to ${path}`, async () => {
    const mail = [...harness.sink!.messages].reverse().find((m) => JSON.stringify(m.to).includes(to) && m.text?.includes(path));
    const match = mail?.text && new RegExp(`https?://[^\\s]+${path.replace(/[?]/g, '\\?')}[^\\s]*`).exec(mail.text);
    return match ? new URL(match[0]).pathname + new URL(match[0]).search : null;
  });
}

/** The session sealed in the cookie's value (React Router's cookie encoding: URI-encoded base64 of JSON). */
async function sessionInCookie(value: string) {
  const sealed = JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8')) as string;
  const session = await createSessionSealer(SESSION_SECRET).unseal(sealed);
  if (!session) throw new Error('the cookie holds no session sealed with the run key');
  return session;
}

/** Waits until `locator` shows (after a navigation, with or without JavaScript). */
async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}

async function logIn(page: Page, javaScript: boolean, email: string, password: string): Promise<void> {
  await checked(page, javaScript, '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/moi$/);
}

describe.each(JOURNEY_MODES)('with %s', (_label, javaScript) => {
  let contexts: BrowserContext[] = [];
  const newVisitor = async () => {
    const context = await visitor(browser, javaScript);
    contexts.push(context);
    return context.newPage();
  };
  afterEach(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  it('signs up, opens the confirmation link from the e-mail and is signed in', async () => {
    run += 1;
    const page = await newVisitor();
    const email = `nouvelle-${run}-${Date.now()}@example.org`;
    await checked(page, javaScript, '/');
    await page.getByRole('link', { name: 'Rejoindre les Métropotes' }).first().click();
    await page.waitForURL(/\/inscription$/);
    await checked(page, javaScript);

    // Without the charter: refused next to the checkbox, what was typed is kept.
    await page.getByLabel('Votre nom ou pseudonyme').fill('Awa Diallo');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Une-phrase-de-passe-solide-2026');
    await page.getByLabel('Votre commune').selectOption('93039');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await shown(page.locator('#champ-acceptCharter-erreur'));
    expect(await page.locator('#champ-acceptCharter-erreur').textContent()).toMatch(/il faut accepter la charte/);
    expect(await page.getByLabel('Votre nom ou pseudonyme').inputValue()).toBe('Awa Diallo');
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(email);
    expect(await page.getByLabel('Votre commune').inputValue()).toBe('93039');
    await checked(page, javaScript);

    await page.getByLabel('Mot de passe').fill('Une-phrase-de-passe-solide-2026');
    await page.getByLabel(/J'ai lu et j'accepte la charte/).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(/\/moi\?bienvenue=1$/);
    await shown(page.getByText('Bienvenue parmi les Métropotes, Awa Diallo'));
    await shown(page.getByText("Votre adresse e-mail n'est pas encore confirmée"));
    await checked(page, javaScript);

    // The session is an httpOnly, SameSite=Lax cookie that the page's JavaScript cannot read.
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: 'metropotes_session', httpOnly: true, sameSite: 'Lax', path: '/' })]);
    expect(await page.content()).not.toContain(cookies[0]!.value);

    await checked(page, javaScript, await linkInMail(email, '/verifier-email?token='));
    await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
    await shown(page.getByRole('heading', { name: 'Adresse e-mail confirmée' }));
    await shown(page.getByText('Vous êtes connecté·e.'));
    await checked(page, javaScript);

    await page.getByRole('link', { name: 'Mon espace' }).first().click();
    await page.waitForURL(/\/moi$/);
    await shown(page.locator('.signed-in'));
    expect(await page.locator('.signed-in').textContent()).toMatch(`Vous êtes connecté·e en tant que Awa Diallo (${email}), à L'Île-Saint-Denis.`);
    expect(await page.getByText("Votre adresse e-mail n'est pas encore confirmée").count()).toBe(0);

    // Log-out (a POST): the cookie goes, and the refresh token it held is revoked at members.
    const sealed = (await page.context().cookies())[0]!.value;
    const refreshToken = (await sessionInCookie(sealed)).refreshToken;
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/\?deconnecte=1$/);
    await shown(page.getByText('Vous êtes déconnecté·e.'));
    await shown(page.getByRole('link', { name: 'Se connecter' }));
    expect(await page.context().cookies()).toEqual([]);
    const refreshed = await harness.system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: refreshToken });
    expect(refreshed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("follows the welcome e-mail's one-click link to the pot du pote: logs in first, then confirms with one click", async () => {
    run += 1;
    const member = await harness.system.signUp({ displayName: `Samia Benali ${run}`, communeCode: '93039' });
    // The welcome goes once the address is confirmed (the confirmation link of the first e-mail).
    const token = new URLSearchParams((await linkInMail(member.email, '/verifier-email?token=')).split('?')[1]).get('token');
    const verified = await harness.system.gql(`mutation V($t: String!) { verifyEmail(token: $t) { id } }`, { t: token });
    expect(verified.errors).toBeUndefined();
    const link = await linkInMail(member.email, '?inscription=1');
    expect(link).toMatch(/^\/evenements\/[0-9a-f-]{36}\?inscription=1$/);

    // A visitor (not signed in on this browser) logs in first, and comes back to the link.
    const page = await newVisitor();
    await page.goto(`${web.url}${link}`);
    await page.waitForURL(/\/connexion\?retour=/);
    await checked(page, javaScript);
    await page.getByLabel('Adresse e-mail').fill(member.email);
    await page.getByLabel('Mot de passe').fill(member.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.pathname + url.search === link);
    await shown(page.getByRole('heading', { name: 'Confirmez votre inscription' }));
    await checked(page, javaScript);
    // Opening the link registered no one (a link scanner would have): the button does, and it has the focus.
    const confirm = page.getByRole('button', { name: 'Confirmer mon inscription' });
    await expect(confirm.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    await shown(page.getByText('Le Phares'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === link.split('?')[0] && url.search === '');
    await shown(page.getByText('Vous êtes inscrit·e à cet événement.'));
    await checked(page, javaScript);
    // The link again, registered: no confirmation asked.
    await checked(page, javaScript, link);
    await shown(page.getByText('Vous êtes inscrit·e à cet événement.'));
    expect(await page.getByRole('button', { name: 'Confirmer mon inscription' }).count()).toBe(0);
  });

  it('finds an event in the agenda by commune, registers; the next member is waitlisted, then gets the place', async () => {
    run += 1;
    const title = `Atelier mémoire ouvrière ${run}`;
    const elsewhere = `Balade urbaine ${run}`;
    const startsAt = new Date(harness.system.clock.now().getTime() + (3 + run) * 24 * 3600_000);
    const event = await createEvent(
      harness.system,
      staffToken,
      {
        title,
        capacity: 1,
        description:
          "Des anciens des usines de la Plaine racontent le quartier d'hier ; on enregistre leurs récits pour la médiathèque.\n\n- apportez vos photos\n- goûter partagé",
      },
      startsAt,
    );
    await createEvent(harness.system, staffToken, { title: elsewhere, venue: { name: 'Parc de la Villette', communeCode: '75056' } }, startsAt);
    const first = await harness.system.signUp({ displayName: 'Karim' });
    const second = await harness.system.signUp({ displayName: 'Lucie' });

    const karim = await newVisitor();
    await logIn(karim, javaScript, first.email, first.password);
    await checked(karim, javaScript, '/agenda');
    await karim.getByLabel('Commune').selectOption('93039');
    await karim.getByRole('button', { name: 'Filtrer' }).click();
    await karim.waitForURL(/\/agenda\?commune=93039$/);
    await shown(karim.getByRole('heading', { level: 1 }));
    expect(await karim.getByRole('heading', { level: 1 }).textContent()).toMatch("Agenda à L'Île-Saint-Denis");
    expect(await karim.getByRole('link', { name: elsewhere }).count()).toBe(0);
    await checked(karim, javaScript);
    await karim.getByRole('link', { name: title }).click();
    await karim.waitForURL(new RegExp(`/evenements/${event.id}$`));
    await shown(karim.getByText('1 place restante'));
    await checked(karim, javaScript);
    await karim.getByRole('button', { name: "M'inscrire", exact: true }).click();
    await shown(karim.getByText('Vous êtes inscrit·e à cet événement.'));
    await checked(karim, javaScript);

    const lucie = await newVisitor();
    await logIn(lucie, javaScript, second.email, second.password);
    await checked(lucie, javaScript, `/evenements/${event.id}`);
    await lucie.getByRole('button', { name: "M'inscrire sur la liste d'attente" }).click();
    await shown(lucie.getByText("vous êtes sur la liste d'attente, en position 1"));
    await checked(lucie, javaScript);

    await karim.getByRole('button', { name: 'Annuler mon inscription' }).click();
    await shown(karim.getByRole('button', { name: "M'inscrire sur la liste d'attente" }));
    expect(await karim.getByText('Vous êtes inscrit·e à cet événement.').count()).toBe(0);

    await lucie.reload();
    await shown(lucie.getByText('Vous êtes inscrit·e à cet événement.'));
    await checked(lucie, javaScript);

    // Screenshots once, in the JavaScript-off run (JOURNEY_MODES: the same pages as with it on).
    if (!javaScript) {
      // The pages people land on, at a phone's width and a laptop's, for docs/screenshots.
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const viewport of [
        { width: 360, height: 740 },
        { width: 1280, height: 800 },
      ]) {
        await lucie.setViewportSize(viewport);
        for (const [name, path] of [
          ['home', '/'],
          ['agenda', '/agenda'],
          ['event', `/evenements/${event.id}`],
        ] as const) {
          await lucie.goto(`${web.url}${path}`);
          await hydrated(lucie);
          await lucie.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
        }
      }
    }
  }, 120_000); // With its screenshots at two widths: more than the default minute on two busy cores.

  it('resets a forgotten password from the e-mailed link: the new one works, the old one no longer does', async () => {
    const member = await harness.system.signUp({ displayName: 'Nadia' });
    const page = await newVisitor();
    await checked(page, javaScript, '/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(/\/mot-de-passe-oublie$/);
    await checked(page, javaScript);
    await page.getByLabel('Adresse e-mail').fill(member.email);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await shown(page.getByRole('heading', { name: 'Vérifiez votre messagerie' }));
    await checked(page, javaScript);

    await checked(page, javaScript, await linkInMail(member.email, '/reinitialiser-mot-de-passe?token='));
    // Too short: the API's message next to the field.
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await shown(page.locator('#champ-newPassword-erreur'));
    expect(await page.locator('#champ-newPassword-erreur').textContent()).toMatch(/au moins \d+ caractères/);
    await checked(page, javaScript);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.waitForURL(/\/connexion\?reinitialise=1$/);
    await shown(page.getByText('Votre mot de passe a été changé'));
    await checked(page, javaScript);

    await page.getByLabel('Adresse e-mail').fill(member.email);
    await page.getByLabel('Mot de passe').fill(member.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await shown(page.getByRole('alert'));
    expect(await page.getByRole('alert').textContent()).toContain('incorrect');
    expect(await page.getByLabel('Adresse e-mail').inputValue()).toBe(member.email);
    await checked(page, javaScript);

    await page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/moi$/);
    await shown(page.locator('.signed-in'));
    expect(await page.locator('.signed-in').textContent()).toContain('Vous êtes connecté·e en tant que Nadia');
  });
});
