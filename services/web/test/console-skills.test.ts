/**
 * Skills in the staff console and on the public event page (issue #19), in Chromium against the whole system: staff
 * add a skill on /equipe/competences (errors next to the field, what was typed kept), tick it on an atelier, and a
 * visitor reads it under « Compétences travaillées »; an archived skill stays on that atelier but is offered no more.
 * axe-core checks every page visited; the journey runs with JavaScript off, adding and renaming also with it on.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const DAY = 86_400_000;

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;

async function gqlData<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await system.gql<T>(query, variables, token);
  if (!response.data || response.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

const SKILLS = `query { skills(includeArchived: true) { id name description archived } }`;
type Skills = { skills: { id: string; name: string; description: string; archived: boolean }[] };
const EVENT_SKILLS = `query E($id: ID!) { event(id: $id) { skills { id name } } }`;

/** A published event of `kind` a week after the run's now, created by staff through the API. */
async function staffEvent(title: string, kind: string): Promise<string> {
  const start = new Date(system.clock.now().getTime() + 7 * DAY);
  start.setUTCHours(16, 0, 0, 0);
  const { createEvent } = await gqlData<{ createEvent: { id: string } }>(
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        kind,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
        venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
      },
    },
    staff.token,
  );
  return createEvent.id;
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-skills-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

async function staffPage(javaScript: boolean, then: string): Promise<Page> {
  const context = await visitor(browser, javaScript);
  const page = await context.newPage();
  await logIn(page, javaScript, web.url, staff, then);
  await checked(page, javaScript);
  return page;
}

it('staff add a skill without JavaScript, tick it on an atelier, and the public page shows it', async () => {
  const page = await staffPage(false, '/equipe/competences');
  await page.getByRole('heading', { name: 'Compétences', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: "Console de l'équipe" }).getByRole('link', { name: 'Compétences' }).waitFor();

  // No name: said next to the field, the description kept.
  await page.getByLabel('Ce qu’elle recouvre').fill('Écrire à un élu, poser une question en conseil municipal.');
  await page.getByRole('button', { name: 'Ajouter la compétence' }).click();
  await shown(page, 'Indiquez le nom de la compétence.');
  await checked(page, false);
  expect(await page.getByLabel('Nom de la compétence').getAttribute('aria-invalid')).toBe('true');
  expect(await page.getByLabel('Ce qu’elle recouvre').inputValue()).toBe('Écrire à un élu, poser une question en conseil municipal.');

  await page.getByLabel('Nom de la compétence').fill('Interpeller un élu');
  await page.getByRole('button', { name: 'Ajouter la compétence' }).click();
  await shown(page, '« Interpeller un élu » est ajoutée.');
  await checked(page, false);
  const table = page.getByRole('table', { name: /Compétences/ });
  await table.getByRole('rowheader', { name: 'Interpeller un élu' }).waitFor();
  const skill = (await gqlData<Skills>(SKILLS, {})).skills.find((s) => s.name === 'Interpeller un élu')!;
  expect(skill).toMatchObject({ description: 'Écrire à un élu, poser une question en conseil municipal.', archived: false });

  // The same name in another case: the API's refusal next to the field, what was typed kept.
  await page.getByLabel('Nom de la compétence').fill('INTERPELLER UN ÉLU');
  await page.getByRole('button', { name: 'Ajouter la compétence' }).click();
  await shown(page, "Une compétence s'appelle déjà « Interpeller un élu » : choisissez un autre nom.");
  await checked(page, false);
  expect(await page.locator('#champ-name-erreur').textContent()).toBe(
    "Une compétence s'appelle déjà « Interpeller un élu » : choisissez un autre nom.",
  );
  expect(await page.getByLabel('Nom de la compétence').inputValue()).toBe('INTERPELLER UN ÉLU');

  // Ticked on an atelier in its edit form.
  const atelierId = await staffEvent('Atelier : écrire à sa mairie', 'ATELIER');
  await checked(page, false, `${web.url}/equipe/evenements/${atelierId}/modifier`);
  const skills = page.getByRole('group', { name: 'Compétences travaillées' });
  await skills.getByLabel('Interpeller un élu').check();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await shown(page, 'Les modifications sont enregistrées.');
  await checked(page, false);
  expect(await page.getByRole('group', { name: 'Compétences travaillées' }).getByLabel('Interpeller un élu').isChecked()).toBe(true);
  expect((await gqlData<{ event: { skills: { id: string }[] } }>(EVENT_SKILLS, { id: atelierId })).event.skills.map((s) => s.id)).toEqual([skill.id]);

  // A débat may not declare it: said next to the skills, nothing changed.
  const debatId = await staffEvent('Métrokawa : le logement', 'DEBAT');
  await checked(page, false, `${web.url}/equipe/evenements/${debatId}/modifier`);
  await page.getByRole('group', { name: 'Compétences travaillées' }).getByLabel('Interpeller un élu').check();
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await shown(page, 'Seuls les ateliers et les formations déclarent des compétences travaillées.');
  await checked(page, false);
  expect(await page.locator('#champ-skillIds-erreur').textContent()).toBe(
    'Seuls les ateliers et les formations déclarent des compétences travaillées.',
  );
  expect((await gqlData<{ event: { skills: unknown[] } }>(EVENT_SKILLS, { id: debatId })).event.skills).toEqual([]);

  // A visitor reads it on the atelier's page.
  const visitorContext = await visitor(browser, false);
  const publicPage = await visitorContext.newPage();
  await checked(publicPage, false, `${web.url}/evenements/${atelierId}`);
  const section = publicPage.getByRole('region', { name: 'Compétences travaillées' });
  await section.getByText('Interpeller un élu').waitFor();
  expect(await section.textContent()).toContain('Écrire à un élu, poser une question en conseil municipal.');
  // Not on the débat's.
  await checked(publicPage, false, `${web.url}/evenements/${debatId}`);
  expect(await publicPage.getByRole('heading', { name: 'Compétences travaillées' }).count()).toBe(0);

  // Archived: still on the atelier (shown as archived in its form), not offered for a new event.
  await checked(page, false, `${web.url}/equipe/competences`);
  await page.getByRole('button', { name: 'Archiver « Interpeller un élu »' }).click();
  await shown(page, '« Interpeller un élu » est archivée : elle n’est plus proposée.');
  await checked(page, false);
  await checked(publicPage, false, `${web.url}/evenements/${atelierId}`);
  await publicPage.getByRole('region', { name: 'Compétences travaillées' }).getByText('Interpeller un élu').waitFor();
  await checked(page, false, `${web.url}/equipe/evenements/${atelierId}/modifier`);
  expect(await page.getByLabel('Interpeller un élu (archivée)').isChecked()).toBe(true);
  await gqlData(`mutation { createSkill(input: { name: "Prendre la parole en public" }) { id } }`, {}, staff.token);
  await checked(page, false, `${web.url}/equipe/evenements/nouveau`);
  await page.getByRole('group', { name: 'Compétences travaillées' }).getByLabel('Prendre la parole en public').waitFor();
  expect(await page.getByText('Interpeller un élu').count()).toBe(0);
  await visitorContext.close();
  await page.context().close();
}, 180_000);

