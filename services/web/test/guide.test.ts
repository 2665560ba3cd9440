/**
 * The guide and the veille in a real browser (Debian's Chromium), against the whole system, with JavaScript off
 * (JOURNEY_MODES): the search ignores accents, a fiche shows its steps, actors and communes, members propose veille items, write
 * fiches, and a stale save (CONFLICT) keeps what the member wrote. axe-core checks every page visited.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { hydrated, JOURNEY_MODES, launchChromium, seriousAccessibilityViolations, visitor } from './support/browser';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let fiche: { id: string; slug: string };
let run = 0;

async function api<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await system.gql<T>(query, variables, token);
  if (!res.data || res.errors) throw new Error(`API refused: ${JSON.stringify(res.errors)}`);
  return res.data;
}

const CREATE = `mutation($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id slug version } }`;

async function publish(id: string): Promise<void> {
  await api(`mutation($id: ID!) { publishGuideArticle(id: $id) { id } }`, { id }, staff.token);
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({ port: await freePort(), gatewayUrl: system.url, env: { CLOCK_START: system.env.CLOCK_START! } });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF' });
  const { createActor } = await api<{ createActor: { id: string } }>(
    `mutation($input: CreateActorInput!) { createActor(input: $input) { id } }`,
    {
      input: {
        name: 'Conseil citoyen du Centre-ville',
        kind: 'CONSEIL_CITOYEN',
        scale: 'QUARTIER',
        communeCode: '93039',
        description: 'Les habitants du quartier, avec la mairie.',
      },
    },
    staff.token,
  );
  const created = await api<{ createGuideArticle: { id: string; slug: string } }>(
    CREATE,
    {
      input: {
        title: 'Organiser un échange de savoirs dans son quartier',
        summary: 'Des voisins qui apprennent les uns des autres : comment lancer et faire vivre un réseau d’échanges.',
        body: 'Un **réseau d’échanges réciproques de savoirs** met en relation des personnes qui veulent apprendre et transmettre.',
        scales: ['QUARTIER'],
        themes: ['SOLIDARITE', 'EDUCATION'],
        communeCodes: ['93039'],
        actorIds: [createActor.id],
        steps: [
          { title: 'Réunir quelques voisins', text: 'Une première rencontre au local associatif suffit.' },
          { title: 'Tenir un tableau des offres', text: 'Qui sait quoi, qui veut apprendre quoi.' },
        ],
      },
    },
    staff.token,
  );
  fiche = created.createGuideArticle;
  await publish(fiche.id);
  const other = await api<{ createGuideArticle: { id: string } }>(
    CREATE,
    {
      input: {
        title: 'Saisir le conseil départemental',
        summary: 'Les démarches auprès du département.',
        body: 'Le département décide des collèges.',
        scales: ['DEPARTEMENT'],
        themes: ['EDUCATION'],
      },
    },
    staff.token,
  );
  await publish(other.createGuideArticle.id);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

/** Visits `path` (or waits for the page a click led to) and checks it with axe. */
async function checked(page: Page, javaScript: boolean, path?: string): Promise<void> {
  if (path) await page.goto(`${web.url}${path}`);
  await page.waitForLoadState('load');
  if (javaScript) await hydrated(page);
  expect({ url: page.url(), violations: await seriousAccessibilityViolations(page, javaScript) }).toEqual({ url: page.url(), violations: [] });
}

async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 15_000 });
}

/** Signs in through /connexion and lands on `back`. */
async function logIn(page: Page, javaScript: boolean, member: TestMember, back: string): Promise<void> {
  await checked(page, javaScript, `/connexion?retour=${encodeURIComponent(back)}`);
  await page.getByLabel('Adresse e-mail').fill(member.email);
  await page.getByLabel('Mot de passe').fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === back.split('?')[0]);
  await checked(page, javaScript);
}

