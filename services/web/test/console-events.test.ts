/**
 * The staff console's events (/equipe/evenements) in Chromium against the whole system: reviewing members'
 * proposals (publish; reject only with a reason) and the changes to published events, creating and editing an event,
 * a monthly series built with the sentence editor (its dates previewed, then in the agenda), and an event's
 * registrations with their CSV export. axe-core checks every page visited; the main journey runs with JavaScript off
 * (JOURNEY_MODES). The suite names its instant: Wednesday 10 June 2026, 10:00 Paris time.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { unbreakable } from '../app/lib/display-time';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const NOW = new Date('2026-06-10T08:00:00.000Z');
const DAY = 86_400_000;

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;
let member: TestMember;
let helene: TestMember;
let zoe: TestMember;
/** The series the sentence editor created (its page is checked for members' 403 later). */
let seriesId = '';

async function gqlData<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await system.gql<T>(query, variables, token);
  if (!response.data || response.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

const CREATE = `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id status } }`;
const EVENT = `query E($id: ID!) { event(id: $id) { id title status startsAt endsAt rejectionReason capacity themes kind venue { name commune { code } } } }`;
type EventSeen = {
  event: {
    id: string;
    title: string;
    status: string;
    startsAt: string;
    endsAt: string;
    rejectionReason: string | null;
    capacity: number | null;
    themes: string[];
    kind: string;
    venue: { name: string; commune: { code: string } } | null;
  };
};

/** A member's proposal, `days` after the suite's now, at 18:00 UTC for two hours. */
async function propose(title: string, days: number): Promise<string> {
  const start = new Date(NOW.getTime() + days * DAY);
  start.setUTCHours(16, 0, 0, 0);
  const { createEvent } = await gqlData<{ createEvent: { id: string; status: string } }>(
    CREATE,
    {
      input: {
        title,
        description: 'Un moment pour *se rencontrer* entre voisin·es.',
        kind: 'ATELIER',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
        venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
      },
    },
    member.token,
  );
  expect(createEvent.status).toBe('PENDING_REVIEW');
  return createEvent.id;
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({ now: NOW });
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-console-events-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
  member = await system.signUp({ displayName: 'Martin Membre' });
  helene = await system.signUp({ displayName: 'Hélène Dupré' });
  zoe = await system.signUp({ displayName: 'Zoé "Zozo" Martin; Bobigny' });
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

describe.each(JOURNEY_MODES)('with %s', (_label, javaScript) => {
  it('a staff member rejects a proposal only with a reason, publishes the other, and sees it in the public agenda', async () => {
    const suffix = javaScript ? 'JS' : 'sans JS';
    const first = `Atelier vélo-école (${suffix})`;
    const second = `Troc de graines (${suffix})`;
    const firstId = await propose(first, 3);
    const secondId = await propose(second, 4);

    const page = await staffPage(javaScript, '/equipe/evenements');
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: first }) });
    await card.getByText('Martin Membre').waitFor();
    await card
      .getByText('Maison des associations, 1 rue Méchain, L’Île-Saint-Denis')
      .or(card.getByText("Maison des associations, 1 rue Méchain, L'Île-Saint-Denis"))
      .waitFor();

    // Refusing without a reason: a French error next to that proposal's field, nothing decided.
    await card.getByRole('button', { name: `Refuser « ${first} »` }).click();
    await shown(page, 'Indiquez le motif du refus : il est envoyé à l’organisateur·rice.');
    await checked(page, javaScript);
    const refused = page.getByRole('article').filter({ has: page.getByRole('heading', { name: first }) });
    expect(await refused.getByLabel('Motif du refus').getAttribute('aria-invalid')).toBe('true');
    expect((await gqlData<EventSeen>(EVENT, { id: firstId }, staff.token)).event.status).toBe('PENDING_REVIEW');

    // Publishing: a confirmation, and the next proposal comes first.
    await refused.getByRole('button', { name: `Publier « ${first} »` }).click();
    await shown(page, 'L’événement est publié dans l’agenda');
    await checked(page, javaScript);
    expect(await page.getByRole('status').textContent()).toContain('L’événement est publié dans l’agenda');
    await page.getByRole('heading', { name: `Proposition suivante : ${second}` }).waitFor();
    expect((await gqlData<EventSeen>(EVENT, { id: firstId }, staff.token)).event.status).toBe('PUBLISHED');

    // The other is refused with a reason, which its organizer reads.
    const next = page.getByRole('article').filter({ has: page.getByRole('heading', { name: `Proposition suivante : ${second}` }) });
    await next.getByLabel('Motif du refus').fill('Le lieu n’est pas encore confirmé : reproposez-le avec l’adresse.');
    await next.getByRole('button', { name: `Refuser « ${second} »` }).click();
    await shown(page, 'La proposition est refusée');
    await checked(page, javaScript);
    const rejected = (await gqlData<EventSeen>(EVENT, { id: secondId }, member.token)).event;
    expect({ status: rejected.status, reason: rejected.rejectionReason }).toEqual({
      status: 'REJECTED',
      reason: 'Le lieu n’est pas encore confirmé : reproposez-le avec l’adresse.',
    });

    // A visitor sees the published one in the public agenda, not the refused one.
    const visitorContext = await visitor(browser, javaScript);
    const agenda = await visitorContext.newPage();
    await checked(agenda, javaScript, `${web.url}/agenda`);
    await agenda.getByRole('link', { name: first }).first().waitFor();
    expect(await agenda.getByText(second).count()).toBe(0);
    await visitorContext.close();
    await page.context().close();
  });
});

