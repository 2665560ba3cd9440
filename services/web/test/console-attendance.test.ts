/**
 * Attendance (issue #19) in Chromium against the whole system: a staff member marks who came on
 * /equipe/evenements/<id>/presences with JavaScript off (radios per registered person, a walk-in member found by name,
 * the non-members' count, ONE request; a bad count refused next to its field with the choices kept), and a member
 * checks in from the event page with the code shown at the venue (a wrong code refused next to the field, the typed
 * value kept), with JavaScript off (JOURNEY_MODES). The network's figures (/equipe/bilan and its CSV) on attendance marked
 * there. axe-core checks every page visited. The suite names its instant.
 */
import type { Browser, Page } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const NOW = new Date('2026-06-10T08:00:00.000Z');
const HOUR = 3600_000;

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;

async function gqlData<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await system.gql<T>(query, variables, token);
  if (!response.data || response.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

const ATTENDANCE = `query A($id: ID!) { event(id: $id) { checkInCode walkInCount attendedCount noShowCount
  attendees(first: 50) { edges { node { member { id } attendance walkIn } } } } }`;
type Attendance = {
  event: {
    checkInCode: string;
    walkInCount: number | null;
    attendedCount: number;
    noShowCount: number;
    attendees: { edges: { node: { member: { id: string }; attendance: string | null; walkIn: boolean } }[] };
  };
};

/** A published event by staff with these members registered, moved to start `startOffsetMs` from the run's now. */
async function eventWith(title: string, registered: TestMember[], startOffsetMs: number): Promise<string> {
  const start = new Date(system.clock.now().getTime() + 5 * 24 * HOUR);
  start.setUTCSeconds(0, 0);
  const { createEvent } = await gqlData<{ createEvent: { id: string } }>(
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        description: 'On se retrouve.',
        kind: 'ATELIER',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
      },
    },
    staff.token,
  );
  for (const m of registered) await gqlData(`mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`, { id: createEvent.id }, m.token);
  const startsAt = new Date(system.clock.now().getTime() + startOffsetMs);
  await system.db.query(`UPDATE events.events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
    createEvent.id,
    startsAt,
    new Date(startsAt.getTime() + 2 * HOUR),
  ]);
  return createEvent.id;
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({ now: NOW });
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-attendance-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

async function signedIn(member: TestMember, javaScript: boolean, then: string): Promise<Page> {
  const context = await visitor(browser, javaScript);
  const page = await context.newPage();
  await logIn(page, javaScript, web.url, member, then);
  await checked(page, javaScript);
  return page;
}

it('staff mark attendance with JavaScript off: radios, a walk-in found by name, the non-members, in one request', async () => {
  const [alice, bruno, chloe] = await Promise.all([
    system.signUp({ displayName: 'Alice Arnaud' }),
    system.signUp({ displayName: 'Bruno Berthier' }),
    system.signUp({ displayName: 'Chloé Carpentier' }),
  ]);
  const denis = await system.signUp({ displayName: 'Denis Sansinscription' });
  const id = await eventWith('Atelier réparation', [alice, bruno, chloe], -HOUR);

  const page = await signedIn(staff, false, `/equipe/evenements/${id}/inscriptions`);
  await page.getByRole('link', { name: 'Présences' }).click();
  await page.waitForURL((url) => url.pathname === `/equipe/evenements/${id}/presences`);
  await checked(page, false);
  const { event: before } = await gqlData<Attendance>(ATTENDANCE, { id }, staff.token);
  await shown(page, before.checkInCode);

  // The walk-in member, found by name (a GET form), then checked in the attendance form.
  await page.getByLabel('Nom du membre').fill('Sansinscr');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.waitForURL((url) => url.searchParams.get('recherche') === 'Sansinscr');
  await checked(page, false);
  await page.getByLabel(/Denis Sansinscription/).check();
  await page.locator(`#presence-${alice.id}-PRESENT`).check();
  await page.locator(`#presence-${bruno.id}-ABSENT`).check();
  await page.locator(`#presence-${chloe.id}-EXCUSED`).check();

  // A count that is not one: refused next to its field, every choice kept, nothing stored.
  await page.getByLabel('Personnes non membres venues').fill('trois');
  await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
  await shown(page, 'Indiquez un nombre entier, 0 ou plus.');
  await checked(page, false);
  expect(await page.getByLabel('Personnes non membres venues').inputValue()).toBe('trois');
  expect(await page.locator(`#presence-${bruno.id}-ABSENT`).isChecked()).toBe(true);
  expect(await page.getByLabel(/Denis Sansinscription/).isChecked()).toBe(true);
  expect((await gqlData<Attendance>(ATTENDANCE, { id }, staff.token)).event.attendedCount).toBe(0);

  await page.getByLabel('Personnes non membres venues').fill('3');
  await page.getByRole('button', { name: 'Enregistrer les présences' }).click();
  await page.waitForURL((url) => url.searchParams.get('fait') === 'presences');
  await page.getByRole('status').getByText('Les présences sont enregistrées.').waitFor();
  await checked(page, false);
  // The page shows what was stored: the choices, the walk-in among the registered now, the count.
  expect(await page.locator(`#presence-${chloe.id}-EXCUSED`).isChecked()).toBe(true);
  expect(await page.locator(`#presence-${denis.id}-PRESENT`).isChecked()).toBe(true);
  expect(await page.getByLabel('Personnes non membres venues').inputValue()).toBe('3');

  const { event } = await gqlData<Attendance>(ATTENDANCE, { id }, staff.token);
  expect(event).toMatchObject({ walkInCount: 3, attendedCount: 2, noShowCount: 1 });
  const byMember = new Map(event.attendees.edges.map((e) => [e.node.member.id, e.node]));
  expect(byMember.get(denis.id)).toEqual({ member: { id: denis.id }, attendance: 'PRESENT', walkIn: true });
  expect(byMember.get(chloe.id)?.attendance).toBe('EXCUSED');
  await page.context().close();
});

