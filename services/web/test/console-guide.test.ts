/**
 * The console's guide (/equipe/guide, /equipe/guide/acteurs) in Chromium against the whole system: a fiche in review
 * is read with the difference from its previous version and published, another sent back to its author with a reason; a member's edit of a published fiche is
 * refused (a reason required) or approved; a published fiche archived; actors created and edited. JavaScript off
 * throughout (JOURNEY_MODES).
 */
import type { Browser } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let author: TestMember;

async function api<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const res = await system.gql<T>(query, variables, token);
  if (!res.data || res.errors) throw new Error(`API refused: ${JSON.stringify(res.errors)}`);
  return res.data;
}

const CREATE = `mutation($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id slug version } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateGuideArticleInput!) { updateGuideArticle(id: $id, input: $input) { id version } }`;
const SUBMIT = `mutation($id: ID!) { submitGuideArticle(id: $id) { id status } }`;
const FICHE = `query($id: ID!) { guideArticle(id: $id) { id status body pendingRevision { id } proposedRevisions { status rejectionReason } } }`;

type Fiche = { id: string; slug: string; version: number };

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-guide-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Relecture' });
  author = await system.signUp({ displayName: 'Jeanne Jardinière' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

/** A member's fiche: a first draft, then an edit (version 2), sent for review. */
async function ficheInReview(title: string): Promise<Fiche> {
  const { createGuideArticle: fiche } = await api<{ createGuideArticle: Fiche }>(
    CREATE,
    {
      input: {
        title,
        summary: 'Un terrain, des voisins, des légumes.',
        body: 'Trouver un terrain avec la mairie.',
        scales: ['QUARTIER'],
        themes: ['ENVIRONNEMENT'],
        steps: [{ title: 'Repérer un terrain', text: 'Une friche ou un pied d’immeuble.' }],
      },
    },
    author.token,
  );
  await api(
    UPDATE,
    { id: fiche.id, input: { expectedVersion: fiche.version, body: 'Trouver un terrain avec la mairie et les voisins du quartier.' } },
    author.token,
  );
  await api(SUBMIT, { id: fiche.id }, author.token);
  return { ...fiche, version: fiche.version + 1 };
}

/** The author edits their published fiche: the edit waits for the team's review. */
async function proposeEdit(fiche: { id: string }, summary: string): Promise<void> {
  const { guideArticle } = await api<{ guideArticle: { version: number } }>(
    `query($id: ID!) { guideArticle(id: $id) { version } }`,
    { id: fiche.id },
    author.token,
  );
  await api(UPDATE, { id: fiche.id, input: { expectedVersion: guideArticle.version, summary } }, author.token);
}

const visitorStatus = async (slug: string) => (await fetch(`${web.url}/guide/${slug}`)).status;

it('reviews a fiche with its diff and publishes it; refuses (a reason required) and approves edits; archives (JavaScript off)', async () => {
  const fiche = await ficheInReview('Créer un jardin partagé');
  expect(await visitorStatus(fiche.slug)).toBe(404);

  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, staff, '/equipe/guide');
  await checked(page, false);
  const item = page.getByRole('article', { name: 'Créer un jardin partagé' });
  await item.getByText('Différences avec la version 1').waitFor();
  // The words added since version 1, in <ins>; the legend says what the marks mean in words.
  expect(await item.locator('ins').allTextContents()).toEqual([expect.stringContaining('et les voisins du quartier')]);
  await shown(page, /Légende des différences/);
  await item.getByRole('button', { name: 'Publier « Créer un jardin partagé »' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'publiee');
  await page.getByRole('status').getByText('La fiche est publiée').waitFor();
  await checked(page, false);
  expect(await visitorStatus(fiche.slug)).toBe(200);

  // Another fiche goes back to its author as a draft: the reason is required, and the author reads it.
  const second = await ficheInReview('Ouvrir une ressourcerie');
  await page.goto(`${web.url}/equipe/guide`);
  let returned = page.getByRole('article', { name: 'Ouvrir une ressourcerie' });
  await returned.getByRole('button', { name: 'Renvoyer aux auteurs' }).click();
  await shown(page, 'Indiquez le motif du renvoi : les auteurs le liront.');
  await checked(page, false);
  returned = page.getByRole('article', { name: 'Ouvrir une ressourcerie' });
  await returned.getByLabel(/Motif du renvoi/).fill('Précisez les horaires et le lieu.');
  await returned.getByRole('button', { name: 'Renvoyer aux auteurs' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'renvoyee');
  await page.getByRole('status').getByText('La fiche est renvoyée à ses auteurs').waitFor();
  expect(await page.getByRole('article', { name: 'Ouvrir une ressourcerie' }).count()).toBe(0);
  expect(
    (
      await api<{ guideArticle: { status: string; reviewNote: string } }>(
        `query($id: ID!) { guideArticle(id: $id) { status reviewNote } }`,
        { id: second.id },
        author.token,
      )
    ).guideArticle,
  ).toEqual({
    status: 'DRAFT',
    reviewNote: 'Précisez les horaires et le lieu.',
  });

  // The author proposes an edit: the team reads the difference from the published text.
  await proposeEdit(fiche, 'Un terrain, des voisins, des légumes et des fleurs.');
  await page.goto(`${web.url}/equipe/guide`);
  const edit = page.getByRole('article', { name: 'Modification de « Créer un jardin partagé »' });
  expect(await edit.locator('ins').allTextContents()).toEqual([expect.stringContaining('fleurs')]);
  await shown(page, 'Proposée par Jeanne Jardinière');
  // Refusing needs a reason.
  await edit.getByRole('button', { name: 'Refuser la modification' }).click();
  await shown(page, 'Indiquez le motif du refus : les auteurs le liront.');
  await checked(page, false);
  const reason = page.getByLabel(/Motif du refus/);
  expect(await reason.getAttribute('aria-invalid')).toBe('true');
  await reason.fill('Les fleurs ne relèvent pas de cette fiche.');
  await page.getByRole('button', { name: 'Refuser la modification' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'refusee');
  await page.getByRole('status').getByText('La modification est refusée').waitFor();
  let state = (
    await api<{ guideArticle: { body: string; proposedRevisions: { status: string; rejectionReason: string | null }[] } }>(
      FICHE,
      { id: fiche.id },
      author.token,
    )
  ).guideArticle;
  expect(state.proposedRevisions[0]).toEqual({ status: 'REJECTED', rejectionReason: 'Les fleurs ne relèvent pas de cette fiche.' });

  // A second edit is approved: the published fiche shows it.
  await proposeEdit(fiche, 'Un terrain, des voisins, des légumes, et du compost.');
  await page.goto(`${web.url}/equipe/guide`);
  await page
    .getByRole('article', { name: 'Modification de « Créer un jardin partagé »' })
    .getByRole('button', { name: 'Approuver la modification' })
    .click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'approuvee');
  state = (
    await api<{ guideArticle: { body: string; proposedRevisions: { status: string; rejectionReason: string | null }[] } }>(
      FICHE,
      { id: fiche.id },
      author.token,
    )
  ).guideArticle;
  expect(state.proposedRevisions[0]).toEqual({ status: 'APPROVED', rejectionReason: null });
  expect(await (await fetch(`${web.url}/guide/${fiche.slug}`)).text()).toContain('et du compost');

  // Archived: no longer published.
  await page.getByRole('button', { name: 'Archiver « Créer un jardin partagé »' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'archivee');
  await page.getByRole('status').getByText('La fiche est archivée').waitFor();
  expect(await visitorStatus(fiche.slug)).toBe(404);
  await context.close();
}, 120_000);

it('creates an actor and edits it (JavaScript off); the public directory shows it', async () => {
  for (const [, javaScript] of JOURNEY_MODES) {
    const name = javaScript ? 'Maison de quartier des Tilleuls' : 'Conseil de quartier Centre';
    const context = await visitor(browser, javaScript);
    const page = await context.newPage();
    await logIn(page, javaScript, web.url, staff, '/equipe/guide/acteurs');
    await checked(page, javaScript);
    // The name is required: blank (spaces pass the browser's check), it is refused next to the field, the rest kept.
    await page.getByLabel(/^Nom/).fill('   ');
    await page.getByLabel('Type').selectOption('CONSEIL_DE_QUARTIER');
    await page.getByLabel('Échelle', { exact: false }).first().selectOption('QUARTIER');
    await page.getByLabel('Présentation').fill('Les habitants et les élus du quartier.');
    await page.getByRole('button', { name: "Ajouter l'acteur" }).click();
    await shown(page, "Indiquez le nom de l'acteur.");
    await checked(page, javaScript);
    expect(await page.getByLabel('Présentation').inputValue()).toBe('Les habitants et les élus du quartier.');
    await page.getByLabel(/^Nom/).fill(name);
    await page.getByLabel('Commune').selectOption('93039');
    await page.getByLabel('Site web').fill('https://quartier.example.org');
    await page.getByRole('button', { name: "Ajouter l'acteur" }).click();
    await page.waitForURL((url) => url.searchParams.get('fait') === 'cree');
    await page.getByRole('status').getByText(`« ${name} » est ajouté à l'annuaire.`).waitFor();
    await checked(page, javaScript);
    await page.getByRole('row', { name: new RegExp(name) }).waitFor();
    // Edit it: the form comes filled in.
    await page.getByRole('link', { name: `Modifier « ${name} »` }).click();
    await page.waitForURL((url) => url.searchParams.has('modifier'));
    expect(await page.getByLabel(/^Nom/).inputValue()).toBe(name);
    expect(await page.getByLabel('Commune').inputValue()).toBe('93039');
    await page.getByLabel(/^Nom/).fill(`${name} (Île-Saint-Denis)`);
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await page.waitForURL((url) => url.searchParams.get('fait') === 'modifie');
    await page.getByRole('row', { name: new RegExp(`${name} \\(Île-Saint-Denis\\)`) }).waitFor();
    await context.close();
  }
  const directory = await (await fetch(`${web.url}/guide/acteurs`)).text();
  expect(directory).toContain('Conseil de quartier Centre (Île-Saint-Denis)');
}, 120_000);