it('accepts a change an organizer proposed to a published event (#modifications)', async () => {
  const id = await propose('Ciné-débat du quartier', 5);
  await gqlData(`mutation P($id: ID!) { publishEvent(id: $id) { id } }`, { id }, staff.token);
  await gqlData(
    `mutation U($id: ID!, $input: UpdateEventInput!) { updateEvent(id: $id, input: $input) { id } }`,
    { id, input: { title: 'Ciné-débat : la ville à vélo' } },
    member.token,
  );
  const page = await staffPage(false, '/equipe/evenements');
  const section = page.locator('#modifications');
  const revision = section.getByRole('article').filter({ hasText: 'la ville à vélo' });
  await revision.getByRole('button', { name: 'Refuser la modification' }).click();
  await shown(page, 'Indiquez le motif du refus : son auteur·rice le lira.');
  await checked(page, false);
  await page.locator('#modifications').getByRole('button', { name: 'Accepter la modification' }).click();
  await shown(page, 'La modification est appliquée à l’événement publié.');
  expect(new URL(page.url()).hash).toBe('#modifications');
  await checked(page, false);
  expect((await gqlData<EventSeen>(EVENT, { id }, staff.token)).event.title).toBe('Ciné-débat : la ville à vélo');
  await page.context().close();
});

it('creates an event in Paris time (errors next to the fields, values kept), edits it, then cancels it with a reason', async () => {
  const page = await staffPage(false, '/equipe/evenements/nouveau');
  await page.getByLabel('Titre').fill('Formation « prise de parole »');
  await page.getByLabel('Date de début').fill('2026-07-02');
  await page.getByLabel('Heure de début').fill('18:30');
  await page.getByLabel('Heure de fin').fill('20:30');
  await page.getByLabel('Lieu', { exact: true }).fill('Café associatif');
  await page.getByLabel('Nombre de places').fill('douze');
  await page.getByRole('button', { name: 'Créer l’événement' }).click();
  // No kind, a capacity that is no number, a place without its commune: each said next to its field, the rest kept.
  await shown(page, 'Choisissez le type de rendez-vous.');
  await checked(page, false);
  expect(await page.getByLabel('Titre').inputValue()).toBe('Formation « prise de parole »');
  expect(await page.getByLabel('Heure de début').inputValue()).toBe('18:30');
  expect(await page.locator('#champ-capacity-erreur').textContent()).toContain('Indiquez un nombre de places');
  expect(await page.locator('#champ-communeCode-erreur').textContent()).toBe('Choisissez la commune du lieu.');

  await page.getByLabel('Type de rendez-vous').selectOption('FORMATION');
  await page.getByLabel('Nombre de places').fill('12');
  await page.getByLabel('Commune', { exact: true }).selectOption('93039');
  await page.getByLabel('Démocratie locale').check();
  await page.getByRole('button', { name: 'Créer l’événement' }).click();
  await shown(page, 'L’événement est créé.');
  await checked(page, false);
  const id = new URL(page.url()).pathname.split('/')[3]!;
  const created = (await gqlData<EventSeen>(EVENT, { id }, staff.token)).event;
  // Thursday 2 July 2026, 18:30 in Paris (summer time, UTC+2) is 16:30 UTC.
  expect({
    startsAt: created.startsAt,
    endsAt: created.endsAt,
    status: created.status,
    capacity: created.capacity,
    kind: created.kind,
    venue: created.venue,
  }).toEqual({
    startsAt: '2026-07-02T16:30:00.000Z',
    endsAt: '2026-07-02T18:30:00.000Z',
    status: 'PUBLISHED',
    capacity: 12,
    kind: 'FORMATION',
    venue: { name: 'Café associatif', commune: { code: '93039' } },
  });

  // Edit: the saved values are in the form, in Paris time.
  expect(await page.getByLabel('Heure de début').inputValue()).toBe('18:30');
  await page.getByLabel('Heure de début').fill('19:00');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await shown(page, 'Les modifications sont enregistrées.');
  expect((await gqlData<EventSeen>(EVENT, { id }, staff.token)).event.startsAt).toBe('2026-07-02T17:00:00.000Z');

  // Cancel: a reason is required.
  await page.getByRole('button', { name: 'Annuler l’événement' }).click();
  await shown(page, 'Indiquez le motif de l’annulation');
  await checked(page, false);
  await page.getByLabel('Motif de l’annulation').fill('La formatrice est malade.');
  await page.getByRole('button', { name: 'Annuler l’événement' }).click();
  await shown(page, 'L’événement est annulé');
  await checked(page, false);
  expect((await gqlData<EventSeen>(EVENT, { id }, staff.token)).event.status).toBe('CANCELLED');
  await page.context().close();
});

