/**
 * The community pages in Chromium, against the whole system (no workers needed): members' profiles as their
 * visibility allows, groups (join, leave), reporting what a page shows, proposing an event, the sitemap. Each journey
 * runs with JavaScript off (JOURNEY_MODES); axe-core checks every page visited.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { createEvent } from '../../workers/test/support/workers-harness';
import { hydrated, JOURNEY_MODES, launchChromium, seriousAccessibilityViolations, visitor } from './support/browser';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let publicMember: TestMember;
let membersOnly: TestMember;
let eventId: string;

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

async function gqlData<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const response = await system.gql<T>(query, variables, token);
  if (!response.data || response.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-community-test-0123' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Équipe animation' });
  publicMember = await system.signUp({ displayName: 'Inès Public' });
  membersOnly = await system.signUp({ displayName: 'Paul Discret' });
  await gqlData(
    `mutation P($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`,
    { input: { profileVisibility: 'PUBLIC', bio: 'Je jardine à Saint-Denis.' } },
    publicMember.token,
  );
  eventId = (await createEvent(system, staff.token, { title: 'Atelier compost partagé' })).id;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

async function checked(page: Page, javaScript: boolean, path?: string): Promise<void> {
  if (path) await page.goto(`${web.url}${path}`);
  await page.waitForLoadState('load');
  if (javaScript) await hydrated(page);
  expect({ url: page.url(), violations: await seriousAccessibilityViolations(page, javaScript) }).toEqual({ url: page.url(), violations: [] });
}

async function logIn(page: Page, javaScript: boolean, member: TestMember, then: string): Promise<void> {
  await checked(page, javaScript, `/connexion?retour=${encodeURIComponent(then)}`);
  await page.getByLabel('Adresse e-mail').fill(member.email);
  await page.getByLabel('Mot de passe').fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === then.split('?')[0]);
}

const shown = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 15_000 });

describe('anonymous visitors', () => {
  it('see public profiles only, indexable; a profile for members asks them to log in', async () => {
    const publicPage = await fetch(`${web.url}/membres/${publicMember.id}`);
    expect(publicPage.status).toBe(200);
    const html = await publicPage.text();
    expect(html).toContain('Inès Public');
    expect(html).toContain('Je jardine à Saint-Denis.');
    expect(html).not.toMatch(/<meta name="robots" content="noindex"/);

    const hidden = await fetch(`${web.url}/membres/${membersOnly.id}`, { redirect: 'manual' });
    expect(hidden.status).toBe(302);
    expect(hidden.headers.get('location')).toBe(`/connexion?retour=${encodeURIComponent(`/membres/${membersOnly.id}`)}`);
    expect(await hidden.text()).not.toContain('Paul Discret');

    const directory = await (await fetch(`${web.url}/membres`)).text();
    expect(directory).toContain('Inès Public');
    expect(directory).not.toContain('Paul Discret');
  });

  it('are sent to log in to propose an event, and see no report form', async () => {
    const propose = await fetch(`${web.url}/evenements/proposer`, { redirect: 'manual' });
    expect(propose.status).toBe(302);
    expect(propose.headers.get('location')).toBe('/connexion?retour=%2Fevenements%2Fproposer');
    expect(await (await fetch(`${web.url}/evenements/${eventId}`)).text()).not.toContain('Envoyer le signalement');
  });

  it('the sitemap lists the public pages, public profiles only', async () => {
    const group = await gqlData<{ createGroup: { id: string } }>(
      `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: 'Les composteurs du sitemap' } },
      publicMember.token,
    );
    const response = await fetch(`${web.url}/sitemap.xml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await response.text();
    for (const path of [
      '/',
      '/agenda',
      '/guide',
      '/veille',
      '/groupes',
      `/evenements/${eventId}`,
      `/membres/${publicMember.id}`,
      `/groupes/${group.createGroup.id}`,
    ]) {
      expect(xml).toContain(`<loc>${web.url}${path}</loc>`);
    }
    expect(xml).not.toContain(membersOnly.id);
  });
});

describe('screenshots of the community pages', () => {
  it('writes /membres, a profile, /groupes and a group at 360×740 and 1280×800 into docs/screenshots', async () => {
    const { createGroup } = await gqlData<{ createGroup: { id: string } }>(
      `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: 'Jardins du Landy', description: 'Un potager partagé au pied des immeubles, ouvert à toutes et tous le samedi matin.' } },
      staff.token,
    );
    // Neighbours of the directory, as a living network shows them (before the journeys below add theirs).
    const neighbours: TestMember[] = [];
    for (const [displayName, communeCode, bio] of [
      ['Awa Diallo', '93066', 'Maraîchère du dimanche, je tiens le compost de la cité.'],
      ['Karim Benali', '93048', 'Vélo, réparation, et tout ce qui roule à Montreuil.'],
      ['Lucie Martin', '75056', 'J’anime un atelier d’écriture dans le 19e.'],
    ] as const) {
      const neighbour = await system.signUp({ displayName, communeCode });
      await gqlData(
        `mutation P($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`,
        { input: { profileVisibility: 'PUBLIC', bio } },
        neighbour.token,
      );
      neighbours.push(neighbour);
    }
    for (const member of [publicMember, membersOnly, ...neighbours]) {
      await gqlData(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: createGroup.id }, member.token);
    }
    const context = await visitor(browser, true);
    try {
      const page = await context.newPage();
      // As a signed-in member sees them: the directory holds the profiles for members too.
      await logIn(page, true, publicMember, '/membres');
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const viewport of [
        { width: 360, height: 740 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(viewport);
        for (const [name, path, heading] of [
          ['members', '/membres', 'Membres'],
          ['member', `/membres/${publicMember.id}`, 'Inès Public'],
          ['groups', '/groupes', 'Groupes'],
          ['group', `/groupes/${createGroup.id}`, 'Jardins du Landy'],
        ] as const) {
          const response = await page.goto(`${web.url}${path}`);
          expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
          await hydrated(page);
          await page.getByRole('heading', { level: 1, name: heading }).waitFor({ state: 'visible', timeout: 15_000 });
          const file = join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`);
          await page.screenshot({ path: file, fullPage: true });
          // A PNG of the viewport's width (the IHDR's width, bytes 16 to 19): nothing overflows sideways.
          expect({ file, width: readFileSync(file).readUInt32BE(16) }).toEqual({ file, width: viewport.width });
        }
      }
    } finally {
      await context.close();
    }
  });
});

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

  it('a member reports an event from its page, and reads a confirmation', async () => {
    const reporter = await system.signUp({ displayName: `Signaleuse ${javaScript ? 'A' : 'B'}` });
    const page = await newVisitor();
    await logIn(page, javaScript, reporter, `/evenements/${eventId}`);
    await checked(page, javaScript);
    await page.getByText("Signaler ce contenu à l'équipe de modération").click();
    await page.getByLabel('Raison').selectOption('SPAM');
    await page.getByLabel('Précisions').fill('Cet atelier renvoie vers une boutique en ligne.');
    // Off by default: the reporter asks to hear the outcome.
    const notify = page.getByLabel("M'informer par e-mail de la suite donnée à mon signalement");
    expect(await notify.isChecked()).toBe(false);
    await notify.check();
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(/signalement=envoye/);
    await shown(page, "Merci, votre signalement a bien été transmis à l'équipe de modération.");
    expect(new URL(page.url()).pathname).toBe(`/evenements/${eventId}`);
    await checked(page, javaScript);

    const { myReports } = await gqlData<{
      myReports: { targetType: string; targetId: string; reason: string; details: string; notifyOutcome: boolean }[];
    }>(`query { myReports { targetType targetId reason details notifyOutcome } }`, {}, reporter.token);
    expect(myReports).toEqual([
      { targetType: 'EVENT', targetId: eventId, reason: 'SPAM', details: 'Cet atelier renvoie vers une boutique en ligne.', notifyOutcome: true },
    ]);
  });

  it('a member joins a group from the list, then leaves it', async () => {
    const name = `Jardins partagés ${javaScript ? 'nord' : 'sud'}`;
    const { createGroup } = await gqlData<{ createGroup: { id: string } }>(
      `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name, description: 'On cultive ensemble les friches du quartier.' } },
      staff.token,
    );
    const joiner = await system.signUp({ displayName: `Nadia ${javaScript ? 'Un' : 'Deux'}` });
    const page = await newVisitor();
    await logIn(page, javaScript, joiner, '/groupes');
    await checked(page, javaScript);
    await page.getByRole('link', { name }).click();
    await page.waitForURL(new RegExp(`/groupes/${createGroup.id}$`));
    await checked(page, javaScript);

    await page.getByRole('button', { name: 'Rejoindre le groupe' }).click();
    await shown(page, 'Vous êtes membre de ce groupe');
    await page.getByRole('link', { name: `Nadia ${javaScript ? 'Un' : 'Deux'}` }).waitFor({ state: 'visible', timeout: 15_000 });
    await checked(page, javaScript);
    const members = async () =>
      (
        await gqlData<{ group: { members: { member: { id: string } }[] } }>(
          `query G($id: ID!) { group(id: $id) { members { member { id } } } }`,
          { id: createGroup.id },
          staff.token,
        )
      ).group.members.map((m) => m.member.id);
    expect(await members()).toContain(joiner.id);

    await page.getByRole('button', { name: 'Quitter le groupe' }).click();
    await page.getByRole('button', { name: 'Rejoindre le groupe' }).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByText('Vous êtes membre de ce groupe').count()).toBe(0);
    expect(await members()).not.toContain(joiner.id);
  });

  it("a group's admin sees its events, proposes one for it, edits it (errors next to fields) and manages its members", async () => {
    const suffix = javaScript ? 'est' : 'ouest';
    const admin = await system.signUp({ displayName: `Awa Anime ${suffix}` });
    const other = await system.signUp({ displayName: `Bruno Membre ${suffix}` });
    const name = `Vélo ${suffix}`;
    const { createGroup } = await gqlData<{ createGroup: { id: string } }>(
      `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name } },
      admin.token,
    );
    const groupId = createGroup.id;
    await gqlData(`mutation J($id: ID!) { joinGroup(groupId: $id) { id } }`, { id: groupId }, other.token);
    await createEvent(system, staff.token, { title: `Balade du groupe ${suffix}`, groupId });

    // A plain member sees the group's events, not the admin's links; the management page is not for them.
    const memberPage = await newVisitor();
    await logIn(memberPage, javaScript, other, `/groupes/${groupId}`);
    await shown(memberPage, `Balade du groupe ${suffix}`);
    expect(await memberPage.getByRole('link', { name: 'Gérer le groupe' }).count()).toBe(0);
    expect((await memberPage.goto(`${web.url}/groupes/${groupId}/gerer`))?.status()).toBe(403);

    const page = await newVisitor();
    await logIn(page, javaScript, admin, `/groupes/${groupId}`);
    await page.getByRole('heading', { name: 'Prochains événements du groupe' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByRole('link', { name: `Balade du groupe ${suffix}` }).waitFor({ state: 'visible', timeout: 15_000 });
    await checked(page, javaScript);

    // « Proposer un événement pour ce groupe »: the form with the group chosen.
    await page.getByRole('link', { name: 'Proposer un événement pour ce groupe' }).click();
    await page.waitForURL((url) => url.pathname === '/evenements/proposer' && url.searchParams.get('groupe') === groupId);
    expect(await page.getByLabel('Groupe', { exact: true }).inputValue()).toBe(groupId);
    await checked(page, javaScript);
    const title = `Atelier réparation ${suffix}`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Type de rendez-vous').selectOption('ATELIER');
    await page.getByLabel('Date').fill(new Date(system.clock.now().getTime() + 9 * 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel('Heure de début').fill('18:00');
    await page.getByLabel('Heure de fin').fill('20:00');
    await page.getByLabel('Lieu', { exact: true }).fill('Atelier vélo solidaire');
    await page.getByLabel('Commune du lieu').selectOption({ label: 'Saint-Denis' });
    await page.getByRole('button', { name: 'Envoyer ma proposition' }).click();
    await shown(page, 'Merci, votre proposition est envoyée');
    const { eventsToReview } = await gqlData<{ eventsToReview: { edges: { node: { title: string; group: { id: string } | null } }[] } }>(
      `query { eventsToReview(first: 100) { edges { node { title group { id } } } } }`,
      {},
      staff.token,
    );
    expect(eventsToReview.edges.find((e) => e.node.title === title)?.node.group).toEqual({ id: groupId });

    // The management page: a name too short is refused next to the field, what was typed kept.
    await page.goto(`${web.url}/groupes/${groupId}`);
    await page.getByRole('link', { name: 'Gérer le groupe' }).click();
    await page.waitForURL((url) => url.pathname === `/groupes/${groupId}/gerer`);
    await checked(page, javaScript);
    await page.getByLabel('Nom du groupe').fill('V');
    await page.getByLabel('Présentation', { exact: true }).fill('Des balades pour apprendre la ville à vélo.');
    await page.getByRole('button', { name: 'Enregistrer la présentation' }).click();
    await page.locator('#champ-name-erreur', { hasText: 'entre 2 et 120 caractères' }).waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByLabel('Nom du groupe').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Présentation', { exact: true }).inputValue()).toBe('Des balades pour apprendre la ville à vélo.');
    await checked(page, javaScript);
    await page.getByLabel('Nom du groupe').fill(`${name} solidaire`);
    await page.getByLabel('Les membres du réseau connectés seulement').check();
    await page.getByRole('button', { name: 'Enregistrer la présentation' }).click();
    await shown(page, 'La présentation du groupe est enregistrée.');
    const group = async () =>
      (
        await gqlData<{ group: { name: string; visibility: string; description: string; members: { role: string; member: { id: string } }[] } }>(
          `query G($id: ID!) { group(id: $id) { name visibility description members { role member { id } } } }`,
          { id: groupId },
          staff.token,
        )
      ).group;
    expect(await group()).toMatchObject({
      name: `${name} solidaire`,
      visibility: 'MEMBERS',
      description: 'Des balades pour apprendre la ville à vélo.',
    });

    // The only admin cannot step down: said next to them. They name another admin, then remove them from the group.
    await page.getByRole('button', { name: `Retirer l’animation à Awa Anime ${suffix}` }).click();
    await page.locator(`#membre-${admin.id}-erreur`, { hasText: 'au moins un administrateur' }).waitFor({ state: 'visible', timeout: 15_000 });
    await checked(page, javaScript);
    await page.getByRole('button', { name: `Confier l’animation à Bruno Membre ${suffix}` }).click();
    await shown(page, 'Le rôle est changé.');
    expect((await group()).members).toEqual([
      { role: 'ADMIN', member: { id: admin.id } },
      { role: 'ADMIN', member: { id: other.id } },
    ]);
    await page.getByRole('button', { name: `Retirer Bruno Membre ${suffix} du groupe` }).click();
    await shown(page, 'La personne ne fait plus partie du groupe.');
    expect((await group()).members).toEqual([{ role: 'ADMIN', member: { id: admin.id } }]);
    // A long journey (three people, nine pages, each checked by axe-core): more than the default minute on two busy cores.
  }, 150_000);
  it('a group admin writes to the members from the group page; the message is listed, can be reported, and its e-mails stopped', async () => {
    const admin = await system.signUp({ displayName: `Admine ${javaScript ? 'Un' : 'Deux'}` });
    const { createGroup } = await gqlData<{ createGroup: { id: string } }>(
      `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
      { input: { name: `Collectif des messages ${javaScript ? 'nord' : 'sud'}` } },
      admin.token,
    );
    const here = `/groupes/${createGroup.id}`;
    const page = await newVisitor();
    await logIn(page, javaScript, admin, here);
    await checked(page, javaScript);
    await shown(page, 'Aucun message pour l’instant.');
    await page.getByLabel('Objet').fill('Réunion de rentrée');
    await page
      .getByRole('textbox', { name: /^Message/ })
      .fill('Rendez-vous jeudi à 19 h au local.\n<b>Venez nombreux</b> : https://exemple.org/plan');
    await page.getByRole('button', { name: 'Envoyer aux membres' }).click();
    await shown(page, 'Réunion de rentrée');
    await shown(page, '<b>Venez nombreux</b> : https://exemple.org/plan');
    await checked(page, javaScript);

    const message = page.locator('.group-message').first();
    await message.getByText('Signaler', { exact: true }).click();
    await message.getByLabel('Raison').selectOption('OFF_TOPIC');
    await message.getByRole('button', { name: 'Signaler ce message' }).click();
    await page.waitForURL(/signalement=envoye/);
    await shown(page, "Merci, votre signalement a bien été transmis à l'équipe de modération.");
    const { myReports } = await gqlData<{ myReports: { targetType: string }[] }>(`query { myReports { targetType } }`, {}, admin.token);
    expect(myReports.map((r) => r.targetType)).toEqual(['GROUP_MESSAGE']);

    await page.getByRole('button', { name: 'Ne plus les recevoir' }).click();
    await shown(page, 'Vous ne recevez plus les messages de ce groupe par e-mail');
    await checked(page, javaScript);
    const { group } = await gqlData<{ group: { viewerReceivesMessages: boolean } }>(
      `query G($id: ID!) { group(id: $id) { viewerReceivesMessages } }`,
      { id: createGroup.id },
      admin.token,
    );
    expect(group.viewerReceivesMessages).toBe(false);
  });

  it('a member sees a profile for members, not indexed; proposes an event and is told it waits for review', async () => {
    const member = await system.signUp({ displayName: `Proposeur ${javaScript ? 'A' : 'B'}` });
    const page = await newVisitor();
    await logIn(page, javaScript, member, `/membres/${membersOnly.id}`);
    await shown(page, 'Paul Discret');
    expect(await page.locator('meta[name="robots"][content="noindex"]').count()).toBe(1);
    await checked(page, javaScript);
    await checked(page, javaScript, `/membres/${publicMember.id}`);
    expect(await page.locator('meta[name="robots"]').count()).toBe(0);

    await checked(page, javaScript, '/evenements/proposer');
    const title = `Troc de graines ${javaScript ? 'avec' : 'sans'} JavaScript`;
    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Type de rendez-vous').selectOption('ATELIER');
    const day = new Date(system.clock.now().getTime() + 12 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Heure de début').fill('18:30');
    await page.getByLabel('Heure de fin').fill('20:00');
    await page.getByLabel('Lieu', { exact: true }).fill('Maison de quartier');
    // A place without its commune: refused next to the commune picker, everything typed kept.
    await page.getByRole('button', { name: 'Envoyer ma proposition' }).click();
    await page.locator('#champ-communeCode-erreur', { hasText: 'Choisissez la commune du lieu.' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.error-summary a[href="#champ-communeCode"]').waitFor({ state: 'visible', timeout: 15_000 });
    const picker = page.getByLabel('Commune du lieu');
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect(await picker.getAttribute('aria-describedby')).toContain('champ-communeCode-erreur');
    expect(await page.getByLabel('Titre').inputValue()).toBe(title);
    expect(await page.getByLabel('Lieu', { exact: true }).inputValue()).toBe('Maison de quartier');
    expect(await page.getByLabel('Heure de début').inputValue()).toBe('18:30');
    await checked(page, javaScript);
    // The official communes, grouped by territory: Saint-Denis under Plaine Commune.
    expect(await picker.locator('optgroup[label="Plaine Commune"] option', { hasText: /^Saint-Denis$/ }).getAttribute('value')).toBe('93066');
    await picker.selectOption({ label: 'Saint-Denis' });
    await page.getByRole('button', { name: 'Envoyer ma proposition' }).click();
    await shown(page, 'Merci, votre proposition est envoyée');
    await shown(page, /relire avant de la publier/);
    await checked(page, javaScript);

    const { eventsToReview } = await gqlData<{ eventsToReview: { edges: { node: { title: string; startsAtLocal: string; venue: unknown } }[] } }>(
      `query { eventsToReview(first: 100) { edges { node { title startsAtLocal venue { name commune { code } } } } } }`,
      {},
      staff.token,
    );
    const proposed = eventsToReview.edges.find((edge) => edge.node.title === title);
    expect(proposed?.node.startsAtLocal).toMatch(new RegExp(`^${day}T18:30`));
    expect(proposed?.node.venue).toEqual({ name: 'Maison de quartier', commune: { code: '93066' } });
  });
});
