/**
 * The staff console's veille and outreach (/equipe/veille, /equipe/reperage) in Chromium, against the whole system
 * with the workers delivering to a loopback SMTP sink: a veille item selected appears on the public /veille, two are
 * rejected in one request, a commune corrected, « Repérer un acteur » creates a prospect, the prospect is invited (the
 * e-mail captured), and the outreach chart shows a territory's bar. axe-core checks every page visited.
 */
import type { Browser, Page } from 'playwright-core';
import type { TestMember } from '@metropotes/test-kit';
import { gqlData, startWorkersHarness, waitFor, type WorkersHarness } from '../../workers/test/support/workers-harness';
import { launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let harness: WorkersHarness;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let member: TestMember;
let sourceId: string;
/** Item ids by a word of their title. */
const items: Record<string, string> = {};

const ITEM_STATE = `query($id: ID!) { watchItem(id: $id) { id status communes { code } prospects { id name } } }`;
interface ItemState {
  watchItem: { id: string; status: string; communes: { code: string }[]; prospects: { id: string; name: string }[] | null };
}

beforeAll(async () => {
  await ensureWebBuild();
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  harness = await startWorkersHarness({ smtp: true, env: { PUBLIC_URL: site }, systemEnv: { PUBLIC_URL: site } });
  const system = harness.system;
  web = await startWeb({
    port,
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-veille-test-0123' },
  });
  browser = await launchChromium();
  [staff, member] = await Promise.all([
    system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' }),
    system.signUp({ displayName: 'Martin Membre' }),
  ]);

  const addSource = `mutation($input: AddWatchSourceInput!) { addWatchSource(input: $input) { id } }`;
  sourceId = (
    await gqlData<{ addWatchSource: { id: string } }>(
      system,
      addSource,
      { input: { name: 'Est Ensemble, actualités', feedUrl: 'https://est-ensemble.example.org/feed' } },
      staff.token,
    )
  ).addWatchSource.id;
  const broken = (
    await gqlData<{ addWatchSource: { id: string } }>(
      system,
      addSource,
      { input: { name: 'Journal disparu', feedUrl: 'https://journal-disparu.example.org/rss' } },
      staff.token,
    )
  ).addWatchSource.id;
  const systemToken = await system.systemToken();
  const ingest = `mutation($sourceId: ID!, $items: [IngestWatchItemInput!]!, $error: String) {
    ingestWatchItems(sourceId: $sourceId, items: $items, error: $error) { created { id title } }
  }`;
  const created = await gqlData<{ ingestWatchItems: { created: { id: string; title: string }[] } }>(
    system,
    ingest,
    {
      sourceId,
      items: [
        {
          url: 'https://est-ensemble.example.org/jardin',
          title: 'Un jardin partagé ouvre à Montreuil',
          summary: 'Des parcelles pour les habitants du quartier.',
        },
        { url: 'https://est-ensemble.example.org/ressourcerie', title: 'Une ressourcerie à Bagnolet', summary: 'Réparer plutôt que jeter.' },
        { url: 'https://est-ensemble.example.org/velo', title: 'Le vélo-école de Pantin recrute', summary: 'Apprendre à rouler en ville.' },
        { url: 'https://est-ensemble.example.org/cafe', title: 'Un café associatif à Bobigny', summary: 'Un lieu pour se retrouver.' },
      ],
    },
    systemToken,
  );
  for (const item of created.ingestWatchItems.created) items[/jardin|ressourcerie|vélo|café/i.exec(item.title)![0].toLowerCase()] = item.id;
  expect(Object.keys(items).sort()).toEqual(['café', 'jardin', 'ressourcerie', 'vélo']);
  // The feed poller could not reach the second feed: a technical error, as a resolver reports it.
  await gqlData(system, ingest, { sourceId: broken, items: [], error: 'getaddrinfo ENOTFOUND journal-disparu.example.org' }, systemToken);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await harness?.stop();
});

async function staffPage(javaScript: boolean, path: string): Promise<Page> {
  const context = await visitor(browser, javaScript);
  const page = await context.newPage();
  await logIn(page, javaScript, web.url, staff, path);
  await checked(page, javaScript);
  return page;
}

const itemState = async (id: string) => (await gqlData<ItemState>(harness.system, ITEM_STATE, { id }, staff.token)).watchItem;

it('shows the feeds with their last error in plain French, the raw text kept in details', async () => {
  const page = await staffPage(false, '/equipe/veille');
  const row = page.getByRole('row', { name: /Journal disparu/ });
  expect(await row.textContent()).toContain("Le site du flux est introuvable : l'adresse est peut-être mal écrite");
  // The raw message is there, folded.
  const details = row.locator('details');
  expect(await details.getAttribute('open')).toBeNull();
  expect(await details.locator('code').textContent()).toBe('getaddrinfo ENOTFOUND journal-disparu.example.org');
  // Pause, then resume, a feed.
  await page.getByRole('button', { name: 'Mettre en pause : Journal disparu' }).click();
  await shown(page, 'Source mise en pause : la veille ne la lit plus.');
  await checked(page, false);
  expect(await page.getByRole('row', { name: /Journal disparu/ }).textContent()).toContain('En pause');
  await page.getByRole('button', { name: 'Reprendre : Journal disparu' }).click();
  await shown(page, 'Source reprise');
  const sources = await gqlData<{ watchSources: { name: string; active: boolean }[] }>(
    harness.system,
    `{ watchSources { name active } }`,
    {},
    staff.token,
  );
  expect(sources.watchSources.find((s) => s.name === 'Journal disparu')?.active).toBe(true);
  await page.context().close();
});

it('selects an item (JavaScript off): it leaves the list to sort and appears on the public /veille', async () => {
  const page = await staffPage(false, '/equipe/veille');
  // Selecting nothing is refused next to the list.
  await page.getByRole('button', { name: 'Retenir les éléments cochés' }).click();
  await shown(page, 'Cochez au moins un élément de la liste.');
  await checked(page, false);
  await page.getByLabel('Un jardin partagé ouvre à Montreuil').check();
  await page.getByRole('button', { name: 'Retenir les éléments cochés' }).click();
  await page.waitForURL((url) => url.pathname === '/equipe/veille' && url.searchParams.get('fait') === 'retenus');
  await checked(page, false);
  expect(await page.getByRole('status').textContent()).toContain('1 élément retenu');
  // The next items to sort are shown; the selected one is gone from the list.
  expect(await page.getByLabel('Un jardin partagé ouvre à Montreuil').count()).toBe(0);
  expect(await page.getByLabel('Une ressourcerie à Bagnolet').count()).toBe(1);
  expect((await itemState(items.jardin!)).status).toBe('SELECTED');

  const context = await visitor(browser, false);
  const publicPage = await context.newPage();
  await checked(publicPage, false, `${web.url}/veille`);
  await publicPage.getByRole('link', { name: 'Un jardin partagé ouvre à Montreuil' }).waitFor();
  expect(await publicPage.getByRole('link', { name: 'Une ressourcerie à Bagnolet' }).count()).toBe(0);
  await context.close();
  await page.context().close();
});

it('rejects two items in one request (JavaScript on), with a note', async () => {
  const page = await staffPage(true, '/equipe/veille');
  await page.getByLabel('Une ressourcerie à Bagnolet').check();
  await page.getByLabel('Le vélo-école de Pantin recrute').check();
  await page.getByLabel('Note pour l’équipe (facultative)').fill('Déjà connus du réseau');
  const curations: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/equipe/veille')) curations.push(request.url());
  });
  await page.getByRole('button', { name: 'Écarter les éléments cochés' }).click();
  await shown(page, '2 éléments écartés.');
  await checked(page, true);
  expect(curations).toHaveLength(1);
  for (const word of ['ressourcerie', 'vélo']) expect((await itemState(items[word]!)).status).toBe('DISMISSED');
  // The dismissed are listed under their state, from the URL.
  await checked(page, true, `${web.url}/equipe/veille?statut=DISMISSED`);
  expect(await page.getByLabel('Une ressourcerie à Bagnolet').count()).toBe(1);
  expect(await page.getByLabel('Un café associatif à Bobigny').count()).toBe(0);
  await page.context().close();
});