it('builds a monthly series with the sentence editor, previews its next dates, and its occurrences land in the agenda', async () => {
  const page = await staffPage(false, '/equipe/evenements/series/nouvelle');
  await page.getByLabel('Titre').fill('Pot du pote de Bobigny');
  await page.getByLabel('Type de rendez-vous').selectOption('POT_DU_POTE');
  await page.getByLabel('Semaine du mois (chaque mois seulement)').selectOption('1');
  await page.getByLabel('Jour', { exact: true }).selectOption('TH');
  await page.getByLabel('Fréquence').selectOption('MONTHLY');
  await page.getByLabel('Heure de début').fill('18:30');
  await page.getByLabel('Heure de fin').fill('20:30');
  await page.getByLabel('Lieu', { exact: true }).fill('Bourse du travail');
  await page.getByLabel('Commune', { exact: true }).selectOption('93008');
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await shown(page, 'le premier jeudi de chaque mois à 18 h 30');
  await checked(page, false);
  // From Wednesday 10 June 2026: the first Thursdays, 18:30 Paris time in summer and in winter alike.
  expect(await page.getByRole('status').locator('li').allTextContents()).toEqual(
    [
      'jeudi 2 juillet à 18 h 30',
      'jeudi 6 août à 18 h 30',
      'jeudi 3 septembre à 18 h 30',
      'jeudi 1er octobre à 18 h 30',
      'jeudi 5 novembre à 18 h 30',
    ].map(unbreakable),
  );
  expect(await page.getByRole('status').locator('code').textContent()).toBe('FREQ=MONTHLY;BYDAY=+1TH');
  expect(await page.getByLabel('Titre').inputValue()).toBe('Pot du pote de Bobigny');
  await page.getByRole('button', { name: 'Créer la série' }).click();
  await shown(page, 'La série est créée');
  await checked(page, false);
  seriesId = new URL(page.url()).pathname.split('/').pop()!;

  const { eventSeries } = await gqlData<{ eventSeries: { rrule: string; startTime: string; durationMinutes: number } }>(
    `query S($id: ID!) { eventSeries(id: $id) { rrule startTime durationMinutes } }`,
    { id: seriesId },
    staff.token,
  );
  expect(eventSeries).toEqual({ rrule: 'FREQ=MONTHLY;BYDAY=+1TH', startTime: '18:30', durationMinutes: 120 });
  const { agenda } = await gqlData<{ agenda: { edges: { node: { title: string; startsAt: string; startsAtLocal: string } }[] } }>(
    `query A { agenda(first: 100, filter: { kinds: [POT_DU_POTE] }) { edges { node { title startsAt startsAtLocal } } } }`,
    {},
  );
  const dates = agenda.edges.filter((e) => e.node.title === 'Pot du pote de Bobigny').map((e) => [e.node.startsAt, e.node.startsAtLocal]);
  // Six months ahead; 18:30 Paris is 16:30 UTC until the end of October, 17:30 UTC after.
  expect(dates).toEqual([
    ['2026-07-02T16:30:00.000Z', '2026-07-02T18:30:00+02:00'],
    ['2026-08-06T16:30:00.000Z', '2026-08-06T18:30:00+02:00'],
    ['2026-09-03T16:30:00.000Z', '2026-09-03T18:30:00+02:00'],
    ['2026-10-01T16:30:00.000Z', '2026-10-01T18:30:00+02:00'],
    ['2026-11-05T17:30:00.000Z', '2026-11-05T18:30:00+01:00'],
    ['2026-12-03T17:30:00.000Z', '2026-12-03T18:30:00+01:00'],
  ]);

  // The series page reads its rule back into the sentence; a weekly rule replaces it.
  expect(await page.getByLabel('Semaine du mois (chaque mois seulement)').inputValue()).toBe('1');
  await page.getByLabel('Fréquence').selectOption('WEEKLY');
  await page.getByLabel('Jour', { exact: true }).selectOption('TU');
  await page.getByLabel('Heure de début').fill('19:00');
  await page.getByLabel('Heure de fin').fill('21:00');
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  await shown(page, 'chaque semaine le mardi à 19 h');
  await checked(page, false);
  expect(await page.getByRole('status').locator('li').first().textContent()).toBe(unbreakable('mardi 16 juin à 19 h'));
  await page.context().close();
});