describe.each(JOURNEY_MODES)('with %s', (_label, javaScript) => {
  let contexts: BrowserContext[] = [];
  const newVisitor = async (viewport?: { width: number; height: number }) => {
    const context = await visitor(browser, javaScript, viewport);
    contexts.push(context);
    return context.newPage();
  };
  afterEach(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  it('searches the guide without accents, opens the fiche, and browses the guide by scale and the actors', async () => {
    const page = await newVisitor();
    await checked(page, javaScript, '/guide');
    // By scale, from the quartier to the région.
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.indexOf('Quartier')).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf('Quartier')).toBeLessThan(headings.indexOf('Département'));
    expect(await page.getByRole('link', { name: 'Télécharger le guide complet (PDF)' }).getAttribute('href')).toBe('/guide.pdf');

    await page.getByRole('searchbox', { name: 'Chercher dans le guide' }).fill('echange');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.waitForURL(/\/guide\/recherche\?q=echange$/);
    await shown(page.getByText('1 fiche pour « echange ».'));
    // The words found are highlighted, the search is kept in the address and in the field.
    expect((await page.locator('.guide-card__excerpt mark').allTextContents()).join(' ')).toMatch(/échange/i);
    expect(await page.getByLabel('Mots à chercher').inputValue()).toBe('echange');
    await checked(page, javaScript);

    await page.getByRole('link', { name: 'Organiser un échange de savoirs dans son quartier' }).click();
    await page.waitForURL(new RegExp(`/guide/${fiche.slug}$`));
    await shown(page.getByRole('heading', { level: 1, name: 'Organiser un échange de savoirs dans son quartier' }));
    await shown(page.getByRole('heading', { name: 'Réunir quelques voisins' }));
    await shown(page.getByRole('heading', { name: 'Tenir un tableau des offres' }));
    await shown(page.getByText('Conseil citoyen du Centre-ville'));
    await shown(page.getByRole('link', { name: "L'Île-Saint-Denis" }));
    // Visitors do not get the authors' edit link.
    expect(await page.getByRole('link', { name: 'Modifier la fiche' }).count()).toBe(0);
    await checked(page, javaScript);

    // Filters by theme, kept in the address.
    await checked(page, javaScript, '/guide');
    await page.getByLabel('Thème').selectOption('SOLIDARITE');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL(/\/guide\?echelle=&theme=SOLIDARITE$/);
    await shown(page.getByText('1 fiche.'));
    await checked(page, javaScript);

    await checked(page, javaScript, '/guide/acteurs');
    await shown(page.getByRole('heading', { name: 'Conseil citoyen du Centre-ville' }));

    // An unknown fiche is the French 404 page; the writing pages send visitors to log in.
    const missing = await page.goto(`${web.url}/guide/une-fiche-qui-n-existe-pas`);
    expect(missing?.status()).toBe(404);
    await checked(page, javaScript);
    await page.goto(`${web.url}/guide/ecrire`);
    await page.waitForURL(/\/connexion\?retour=%2Fguide%2Fecrire$/);

    // Screenshots once, in the JavaScript-off run (JOURNEY_MODES: the same pages as with it on).
    if (!javaScript) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      for (const viewport of [
        { width: 360, height: 740 },
        { width: 1280, height: 800 },
      ]) {
        await page.setViewportSize(viewport);
        for (const [name, path] of [
          ['guide', '/guide'],
          ['guide-fiche', `/guide/${fiche.slug}`],
        ] as const) {
          await page.goto(`${web.url}${path}`);
          await hydrated(page);
          await page.screenshot({ path: join(SCREENSHOTS, `${name}-${viewport.width}x${viewport.height}.png`), fullPage: true });
        }
      }
    }
  }, 120_000); // With its screenshots at two widths: more than the default minute on two busy cores.

  it('keeps the member’s text on a stale save (CONFLICT), and sends an edit of a published fiche to review', async () => {
    run += 1;
    const member = await system.signUp({ displayName: `Autrice ${run}` });
    const page = await newVisitor();

    // Writing a fiche: a draft of which the member is the author.
    await logIn(page, javaScript, member, '/guide/ecrire');
    await page.getByRole('textbox', { name: 'Titre (obligatoire)' }).fill(`Créer un jardin partagé ${run}`);
    await page.getByLabel('Résumé').fill('Trouver une parcelle, réunir les voisins.');
    await page.getByLabel('Étape 1 : titre').fill('Trouver une parcelle');
    await page.getByLabel('Étape 1 : texte').fill('Demander à la mairie les terrains disponibles.');
    await page.getByLabel('Quartier').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/modifier\?enregistree=1$/);
    await shown(page.getByText('Votre fiche est enregistrée.'));
    await checked(page, javaScript);
    const slug = new URL(page.url()).pathname.split('/')[2]!;
    const { guideArticle } = await api<{ guideArticle: { id: string; version: number; steps: { title: string }[]; scales: string[] } }>(
      `query($slug: String!) { guideArticle(slug: $slug) { id version steps { title } scales } }`,
      { slug },
      member.token,
    );
    expect(guideArticle).toMatchObject({ version: 1, steps: [{ title: 'Trouver une parcelle' }], scales: ['QUARTIER'] });

    // The member writes while someone else saves the fiche: the save is refused, the text is kept.
    const myText = `Mon texte, écrit avec soin (${run}) : il ne doit pas se perdre.`;
    await page.getByLabel('Texte de la fiche').fill(myText);
    await api(
      `mutation($id: ID!, $input: UpdateGuideArticleInput!) { updateGuideArticle(id: $id, input: $input) { version } }`,
      { id: guideArticle.id, input: { expectedVersion: 1, summary: 'Le résumé de l’autre personne.' } },
      member.token,
    );
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await shown(page.getByRole('heading', { name: 'Quelqu’un a enregistré cette fiche pendant que vous l’écriviez' }));
    await shown(page.getByText('Votre texte n’est pas perdu'));
    expect(await page.getByLabel('Texte de la fiche').inputValue()).toBe(myText);
    expect(await page.getByLabel('Étape 1 : titre').inputValue()).toBe('Trouver une parcelle');
    await checked(page, javaScript);
    // Saving again, knowingly, saves the member's text on the current version (theirs replaces the other's).
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await shown(page.getByText('Votre fiche est enregistrée.'));
    expect(await page.getByText('Votre texte n’est pas perdu').count()).toBe(0);
    const after = await api<{ guideArticle: { body: string; version: number } }>(
      `query($slug: String!) { guideArticle(slug: $slug) { body version } }`,
      { slug },
      member.token,
    );
    expect(after.guideArticle).toEqual({ body: myText, version: 3 });

    // Once published, the member's edit goes to the staff's review; visitors keep reading the published text.
    await api(`mutation($id: ID!) { submitGuideArticle(id: $id) { id } }`, { id: guideArticle.id }, member.token);
    await publish(guideArticle.id);
    await checked(page, javaScript, `/guide/${slug}/modifier`);
    await shown(page.getByText('Cette fiche est publiée : vos modifications seront relues par l’équipe'));
    await page.getByLabel('Résumé').fill('Un nouveau résumé, à relire.');
    await page.getByRole('button', { name: 'Proposer ma modification' }).click();
    await page.waitForURL(new RegExp(`/guide/${slug}\\?proposee=1$`));
    await shown(page.getByText('Votre modification est envoyée à l’équipe pour relecture'));
    await checked(page, javaScript);
    const published = await api<{ guideArticle: { summary: string; pendingRevision: { summary: string } | null } }>(
      `query($slug: String!) { guideArticle(slug: $slug) { summary pendingRevision { summary } } }`,
      { slug },
      member.token,
    );
    expect(published.guideArticle).toEqual({
      summary: 'Trouver une parcelle, réunir les voisins.',
      pendingRevision: { summary: 'Un nouveau résumé, à relire.' },
    });

    // Someone else's fiche: not theirs to edit (the French 403 page).
    const forbidden = await page.goto(`${web.url}/guide/${fiche.slug}/modifier`);
    expect(forbidden?.status()).toBe(403);
    await checked(page, javaScript);

    // Someone else's fiche: the member may report it to the moderation team.
    await checked(page, javaScript, `/guide/${fiche.slug}`);
    await page.getByText("Signaler ce contenu à l'équipe de modération").click();
    await page.getByLabel('Raison').selectOption('MISINFORMATION');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    await page.waitForURL(new RegExp(`/guide/${fiche.slug}\\?signalement=envoye$`));
    await shown(page.getByText('Merci, votre signalement a bien été transmis'));
    await checked(page, javaScript);
    const { myReports } = await api<{ myReports: { targetId: string; targetType: string }[] }>(
      `query { myReports { targetId targetType } }`,
      {},
      member.token,
    );
    expect(myReports).toEqual([{ targetId: fiche.id, targetType: 'GUIDE_ARTICLE' }]);
  });

  it('shows a fiche whose author hides their profile, the author named only for who may see them', async () => {
    run += 1;
    const hidden = await system.signUp({ displayName: `Chloé Discrète ${run}` });
    const named = await system.signUp({ displayName: `Awa Publique ${run}` });
    await api(`mutation { updateMyProfile(input: { profileVisibility: STAFF }) { id } }`, {}, hidden.token);
    await api(`mutation { updateMyProfile(input: { profileVisibility: PUBLIC }) { id } }`, {}, named.token);
    const write = async (author: TestMember, title: string) => {
      const { createGuideArticle } = await api<{ createGuideArticle: { id: string; slug: string } }>(
        CREATE,
        {
          input: {
            title,
            summary: 'Un bac, des voisins, des épluchures.',
            body: 'Le compost se tient à plusieurs.',
            scales: ['QUARTIER'],
            themes: ['ENVIRONNEMENT'],
          },
        },
        author.token,
      );
      await publish(createGuideArticle.id);
      return createGuideArticle.slug;
    };
    const hiddenSlug = await write(hidden, `Tenir un composteur de quartier ${run}`);
    const namedSlug = await write(named, `Ouvrir une grainothèque ${run}`);

    // A visitor reads both fiches: the hidden author is « un membre », the other one named, with a link to the profile.
    const page = await newVisitor();
    const response = await page.goto(`${web.url}/guide/${hiddenSlug}`);
    expect(response?.status()).toBe(200);
    await shown(page.getByRole('heading', { level: 1, name: `Tenir un composteur de quartier ${run}` }));
    await shown(page.getByText('Écrite par un membre du réseau.'));
    expect(await page.content()).not.toContain('Chloé Discrète');
    await checked(page, javaScript);
    await checked(page, javaScript, `/guide/${namedSlug}`);
    await shown(page.getByText(`Écrite par Awa Publique ${run}.`));
    expect(await page.getByRole('link', { name: `Awa Publique ${run}` }).getAttribute('href')).toBe(`/membres/${named.id}`);

    // The author themselves sees their own name, and their edit link.
    await logIn(page, javaScript, hidden, `/guide/${hiddenSlug}`);
    await shown(page.getByText(`Écrite par Chloé Discrète ${run}.`));
    await shown(page.getByRole('link', { name: 'Modifier la fiche' }));
  });

  it('shows the selected veille items by commune and theme, and lets a member propose one', async () => {
    run += 1;
    const member = await system.signUp({ displayName: `Veilleur ${run}` });
    const url = `https://exemple.org/initiatives/repair-cafe-${run}-${Date.now()}`;
    const { submitWatchItem } = await api<{ submitWatchItem: { id: string } }>(
      `mutation($input: SubmitWatchItemInput!) { submitWatchItem(input: $input) { id } }`,
      { input: { title: `Un repair café ${run}`, url, summary: 'On répare ensemble.', communeCodes: ['93039'], themes: ['ENVIRONNEMENT'] } },
      staff.token,
    );
    await api(`mutation($id: ID!) { curateWatchItem(id: $id, status: SELECTED) { id } }`, { id: submitWatchItem.id }, staff.token);

    const page = await newVisitor();
    await checked(page, javaScript, '/veille?commune=93039&theme=ENVIRONNEMENT');
    await shown(page.getByRole('link', { name: `Un repair café ${run}` }));
    await shown(page.getByRole('link', { name: 'Connectez-vous' }));

    await logIn(page, javaScript, member, '/veille');
    // The API's refusal (the same address again) next to the form, what was typed kept.
    await page.getByLabel('Titre').fill('Le même repair café');
    await page.getByLabel('Adresse de la page (https://…)').fill(url);
    await page.getByRole('button', { name: 'Proposer' }).click();
    await shown(page.locator('.error-summary'));
    expect(await page.getByLabel('Titre').inputValue()).toBe('Le même repair café');
    await checked(page, javaScript);

    await page.getByLabel('Adresse de la page (https://…)').fill(`${url}-nouveau`);
    await page.getByRole('button', { name: 'Proposer' }).click();
    await page.waitForURL(/\/veille\?proposee=1/);
    await shown(page.getByText('Merci ! L’équipe regarde votre proposition'));
    await checked(page, javaScript);
  });
});