it('staff add and rename a skill with JavaScript on', async () => {
  const page = await staffPage(true, '/equipe/competences');
  await page.getByLabel('Nom de la compétence').fill('Animer une reunion');
  await page.getByRole('button', { name: 'Ajouter la compétence' }).click();
  await shown(page, '« Animer une reunion » est ajoutée.');
  await checked(page, true);
  await page.getByRole('link', { name: 'Renommer « Animer une reunion »' }).click();
  await page.getByRole('heading', { name: 'Modifier « Animer une reunion »' }).waitFor();
  await checked(page, true);
  await page.getByLabel('Nom de la compétence').fill('Animer une réunion');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await shown(page, '« Animer une réunion » est enregistrée.');
  await checked(page, true);
  const names = (await gqlData<Skills>(SKILLS, {})).skills.map((s) => s.name);
  expect(names).toContain('Animer une réunion');
  expect(names).not.toContain('Animer une reunion');
  await page.context().close();
}, 120_000);

it('is usable at 320 px: the skills page and an event form with skills are no wider than the screen', async () => {
  await gqlData(
    `mutation { createSkill(input: { name: "Monter un projet associatif", description: "Objectifs, budget, partenaires, calendrier, demande de subvention." }) { id } }`,
    {},
    staff.token,
  );
  const atelierId = await staffEvent('Atelier : monter son projet', 'ATELIER');
  const context = await visitor(browser, false, { width: 320, height: 640 });
  const page = await context.newPage();
  await logIn(page, false, web.url, staff, '/equipe/competences');
  for (const path of ['/equipe/competences', `/equipe/evenements/${atelierId}/modifier`]) {
    await checked(page, false, `${web.url}${path}`);
    await page.getByText('Monter un projet associatif').first().waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth');
    expect({ path, overflow }).toEqual({ path, overflow: 320 });
  }
  await context.close();
}, 120_000);