it('lists the confirmed and the waitlisted, and exports them as CSV with the right accents', async () => {
  const start = new Date(NOW.getTime() + 30 * DAY);
  start.setUTCHours(16, 0, 0, 0);
  const { createEvent } = await gqlData<{ createEvent: { id: string } }>(
    CREATE,
    {
      input: {
        title: 'Atelier « budget participatif »',
        kind: 'ATELIER',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 7_200_000).toISOString(),
        capacity: 1,
        venue: { name: 'Maison des associations', communeCode: '93039' },
      },
    },
    staff.token,
  );
  const id = createEvent.id;
  const REGISTER = `mutation R($id: ID!) { registerForEvent(eventId: $id) { status createdAt } }`;
  type Registered = { registerForEvent: { status: string; createdAt: string } };
  const heleneRegistration = (await gqlData<Registered>(REGISTER, { id }, helene.token)).registerForEvent;
  const zoeRegistration = (await gqlData<Registered>(REGISTER, { id }, zoe.token)).registerForEvent;
  expect([heleneRegistration.status, zoeRegistration.status]).toEqual(['CONFIRMED', 'WAITLISTED']);
  // When they registered, as the export writes it: Paris time (the suite's clock runs on from 10:00).
  const paris = (instant: string) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(instant));
  expect(paris(heleneRegistration.createdAt)).toMatch(/^2026-06-10 1\d:\d\d$/);

  const page = await staffPage(false, `/equipe/evenements/${id}/inscriptions`);
  const confirmed = page.getByRole('table', { name: 'Inscriptions confirmées, par ordre d’inscription' });
  await confirmed.getByRole('rowheader', { name: 'Hélène Dupré' }).waitFor();
  expect(await confirmed.getByText(helene.email).count()).toBe(1);
  const waitlist = page.getByRole('table', { name: 'Liste d’attente, dans l’ordre où les places seront données' });
  await waitlist.getByRole('rowheader', { name: 'Zoé "Zozo" Martin; Bobigny' }).waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger la liste/ }).click()]);
  // Friday 10 July 2026, 18:00 in Paris.
  expect(download.suggestedFilename()).toBe('inscriptions-2026-07-10-atelier-budget-participatif.csv');
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toBe('Statut;Position en liste d’attente;Nom;Adresse e-mail;Inscrit·e le (heure de Paris)');
  expect(lines[1]).toBe(`Confirmé·e;;Hélène Dupré;${helene.email};${paris(heleneRegistration.createdAt)}`);
  // A name holding the separator and quotes is quoted, its quotes doubled.
  expect(lines[2]).toBe(`En liste d’attente;1;"Zoé ""Zozo"" Martin; Bobigny";${zoe.email};${paris(zoeRegistration.createdAt)}`);
  expect(lines.slice(3)).toEqual(['']);

  const response = await page.request.get(`${web.url}/equipe/evenements/${id}/inscriptions.csv`);
  expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="inscriptions-2026-07-10-atelier-budget-participatif\.csv"/);
  await page.context().close();

  // A member gets 403 on an event's console pages and its export; a visitor is sent to log in.
  const context = await visitor(browser, false);
  const memberPage = await context.newPage();
  await logIn(memberPage, false, web.url, member, '/moi');
  for (const path of [
    `/equipe/evenements/${id}/inscriptions`,
    `/equipe/evenements/${id}/inscriptions.csv`,
    `/equipe/evenements/${id}/modifier`,
    `/equipe/evenements/series/${seriesId || 'nouvelle'}`,
  ]) {
    const answer = await memberPage.request.get(`${web.url}${path}`, { maxRedirects: 0 });
    expect({ path, status: answer.status() }).toEqual({ path, status: 403 });
    expect(await answer.text()).not.toContain('Hélène');
  }
  await context.close();
  const anonymous = await fetch(`${web.url}/equipe/evenements/${id}/inscriptions.csv`, { redirect: 'manual' });
  expect({ status: anonymous.status, location: anonymous.headers.get('location') }).toEqual({
    status: 302,
    location: `/connexion?retour=${encodeURIComponent(`/equipe/evenements/${id}/inscriptions.csv`)}`,
  });
});