it('corrects the communes detected on an item (JavaScript off)', async () => {
  expect((await itemState(items['café']!)).communes.map((c) => c.code)).toEqual(['93008']);
  const page = await staffPage(false, '/equipe/veille');
  await page.getByRole('link', { name: 'Corriger les communes, repérer un acteur : Un café associatif à Bobigny' }).click();
  await page.waitForURL((url) => url.pathname === `/equipe/veille/${items['café']}`);
  await checked(page, false);
  await page.getByLabel('Bobigny (93008)').uncheck();
  await page.getByLabel('Ajouter une commune').selectOption({ label: 'Noisy-le-Sec' });
  await page.getByRole('button', { name: 'Enregistrer les communes' }).click();
  await shown(page, 'Communes corrigées.');
  await checked(page, false);
  expect(await page.getByLabel('Noisy-le-Sec (93053)').isChecked()).toBe(true);
  expect((await itemState(items['café']!)).communes.map((c) => c.code)).toEqual(['93053']);
  await page.context().close();
});

it('« Repérer un acteur » creates a prospect; a note, the invitation e-mail captured, the chart, then do-not-contact (JavaScript off)', async () => {
  const email = `cafe-${Date.now()}@example.org`;
  const page = await staffPage(false, `/equipe/veille/${items['café']}`);
  // The kind is required: refused next to its field, what was typed kept.
  await page.getByLabel('Nom de l’acteur').fill('Café associatif Le Lien');
  await page.getByRole('button', { name: 'Repérer cet acteur' }).click();
  await shown(page, 'Dites s’il s’agit');
  await checked(page, false);
  expect(await page.getByLabel('Nom de l’acteur').inputValue()).toBe('Café associatif Le Lien');
  await page.getByLabel('Association').check();
  // An address the API refuses: its French message next to the field, what was typed kept.
  await page.getByLabel('Adresse e-mail (facultative)').fill('cafe-sans-arobase');
  await page.getByRole('button', { name: 'Repérer cet acteur' }).click();
  await page.locator('#champ-email-erreur').waitFor();
  expect(await page.locator('#champ-email-erreur').textContent()).toMatch(/adresse e-mail valide/);
  await checked(page, false);
  expect(await page.getByLabel('Adresse e-mail (facultative)').inputValue()).toBe('cafe-sans-arobase');
  expect(await page.getByLabel('Association').isChecked()).toBe(true);
  await page.getByLabel('Adresse e-mail (facultative)').fill(email);
  await page.getByRole('button', { name: 'Repérer cet acteur' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/equipe/reperage/'));
  await checked(page, false);
  await shown(page, 'Acteur repéré');
  const prospectId = new URL(page.url()).pathname.split('/').pop()!;
  const linked = await itemState(items['café']!);
  expect(linked.prospects).toEqual([{ id: prospectId, name: 'Café associatif Le Lien' }]);

  // A note: an empty one is refused next to its field; then it is listed with its author.
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.locator('#champ-text-erreur').waitFor();
  expect(await page.locator('#champ-text-erreur').textContent()).toBe('Écrivez la note avant de l’ajouter.');
  await checked(page, false);
  await page.getByLabel('Nouvelle note').fill('Rencontré au forum des associations, à rappeler en septembre.');
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await shown(page, 'Note ajoutée.');
  expect(await page.locator('.staff-notes').textContent()).toMatch(/Camille Équipe.*Rencontré au forum des associations/);

  // Its commune, for the chart below; then the invitation with a message.
  await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Montreuil' });
  // A next step already due (the test clock is in June 2026): the prospect is « à relancer ».
  await page.getByLabel('Prochaine étape le').fill('2026-06-01');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await shown(page, 'Fiche du contact enregistrée.');
  await page.getByLabel('Message personnel (facultatif)').fill('Votre café nous a beaucoup plu !');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await shown(page, 'Invitation envoyée');
  await checked(page, false);
  const prospect = await gqlData<{ prospect: { status: string; commune: { code: string } } }>(
    harness.system,
    `query($id: ID!) { prospect(id: $id) { status commune { code } } }`,
    { id: prospectId },
    staff.token,
  );
  expect(prospect.prospect).toEqual({ status: 'CONTACTED', commune: { code: '93048' } });
  const mail = await waitFor(`the invitation e-mail to ${email}`, async () =>
    harness.sink!.messages.find((m) => JSON.stringify(m.to).includes(email)),
  );
  expect(mail.text).toContain('Votre café nous a beaucoup plu !');
  expect(mail.text).toMatch(/\/rejoindre\?invitation=/);

  // The list of prospects, filtered by status in the URL, shows it.
  await checked(page, false, `${web.url}/equipe/reperage?statut=CONTACTED`);
  await page.getByRole('link', { name: 'Café associatif Le Lien' }).waitFor();
  await checked(page, false, `${web.url}/equipe/reperage?statut=DECLINED`);
  expect(await page.getByRole('link', { name: 'Café associatif Le Lien' }).count()).toBe(0);
  // The dashboard's « Contacts à relancer » leads to the list of those whose next step is due.
  await checked(page, false, `${web.url}/equipe`);
  await page.getByRole('link', { name: /Contacts à relancer/ }).click();
  await page.waitForURL((url) => url.pathname === '/equipe/reperage' && url.searchParams.get('a-relancer') === '1');
  await checked(page, false);
  await page.getByRole('link', { name: 'Café associatif Le Lien' }).waitFor();

  // The outreach chart: Est Ensemble (Montreuil's territory) has its bars, in the SVG and in the table.
  const territories = await gqlData<{ territories: { code: string; name: string; communes: { code: string }[] }[] }>(
    harness.system,
    `{ territories { code name communes { code } } }`,
    {},
  );
  const estEnsemble = territories.territories.find((t) => t.communes.some((c) => c.code === '93048'))!;
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(harness.system.clock.now());
  await checked(page, false, `${web.url}/equipe/reperage/chiffres?du=2026-01-01&au=${today}`);
  const chart = page.getByRole('img', { name: /Contacts repérés, contactés et inscrits par territoire/ });
  expect(await chart.locator('g[data-territoire]').count()).toBe(12);
  const bars = chart.locator(`g[data-territoire="${estEnsemble.code}"] rect`);
  expect(await bars.count()).toBe(3);
  expect(Number(await bars.nth(0).getAttribute('width'))).toBeGreaterThan(0);
  expect(await bars.nth(0).locator('title').textContent()).toBe(`${estEnsemble.name} : 1 repérés`);
  const row = page.getByRole('row', { name: new RegExp(estEnsemble.name) });
  expect((await row.locator('td').allTextContents()).slice(0, 3)).toEqual(['1', '1', '0']);
  // Before the prospect was spotted: nothing.
  await checked(page, false, `${web.url}/equipe/reperage/chiffres?du=2026-01-01&au=2026-01-31`);
  expect(
    await page
      .getByRole('row', { name: new RegExp(estEnsemble.name) })
      .locator('td')
      .first()
      .textContent(),
  ).toBe('0');

  // The café follows the do-not-contact link of its e-mail: its page says so, and offers no invitation any more.
  const stop = /https?:\/\/\S+\/ne-plus-me-contacter\?token=\S+/.exec(mail.text!)![0];
  const stranger = await (await visitor(browser, false)).newPage();
  await checked(stranger, false, stop);
  await stranger.getByRole('button', { name: 'Ne plus me contacter' }).click();
  await stranger.getByRole('heading', { name: "C'est noté" }).waitFor();
  await stranger.context().close();
  await checked(page, false, `${web.url}/equipe/reperage/${prospectId}`);
  await shown(page, 'Cette personne a demandé à ne plus être contactée');
  expect(await page.getByRole('button', { name: 'Envoyer l’invitation' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Enregistrer', exact: true }).count()).toBe(0);
  await page.context().close();
  // A long journey (the item, the form refused then accepted, a note, the e-mail, the chart, do-not-contact): more than the default minute on two busy cores.
}, 150_000);

it('is usable at 320 px: nothing wider than the screen but the tables, which scroll in their wrapper', async () => {
  const context = await visitor(browser, false, { width: 320, height: 640 });
  const page = await context.newPage();
  await logIn(page, false, web.url, staff, '/equipe/veille');
  const prospect = await gqlData<{ createProspect: { id: string } }>(
    harness.system,
    `mutation($input: CreateProspectInput!) { createProspect(input: $input) { id } }`,
    {
      input: {
        name: 'Amicale des locataires des Courtillières, à Pantin',
        kind: 'ASSOCIATION',
        communeCode: '93055',
        contact: { email: 'amicale.courtillieres@example.org' },
      },
    },
    staff.token,
  );
  await gqlData(
    harness.system,
    `mutation($id: ID!) { addProspectNote(id: $id, text: "Rencontrée à la fête de quartier : très motivée pour le jardin.") { id } }`,
    { id: prospect.createProspect.id },
    staff.token,
  );
  for (const path of [
    '/equipe/veille',
    `/equipe/veille/${items['café']}`,
    '/equipe/reperage',
    `/equipe/reperage/${prospect.createProspect.id}`,
    '/equipe/reperage/chiffres',
  ]) {
    await checked(page, false, `${web.url}${path}`);
    const overflow = await page.evaluate('document.documentElement.scrollWidth');
    expect({ path, overflow }).toEqual({ path, overflow: 320 });
  }
  await context.close();
});

it('answers 403 to a member on an item and a prospect page', async () => {
  const prospects = await gqlData<{ prospects: { edges: { node: { id: string } }[] } }>(
    harness.system,
    `{ prospects(first: 1) { edges { node { id } } } }`,
    {},
    staff.token,
  );
  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, member, '/moi');
  for (const path of [`/equipe/veille/${items.jardin}`, `/equipe/reperage/${prospects.prospects.edges[0]!.node.id}`]) {
    const response = await page.goto(`${web.url}${path}`);
    expect({ path, status: response?.status() }).toEqual({ path, status: 403 });
  }
  await context.close();
});
