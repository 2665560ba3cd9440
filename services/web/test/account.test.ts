/**
 * The member's own pages in a real browser (Debian's Chromium), against the whole system with the workers delivering
 * to a loopback SMTP sink: /moi (registrations, calendar feed, groups), /moi/profil, /preferences, /moi/donnees
 * (export, deletion), and the outreach links of an invitation e-mail (/rejoindre?invitation=…,
 * /ne-plus-me-contacter?token=…). Each journey runs with JavaScript off (JOURNEY_MODES); axe-core checks every page visited.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  createEvent,
  gqlData,
  registerForEvent,
  startWorkersHarness,
  waitFor,
  type WorkersHarness,
} from '../../workers/test/support/workers-harness';
import { hydrated, JOURNEY_MODES, launchChromium, seriousAccessibilityViolations, visitor } from './support/browser';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

let harness: WorkersHarness;
let web: RunningWeb;
let browser: Browser;
let staffToken: string;
let run = 0;

beforeAll(async () => {
  await ensureWebBuild();
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  harness = await startWorkersHarness({ smtp: true, env: { PUBLIC_URL: site }, systemEnv: { PUBLIC_URL: site } });
  web = await startWeb({
    port,
    gatewayUrl: harness.system.url,
    env: { CLOCK_START: harness.system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-account-tests-0123456789' },
  });
  browser = await launchChromium();
  staffToken = (await harness.system.signUp({ role: 'STAFF' })).token;
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

async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}

async function logIn(page: Page, javaScript: boolean, email: string, password: string, back?: string): Promise<void> {
  await checked(page, javaScript, back ? `/connexion?retour=${encodeURIComponent(back)}` : '/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(new RegExp(`${(back ?? '/moi').replace(/[?]/g, '\\?')}$`));
}

/** A prospect the staff spotted, with an e-mail address, invited through the API (the workers send the e-mail). */
async function invitedProspect(name: string, email: string): Promise<string> {
  const created = await gqlData<{ createProspect: { id: string } }>(
    harness.system,
    `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
    { input: { name, kind: 'COLLECTIVE', communeCode: '93039', contact: { email } } },
    staffToken,
  );
  await gqlData(
    harness.system,
    `mutation($id: ID!) { inviteProspect(id: $id, message: "Votre jardin partagé nous a plu !") { status } }`,
    { id: created.createProspect.id },
    staffToken,
  );
  return created.createProspect.id;
}

const prospectStatus = async (id: string) =>
  (
    await gqlData<{ prospect: { status: string; joinedMember: { id: string } | null } }>(
      harness.system,
      `query($id: ID!) { prospect(id: $id) { status joinedMember { id } } }`,
      { id },
      staffToken,
    )
  ).prospect;

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

  it('my space: registrations (cancel from there), the calendar feed (reset); profile and preferences are kept', async () => {
    run += 1;
    const member = await harness.system.signUp({ displayName: `Odile ${run}` });
    const title = `Atelier compost ${run}`;
    const event = await createEvent(
      harness.system,
      staffToken,
      { title },
      new Date(harness.system.clock.now().getTime() + (5 + run) * 24 * 3600_000),
    );
    await registerForEvent(harness.system, event.id, member);

    const page = await newVisitor();
    // Not signed in: asked to log in, then back to the page.
    await page.goto(`${web.url}/preferences`);
    await page.waitForURL(/\/connexion\?retour=%2Fpreferences$/);
    await page.goto(`${web.url}/moi`);
    await page.waitForURL(/\/connexion\?retour=%2Fmoi$/);
    await logIn(page, javaScript, member.email, member.password);
    // The former address leads to the new one.
    await page.goto(`${web.url}/mon-espace`);
    await page.waitForURL(/\/moi$/);
    await shown(page.getByRole('heading', { name: 'Mon espace', level: 1 }));
    await shown(page.getByRole('link', { name: title }));
    expect(await page.getByRole('link', { name: title }).getAttribute('href')).toBe(`/evenements/${event.id}`);
    await checked(page, javaScript);

    // The personal calendar feed: the link to copy is on the site's address (PUBLIC_URL), which forwards it to the
    // gateway, and opens as it is; after a reset, only the new one does.
    const feed = () => page.getByLabel("Lien d'abonnement (à copier)").inputValue();
    const oldFeed = await feed();
    expect(oldFeed).toMatch(new RegExp(`^${web.url.replace(/[.]/g, '\\.')}/calendar/[A-Za-z0-9_-]+\\.ics$`));
    const opened = await fetch(oldFeed);
    expect({ status: opened.status, type: opened.headers.get('content-type') }).toEqual({
      status: 200,
      type: expect.stringContaining('text/calendar'),
    });
    expect(await opened.text()).toContain(`SUMMARY:${title}`);
    await page.getByRole('button', { name: "Changer mon lien d'agenda" }).click();
    await shown(page.getByText("Votre lien d'agenda a changé"));
    const newFeed = await feed();
    expect(newFeed).not.toBe(oldFeed);
    expect((await fetch(newFeed)).status).toBe(200);
    expect((await fetch(oldFeed)).status).toBe(404);
    await checked(page, javaScript);

    // Screenshots once, in the JavaScript-off run (JOURNEY_MODES: the same pages as with it on).
    if (!javaScript) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const viewport of [
        { width: 360, height: 740 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(viewport);
        for (const [name, path] of [
          ['my-space', '/moi'],
          ['preferences', '/preferences'],
        ] as const) {
          await page.goto(`${web.url}${path}`);
          await hydrated(page);
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${web.url}/moi`);
      await hydrated(page);
    }

    // Cancel from my space.
    await page.getByRole('button', { name: `Annuler mon inscription à « ${title} »` }).click();
    await shown(page.getByText('Votre inscription est annulée.'));
    expect(await page.getByRole('link', { name: title }).count()).toBe(0);
    await checked(page, javaScript);

    // The profile.
    await page.getByRole('link', { name: 'Mon profil' }).click();
    await page.waitForURL(/\/moi\/profil$/);
    await checked(page, javaScript);
    await page.getByRole('group', { name: 'Qui voit mon profil' }).getByLabel('Les Métropotes connecté·es').check();
    await page.getByLabel('Ma commune').selectOption('93066');
    await page.getByLabel('Mon quartier').fill('Pleyel');
    await page.getByRole('group', { name: "Ce qui m'intéresse" }).getByLabel('Culture').check();
    await page.getByRole('group', { name: "Ce qui m'intéresse" }).getByLabel('Numérique').check();
    await page.getByLabel('Mes savoir-faire').fill('cuisine, réparation de vélos');
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await shown(page.getByText('Votre profil est enregistré.'));
    await checked(page, javaScript);
    await page.reload();
    await shown(page.getByLabel('Mon quartier'));
    expect(await page.getByLabel('Mon quartier').inputValue()).toBe('Pleyel');
    expect(await page.getByLabel('Ma commune').inputValue()).toBe('93066');
    expect(await page.getByLabel('Mes savoir-faire').inputValue()).toBe('cuisine, réparation de vélos');
    expect(await page.getByRole('group', { name: "Ce qui m'intéresse" }).getByLabel('Culture').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Qui voit mon profil' }).getByLabel('Les Métropotes connecté·es').isChecked()).toBe(true);
    const profile = await gqlData<{ me: Record<string, unknown> }>(
      harness.system,
      `{ me { profileVisibility neighbourhood interests skills commune { code } } }`,
      {},
      member.token,
    );
    expect(profile.me).toEqual({
      profileVisibility: 'MEMBERS',
      neighbourhood: 'Pleyel',
      interests: ['CULTURE', 'NUMERIQUE'],
      skills: ['cuisine', 'réparation de vélos'],
      commune: { code: '93066' },
    });

    // The preferences (the e-mails link here).
    await checked(page, javaScript, '/moi');
    await page.getByRole('link', { name: "Mes préférences d'e-mails" }).click();
    await page.waitForURL(/\/preferences$/);
    await checked(page, javaScript);
    await page.getByRole('group', { name: 'La lettre de veille' }).getByLabel('Chaque mois').check();
    await page.getByRole('group', { name: 'Les territoires que je suis' }).getByLabel('Paris', { exact: true }).check();
    const communes = page.getByRole('group', { name: 'Les communes que je suis' });
    await communes.locator('summary', { hasText: /^Paris$/ }).click();
    await communes.getByLabel('Paris', { exact: true }).check();
    await page.getByRole('group', { name: 'Les thèmes que je suis' }).getByLabel('Logement').check();
    await page.getByRole('group', { name: 'Les échelles des fiches du guide' }).getByLabel('Commune', { exact: true }).check();
    await page.getByLabel("M'envoyer un rappel avant les rendez-vous").uncheck();
    // The staff's daily digest is for staff: a member does not see it.
    expect(await page.getByLabel("M'envoyer chaque matin ce qui attend l'équipe d'animation").count()).toBe(0);
    await page.getByLabel("M'envoyer les e-mails d'accueil").uncheck();
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await shown(page.getByText('Vos préférences sont enregistrées.'));
    await checked(page, javaScript);
    await page.goto(`${web.url}/preferences`);
    await shown(page.getByRole('heading', { name: 'Mes préférences' }));
    expect(await page.getByRole('group', { name: 'La lettre de veille' }).getByLabel('Chaque mois').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: 'Les thèmes que je suis' }).getByLabel('Logement').isChecked()).toBe(true);
    expect(await page.getByLabel("M'envoyer un rappel avant les rendez-vous").isChecked()).toBe(false);
    expect(await page.getByLabel("M'envoyer les e-mails d'accueil").isChecked()).toBe(false);
    expect(await communes.getByLabel('Paris', { exact: true }).isChecked()).toBe(true);
    const saved = await gqlData<{ me: { notificationPreferences: Record<string, unknown> } }>(
      harness.system,
      `{ me { notificationPreferences { digestFrequency eventReminders welcomeFollowUp followedCommunes { code } followedTerritories { name } followedThemes followedScales } } }`,
      {},
      member.token,
    );
    expect(saved.me.notificationPreferences).toEqual(
      expect.objectContaining({
        digestFrequency: 'MONTHLY',
        eventReminders: false,
        welcomeFollowUp: false,
        followedCommunes: [{ code: '75056' }],
        followedThemes: ['LOGEMENT'],
        followedScales: ['COMMUNE'],
        followedTerritories: expect.arrayContaining([{ name: 'Paris' }]),
      }),
    );
  }, 120_000); // With its screenshots at two widths: more than the default minute on two busy cores.

  it('my space pages long lists: upcoming soonest first, past newest first, "Voir plus" by a cursor in the address', async () => {
    run += 1;
    const member = await harness.system.signUp({ displayName: `Martin ${run}` });
    const now = harness.system.clock.now().getTime();
    const DAY = 24 * 3600_000;
    // 12 upcoming (days 20 to 31) and 12 past (moved 100 days back: days -60 to -49), created in no particular order.
    const order = [5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7];
    const upcoming: string[] = [];
    const past: string[] = [];
    for (const i of order) {
      const soon = await createEvent(harness.system, staffToken, { title: `À venir ${run}-${i}` }, new Date(now + (20 + i) * DAY));
      await registerForEvent(harness.system, soon.id, member);
      upcoming[i] = `À venir ${run}-${i}`;
      const old = await createEvent(harness.system, staffToken, { title: `Passé ${run}-${i}` }, new Date(now + (40 + i) * DAY));
      await registerForEvent(harness.system, old.id, member);
      // The events service refuses to create an event in the past: the run's data moves it there.
      await harness.system.db.query(
        `UPDATE events.events SET starts_at = starts_at - interval '100 days', ends_at = ends_at - interval '100 days' WHERE id = $1`,
        [old.id],
      );
      past[i] = `Passé ${run}-${i}`;
    }
    const titles = (section: string, prefix: string) =>
      page.locator(`section[aria-labelledby="${section}"] a`, { hasText: prefix }).allTextContents();
    /** The titles a list shows, once they are `expected` (with JavaScript, the address changes before the page does). */
    const listed = async (section: string, prefix: string, expected: string[]) => {
      for (let tries = 0; tries < 75 && JSON.stringify(await titles(section, prefix)) !== JSON.stringify(expected); tries += 1) {
        await page.waitForTimeout(200);
      }
      expect(await titles(section, prefix)).toEqual(expected);
    };

    const page = await newVisitor();
    await logIn(page, javaScript, member.email, member.password);
    await checked(page, javaScript);
    await listed('titre-inscriptions', `À venir ${run}-`, upcoming.slice(0, 10));
    await listed('titre-passes', `Passé ${run}-`, [...past].reverse().slice(0, 10));
    await shown(page.getByText('12 rendez-vous à venir : les 10 premiers.'));
    await shown(page.getByText('12 rendez-vous passés : les 10 premiers.'));

    // The next page of the upcoming ones: its cursor in the address; the past list stays where it was.
    await page.getByRole('link', { name: 'Voir plus de rendez-vous à venir' }).click();
    await page.waitForURL(/\/moi\?a-venir=[^&#]+#titre-inscriptions$/);
    await shown(page.getByText('12 rendez-vous à venir : la suite de la liste (2 ici).'));
    await listed('titre-inscriptions', `À venir ${run}-`, upcoming.slice(10));
    await listed('titre-passes', `Passé ${run}-`, [...past].reverse().slice(0, 10));
    expect(await page.getByRole('link', { name: 'Voir plus de rendez-vous à venir' }).count()).toBe(0);
    await checked(page, javaScript);

    // Then the past ones' next page, the upcoming cursor kept.
    const upcomingCursor = new URL(page.url()).searchParams.get('a-venir');
    await page.getByRole('link', { name: 'Voir plus de rendez-vous passés' }).click();
    await page.waitForURL(/\/moi\?a-venir=[^&#]+&passes=[^&#]+#titre-passes$/);
    expect(new URL(page.url()).searchParams.get('a-venir')).toBe(upcomingCursor);
    await listed('titre-passes', `Passé ${run}-`, [...past].reverse().slice(10));
    await listed('titre-inscriptions', `À venir ${run}-`, upcoming.slice(10));
    await checked(page, javaScript);

    // Back to the beginning of a list.
    await page.locator('section[aria-labelledby="titre-passes"]').getByRole('link', { name: 'Revenir au début de la liste' }).click();
    await page.waitForURL(/\/moi\?a-venir=[^&#]+#titre-passes$/);
    await listed('titre-passes', `Passé ${run}-`, [...past].reverse().slice(0, 10));
  });

  it('an invitation e-mail: the personal link leads to a sign-up that joins; the do-not-contact link asks first', async () => {
    run += 1;
    const email = `jardin-${run}-${Date.now()}@example.org`;
    const prospectId = await invitedProspect(`Jardin partagé ${run}`, email);
    const page = await newVisitor();
    const link = await linkInMail(email, '/rejoindre?invitation=');
    await checked(page, javaScript, link);
    await page.getByLabel('Votre nom ou pseudonyme').fill(`Jardin partagé ${run}`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Une-phrase-de-passe-solide-2026');
    await page.getByLabel('Votre commune').selectOption('93039');
    await page.getByLabel(/J'ai lu et j'accepte la charte/).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL(/\/moi\?bienvenue=1$/);
    await checked(page, javaScript);
    const joined = await prospectStatus(prospectId);
    expect(joined.status).toBe('JOINED');
    expect(joined.joinedMember).not.toBeNull();

    // Another prospect does not want to hear from us: opening the link does nothing, the button does.
    const other = `non-merci-${run}-${Date.now()}@example.org`;
    const otherId = await invitedProspect(`Collectif discret ${run}`, other);
    const stranger = await newVisitor();
    const stop = await linkInMail(other, '/ne-plus-me-contacter?token=');
    await checked(stranger, javaScript, stop);
    expect((await prospectStatus(otherId)).status).toBe('CONTACTED');
    await stranger.getByRole('button', { name: 'Ne plus me contacter' }).click();
    await shown(stranger.getByRole('heading', { name: "C'est noté" }));
    await checked(stranger, javaScript);
    expect((await prospectStatus(otherId)).status).toBe('DECLINED');

    // A link that is not one of ours: the API's French message, no internals.
    await checked(stranger, javaScript, '/ne-plus-me-contacter?token=pas-un-vrai-lien');
    await stranger.getByRole('button', { name: 'Ne plus me contacter' }).click();
    await shown(stranger.getByRole('alert'));
    expect(await stranger.getByRole('alert').textContent()).toContain("Ce lien n'est pas valable");
    await checked(stranger, javaScript);
  });

  it('downloads my data, then deletes my account after confirming with the password, and is signed out', async () => {
    run += 1;
    const member = await harness.system.signUp({ displayName: `Bastien ${run}` });
    const page = await newVisitor();
    await logIn(page, javaScript, member.email, member.password, '/moi/donnees');
    await checked(page, javaScript);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe('mes-donnees-metropotes.json');
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(exported).toContain(member.email);
    const document = JSON.parse(exported) as Record<string, unknown>;
    // Every service's part, the whole dated and versioned (README, « RGPD »).
    expect(Object.keys(document)).toEqual(['format', 'version', 'exportedAt', 'memberId', 'members', 'events', 'guide', 'moderation', 'workers']);
    expect(document).toMatchObject({ version: 2, memberId: member.id });

    // Without the confirmation word, then with a wrong password: refused next to the field, nothing deleted.
    await page.getByLabel('Votre mot de passe').fill(member.password);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await shown(page.locator('#champ-confirmation-erreur'));
    await checked(page, javaScript);
    await page.getByLabel('Tapez SUPPRIMER pour confirmer').fill('SUPPRIMER');
    await page.getByLabel('Votre mot de passe').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await shown(page.locator('#champ-password-erreur'));
    expect(await page.locator('#champ-password-erreur').textContent()).toContain('Mot de passe incorrect');
    expect(await page.getByLabel('Tapez SUPPRIMER pour confirmer').inputValue()).toBe('SUPPRIMER');
    await checked(page, javaScript);

    await page.getByLabel('Votre mot de passe').fill(member.password);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await page.waitForURL(/\/\?compte-supprime=1$/);
    await shown(page.getByText('Votre compte est supprimé'));
    await shown(page.getByRole('link', { name: 'Se connecter' }));
    expect(await page.context().cookies()).toEqual([]);
    await checked(page, javaScript);
    const again = await harness.system.gql(`mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken } }`, {
      e: member.email,
      p: member.password,
    });
    expect(again.errors?.[0]).toBeDefined();
  });
});