it('a member cannot open the attendance page (403)', async () => {
  const member = await system.signUp();
  const id = await eventWith('Réunion publique', [], -HOUR);
  const page = await signedIn(member, false, '/moi');
  const response = await page.goto(`${web.url}/equipe/evenements/${id}/presences`);
  expect(response?.status()).toBe(403);
  await page.context().close();
});

it('a member opts in to show the events they attended, from /moi/profil with JavaScript off', async () => {
  const member = await system.signUp({ displayName: 'Fanny Fidèle' });
  const optIn = `query O($id: ID!) { member(id: $id) { showAttendedEvents } }`;
  expect((await gqlData<{ member: { showAttendedEvents: boolean } }>(optIn, { id: member.id }, member.token)).member.showAttendedEvents).toBe(false);
  const page = await signedIn(member, false, '/moi/profil');
  await page.getByLabel('Montrer les événements où je suis venu·e').check();
  await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
  await page.waitForURL((url) => url.searchParams.has('enregistre'));
  await checked(page, false);
  expect(await page.getByLabel('Montrer les événements où je suis venu·e').isChecked()).toBe(true);
  expect((await gqlData<{ member: { showAttendedEvents: boolean } }>(optIn, { id: member.id }, member.token)).member.showAttendedEvents).toBe(true);
  await page.context().close();
});

