/**
 * The staff console's members and newcomers (/equipe/membres, /equipe/membres/<id>, /equipe/accueil) in Chromium
 * against the whole system: a newcomer welcomed with a buddy, two welcomed in one request, a member's sanctions and
 * the reports about them, role changes for admins only (and the API's refusal of a forged form).
 */
import type { Browser, Page } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let admin: TestMember;

const UPDATE_PROFILE = `mutation U($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`;
const WELCOME = `mutation W($id: ID!) { welcomeMember(memberId: $id) { id } }`;
const MEMBER_STATE = `query M($id: ID!) { member(id: $id) { role isNewcomer welcomeNote buddy { id } } }`;

interface MemberState {
  member: { role: string; isNewcomer: boolean; welcomeNote: string | null; buddy: { id: string } | null };
}

async function memberState(id: string) {
  const answer = await system.gql<MemberState>(MEMBER_STATE, { id }, staff.token);
  expect(answer.errors).toBeUndefined();
  return answer.data!.member;
}

/** The console opened as `who`, JavaScript on or off. */
async function consolePage(javaScript: boolean, who: TestMember, path: string): Promise<Page> {
  const context = await visitor(browser, javaScript);
  const page = await context.newPage();
  await logIn(page, javaScript, web.url, who, path);
  await checked(page, javaScript);
  return page;
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-members-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
  admin = await system.signUp({ role: 'ADMIN', displayName: 'Alix Administration' });
  // The team is welcomed: the newcomers' list holds the test's newcomers only.
  await system.db.query(`UPDATE members.members SET welcome_status = 'WELCOMED'`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

it('welcomes a newcomer with a buddy chosen from the suggestions, from their page', async () => {
  // A welcomed Métropote of Plaine Commune who shares interests: the suggested buddy.
  const buddy = await system.signUp({ communeCode: '93066', displayName: 'Bérénice Binôme' });
  await system.gql(UPDATE_PROFILE, { input: { interests: ['LOGEMENT', 'CULTURE'] } }, buddy.token);
  await system.gql(WELCOME, { id: buddy.id }, staff.token);
  for (const [, javaScript] of JOURNEY_MODES) {
    const name = javaScript ? 'Noé Nouveau' : 'Nina Nouvelle';
    const newcomer = await system.signUp({ communeCode: '93039', displayName: name });
    await system.gql(UPDATE_PROFILE, { input: { interests: ['LOGEMENT'] } }, newcomer.token);
    // Joined three weeks ago by the run's clock.
    await system.db.query(`UPDATE members.members SET joined_at = $2::timestamptz - interval '22 days' WHERE id = $1`, [
      newcomer.id,
      system.clock.now(),
    ]);

    const page = await consolePage(javaScript, staff, '/equipe/accueil');
    const row = page.getByRole('row', { name: new RegExp(name) });
    expect(await row.textContent()).toMatch(/L'Île-Saint-Denis/);
    expect(await row.textContent()).toMatch(/il y a 3 semaines/);
    await row.getByRole('link', { name, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/equipe/membres/${newcomer.id}`);
    await checked(page, javaScript);

    // Choosing without a choice: refused next to the field.
    await page.getByRole('button', { name: 'Choisir ce binôme' }).click();
    await shown(page, 'Choisissez un binôme parmi les suggestions.');
    await checked(page, javaScript);
    await page.getByLabel(/Bérénice Binôme/).check();
    await page.getByRole('button', { name: 'Choisir ce binôme' }).click();
    await page.waitForURL((url) => url.searchParams.get('fait') === 'binome');
    await shown(page, 'Le binôme est choisi.');
    expect(await page.locator('.staff-facts').textContent()).toContain('Bérénice Binôme');

    await page.getByLabel("Note d'accueil (pour l'équipe)").fill('Appelée au téléphone, viendra au prochain pot.');
    await page.getByRole('button', { name: 'Marquer comme accueilli·e' }).click();
    await page.waitForURL((url) => url.pathname === '/equipe/accueil' && url.searchParams.get('fait') === 'accueil');
    await shown(page, 'Une personne est marquée accueillie.');
    await checked(page, javaScript);
    expect(await page.getByRole('row', { name: new RegExp(name) }).count()).toBe(0);
    expect(await memberState(newcomer.id)).toEqual({
      role: 'MEMBER',
      isNewcomer: false,
      welcomeNote: 'Appelée au téléphone, viendra au prochain pot.',
      buddy: { id: buddy.id },
    });
    await page.context().close();
  }
});

it('welcomes two newcomers in one request, and asks for a choice first', async () => {
  await system.db.query(`UPDATE members.members SET welcome_status = 'WELCOMED'`);
  const first = await system.signUp({ displayName: 'Paul Premier' });
  const second = await system.signUp({ displayName: 'Quitterie Seconde' });
  const left = await system.signUp({ displayName: 'Rémi Restant' });
  const page = await consolePage(false, staff, '/equipe/accueil');
  expect(await page.getByRole('table').getByRole('caption').textContent()).toContain('3 personnes à accueillir');

  await page.getByRole('button', { name: 'Marquer la sélection comme accueillie' }).click();
  await shown(page, 'Cochez au moins une personne à accueillir.');
  await checked(page, false);

  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') requests.push(request.url());
  });
  await page.getByLabel('Accueillir Paul Premier').check();
  await page.getByLabel('Accueillir Quitterie Seconde').check();
  await page.getByLabel(/Note d'accueil/).fill("Réunion d'accueil du jeudi.");
  await page.getByRole('button', { name: 'Marquer la sélection comme accueillie' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'accueil');
  await shown(page, '2 personnes sont marquées accueillies. Une autre attend encore.');
  await checked(page, false);
  expect(requests).toHaveLength(1);
  for (const member of [first, second]) {
    expect(await memberState(member.id)).toMatchObject({ isNewcomer: false, welcomeNote: "Réunion d'accueil du jeudi." });
  }
  expect(await memberState(left.id)).toMatchObject({ isNewcomer: true });
  expect(await page.getByRole('row', { name: /Rémi Restant/ }).count()).toBe(1);
  await page.context().close();
});

it('lists the newcomers who have not come yet, with the weeks since they signed up', async () => {
  const waiting = await system.signUp({ displayName: 'Wassila Attend' });
  const came = await system.signUp({ displayName: 'Victor Venu' });
  const welcomed = await system.signUp({ displayName: 'Octave Accueilli' });
  await system.gql(WELCOME, { id: welcomed.id }, staff.token);
  // Their first participation comes from events through the workers (services/workers/test/newcomer-nudge.test.ts).
  await system.db.query(`UPDATE members.members SET first_participation_at = joined_at WHERE id = $1`, [came.id]);
  await system.db.query(`UPDATE members.members SET joined_at = joined_at - interval '5 weeks' WHERE id = $1`, [waiting.id]);
  const page = await consolePage(false, staff, '/equipe/accueil');
  await page.getByRole('link', { name: 'Pas encore venu·es' }).click();
  await page.waitForURL((url) => url.searchParams.get('vue') === 'pas-venus');
  await page.getByRole('heading', { name: 'Pas encore venu·es' }).waitFor();
  await checked(page, false);
  const row = page.getByRole('row', { name: /Wassila Attend/ });
  expect(await row.textContent()).toContain('il y a 5 semaines');
  expect(await row.textContent()).toContain('À accueillir');
  // Welcomed but not come yet: still followed.
  expect(await page.getByRole('row', { name: /Octave Accueilli/ }).textContent()).toContain('Accueilli·e');
  expect(await page.getByRole('row', { name: /Victor Venu/ }).count()).toBe(0);
  // The oldest sign-up first.
  expect(await page.getByRole('row').nth(1).textContent()).toContain('Wassila Attend');
  await page.context().close();
});

it('finds any member by name and shows their sanctions and the reports about them', async () => {
  const target = await system.signUp({ displayName: 'Sacha Sanctionné' });
  const reporter = await system.signUp();
  const reported = await system.gql(
    `mutation R($input: ReportContentInput!) { reportContent(input: $input) { id } }`,
    { input: { targetType: 'MEMBER', targetId: target.id, reason: 'HARASSMENT', details: 'Messages insistants après le pot.' } },
    reporter.token,
  );
  expect(reported.errors).toBeUndefined();
  const queue = await system.gql<{ moderationQueue: { edges: { node: { id: string } }[] } }>(
    `query Q($id: ID!) { moderationQueue(filter: { targetId: $id }) { edges { node { id } } } }`,
    { id: target.id },
    staff.token,
  );
  const caseId = queue.data!.moderationQueue.edges[0]!.node.id;
  const decided = await system.gql(
    `mutation D($id: ID!, $input: DecideCaseInput!) { decideCase(caseId: $id, input: $input) { id } }`,
    { id: caseId, input: { action: 'WARN', reason: 'Rappel de la charte : pas de messages insistants.' } },
    staff.token,
  );
  expect(decided.errors).toBeUndefined();
  // Seen by the team only since: staff find them anyway.
  await system.gql(UPDATE_PROFILE, { input: { profileVisibility: 'STAFF' } }, target.token);

  const page = await consolePage(false, staff, '/equipe/membres');
  await page.getByLabel('Chercher par nom').fill('sacha');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.waitForURL((url) => url.searchParams.get('recherche') === 'sacha');
  await checked(page, false);
  expect(await page.getByRole('table').getByRole('caption').textContent()).toContain('1 membre');
  await page.getByRole('link', { name: 'Sacha Sanctionné' }).click();
  await page.waitForURL((url) => url.pathname === `/equipe/membres/${target.id}`);
  await checked(page, false);
  const sanctions = page.getByRole('region', { name: 'Avertissements et sanctions' });
  expect(await sanctions.textContent()).toMatch(/Avertissement.*par Camille Équipe.*Rappel de la charte : pas de messages insistants\./s);
  const reports = page.getByRole('region', { name: 'Signalements à son sujet' });
  expect(await reports.textContent()).toMatch(
    /Dossier traité.*1 signalement.*Harcèlement ou propos blessants : « Messages insistants après le pot. »/s,
  );
  expect(await page.locator('.staff-facts').textContent()).toContain("L'équipe d'animation seulement");
  await page.context().close();
});

it('lets an admin change a role; staff see no such form and a forged one is refused by the API', async () => {
  const member = await system.signUp({ displayName: 'Romane Rôle' });
  for (const [, javaScript] of JOURNEY_MODES) {
    const page = await consolePage(javaScript, staff, `/equipe/membres/${member.id}`);
    expect(await page.getByRole('heading', { name: 'Changer le rôle' }).count()).toBe(0);
    expect(await page.getByLabel('Rôle', { exact: true }).count()).toBe(0);
    // The form an admin would send, posted with the staff member's session from the site's own origin.
    const forged = await page.request.post(`${web.url}/equipe/membres/${member.id}`, {
      form: { intent: 'role', role: 'STAFF' },
      headers: { origin: web.url },
    });
    expect(forged.status()).toBe(400);
    expect(await memberState(member.id)).toMatchObject({ role: 'MEMBER' });
    await page.context().close();
  }

  const page = await consolePage(false, admin, `/equipe/membres/${member.id}`);
  await page.getByLabel('Rôle', { exact: true }).selectOption('STAFF');
  await page.getByRole('button', { name: 'Changer le rôle' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'role');
  await shown(page, /Le rôle a changé/);
  await checked(page, false);
  expect(await memberState(member.id)).toMatchObject({ role: 'STAFF' });
  expect(await page.locator('.staff-facts').textContent()).toContain("Équipe d'animation");
  await page.context().close();
});

it('pages the members by cursor, the search kept', async () => {
  for (let i = 0; i < 31; i += 1) await system.signUp({ displayName: `Ulysse Page ${String(i).padStart(2, '0')}` });
  const page = await consolePage(false, staff, '/equipe/membres?recherche=ulysse');
  expect(await page.getByRole('table').getByRole('caption').textContent()).toContain('31 membres');
  expect(await page.getByRole('row', { name: /Ulysse Page/ }).count()).toBe(30);
  await page.getByRole('link', { name: 'Page suivante' }).click();
  await page.waitForURL((url) => url.searchParams.has('apres') && url.searchParams.get('recherche') === 'ulysse');
  await checked(page, false);
  expect(await page.getByRole('row', { name: /Ulysse Page/ }).count()).toBe(1);
  expect(await page.getByRole('row', { name: /Ulysse Page 30/ }).count()).toBe(1);
  expect(await page.getByRole('link', { name: 'Page suivante' }).count()).toBe(0);
  await page.context().close();
});