it('staff read the network’s figures on /equipe/bilan (period checked next to its fields) and download them as CSV', async () => {
  const [paris, saintDenis] = await Promise.all([system.signUp({ communeCode: '75056' }), system.signUp({ communeCode: '93066' })]);
  const { rows } = await system.db.query<{ id: string }>(
    `INSERT INTO events.events (title, kind, status, starts_at, ends_at, commune_code, organizer_id)
     VALUES ('Pot du pote de mars', 'POT_DU_POTE', 'PUBLISHED', '2026-03-12T18:00:00Z', '2026-03-12T20:00:00Z', '93066', $1) RETURNING id`,
    [staff.id],
  );
  for (const m of [paris, saintDenis]) {
    await system.db.query(`INSERT INTO events.registrations (event_id, member_id, status, attendance) VALUES ($1, $2, 'CONFIRMED', 'PRESENT')`, [
      rows[0]!.id,
      m.id,
    ]);
  }
  await system.db.query(`INSERT INTO events.event_attendance (event_id, walk_in_count) VALUES ($1, 4)`, [rows[0]!.id]);

  // By default the last 12 months in Paris, today (10 June 2026) included.
  const page = await signedIn(staff, false, '/equipe/bilan');
  expect([await page.getByLabel('Du', { exact: true }).inputValue(), await page.getByLabel('Au (inclus)', { exact: true }).inputValue()]).toEqual([
    '2025-06-11',
    '2026-06-10',
  ]);

  // A reversed period: refused next to its field, the days kept.
  await page.getByLabel('Du', { exact: true }).fill('2026-03-31');
  await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-03-01');
  await page.getByRole('button', { name: 'Voir' }).click();
  await page.locator('#champ-au-erreur').getByText('La date de fin doit suivre la date de début.').waitFor();
  await checked(page, false);
  expect(await page.getByLabel('Du', { exact: true }).inputValue()).toBe('2026-03-31');

  await page.getByLabel('Du', { exact: true }).fill('2026-03-01');
  await page.getByLabel('Au (inclus)', { exact: true }).fill('2026-03-31');
  await page.getByRole('button', { name: 'Voir' }).click();
  await page.waitForURL((url) => url.searchParams.get('du') === '2026-03-01');
  await checked(page, false);
  const figures = page.getByRole('table', { name: /Chiffres clés/ });
  expect(
    await figures
      .getByRole('row', { name: /Participant·es \(membres venus au moins une fois\)/ })
      .getByRole('cell')
      .textContent(),
  ).toBe('2');
  expect(
    await figures
      .getByRole('row', { name: /non membres/ })
      .getByRole('cell')
      .textContent(),
  ).toBe('4');
  expect(await page.locator('svg.outreach-chart g[data-territoire="75056"] rect').first().getAttribute('width')).not.toBe('0');
  const byTerritory = page.getByRole('table', { name: /Par territoire/ });
  const parisRow = byTerritory.locator('tr', { has: page.getByRole('rowheader', { name: 'Paris', exact: true }) });
  expect(await parisRow.getByRole('cell').allTextContents()).toEqual(['1', '1', '0']);

  const response = await page.request.get(`${web.url}/equipe/bilan.csv?du=2026-03-01&au=2026-03-31`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe('Bilan du réseau Métropotes;du 01/03/2026 au 31/03/2026 (jours de Paris, inclus)');
  expect(lines).toContain('Événements tenus;1');
  expect(lines).toContain('Participant·es (membres venus au moins une fois);2');
  expect(lines).toContain('Paris;1;1;0');
  expect(lines).toContain('Pot du pote;1;2;2');
  await page.context().close();

  // Not for members: the API refuses them the figures.
  const member = await signedIn(await system.signUp(), false, '/moi');
  expect((await member.request.get(`${web.url}/equipe/bilan.csv`)).status()).toBe(403);
  await member.context().close();
});

describe.each(JOURNEY_MODES)('with %s', (_label, javaScript) => {
  it('a member checks in from the event page: a wrong code refused next to the field, then « Je suis là »', async () => {
    const member = await system.signUp({ displayName: `Élise ${javaScript ? 'JS' : 'sans JS'}` });
    const id = await eventWith(`Pot du pote (${javaScript ? 'JS' : 'sans JS'})`, [], 30 * 60_000);
    const { event } = await gqlData<Attendance>(ATTENDANCE, { id }, staff.token);
    const wrong = event.checkInCode === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';

    const page = await signedIn(member, javaScript, `/evenements/${id}`);
    await page.getByRole('heading', { name: 'Je suis là' }).waitFor();
    await page.getByLabel('Code affiché sur place').fill(wrong);
    await page.getByRole('button', { name: 'Je suis là' }).click();
    await page
      .locator('#champ-code-erreur')
      .getByText(/code ne correspond pas/)
      .waitFor();
    await checked(page, javaScript);
    expect(await page.getByLabel('Code affiché sur place').inputValue()).toBe(wrong);

    await page.getByLabel('Code affiché sur place').fill(event.checkInCode.toLowerCase());
    await page.getByRole('button', { name: 'Je suis là' }).click();
    await shown(page, 'Votre présence est notée');
    await checked(page, javaScript);
    expect(await page.getByLabel('Code affiché sur place').count()).toBe(0);
    const { event: after } = await gqlData<Attendance>(ATTENDANCE, { id }, staff.token);
    expect(after.attendees.edges.find((e) => e.node.member.id === member.id)?.node).toMatchObject({ attendance: 'PRESENT', walkIn: true });
    await page.context().close();
  });
});
