/**
 * « Mon parcours » on /moi (issue #19) in Chromium against the whole system: the formations and ateliers the member was
 * marked present at, the skills they gave (apart from the ones the member declares on their profile), and upcoming
 * events that develop a skill not gained yet, as links; with JavaScript off (JOURNEY_MODES). axe-core checks every page visited.
 */
import type { Browser } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { JOURNEY_MODES, launchChromium, visitor } from './support/browser';
import { checked, logIn } from './support/pages';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

const NOW = new Date('2026-06-10T08:00:00.000Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;
let staff: TestMember;

async function gqlData<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await system.gql<T>(query, variables, token);
  if (!response.data || response.errors?.length) throw new Error(`GraphQL failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** A published event by staff developing these skills, with these members registered, moved to start `offsetMs` from now. */
async function event(title: string, kind: string, skillIds: string[], offsetMs: number, registered: TestMember[] = []): Promise<string> {
  const start = new Date(NOW.getTime() + 5 * DAY);
  const { createEvent } = await gqlData<{ createEvent: { id: string } }>(
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        description: 'On se retrouve.',
        kind,
        skillIds,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Maison des associations', address: '1 rue Méchain', communeCode: '93039' },
      },
    },
    staff.token,
  );
  for (const m of registered) await gqlData(`mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`, { id: createEvent.id }, m.token);
  const startsAt = new Date(system.clock.now().getTime() + offsetMs);
  await system.db.query(`UPDATE events.events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
    createEvent.id,
    startsAt,
    new Date(startsAt.getTime() + 2 * HOUR),
  ]);
  return createEvent.id;
}

const skill = async (name: string) =>
  (
    await gqlData<{ createSkill: { id: string } }>(
      `mutation S($input: SkillInput!) { createSkill(input: $input) { id } }`,
      { input: { name } },
      staff.token,
    )
  ).createSkill.id;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({ now: NOW });
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-training-path-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

it('/moi shows « Mon parcours »: attended, skills gained apart from the declared ones, suggestions as links', async () => {
  const learner = await system.signUp({ displayName: 'Lina Lefèvre' });
  const [parole, budget] = [await skill('Prendre la parole en public'), await skill('Lire un budget communal')];
  const formation = await event('Formation prise de parole', 'FORMATION', [parole], -3 * DAY, [learner]);
  const missed = await event('Atelier budget manqué', 'ATELIER', [budget], -2 * DAY, [learner]);
  const upcoming = await event('Atelier lire le budget', 'ATELIER', [budget], 4 * DAY);
  await event('Formation prise de parole, bis', 'FORMATION', [parole], 6 * DAY);
  await gqlData(
    `mutation M($input: MarkAttendanceInput!) { markAttendance(input: $input) { id } }`,
    { input: { eventId: formation, entries: [{ memberId: learner.id, status: 'PRESENT' }] } },
    staff.token,
  );
  await gqlData(
    `mutation M($input: MarkAttendanceInput!) { markAttendance(input: $input) { id } }`,
    { input: { eventId: missed, entries: [{ memberId: learner.id, status: 'ABSENT' }] } },
    staff.token,
  );
  await gqlData(`mutation { updateMyProfile(input: { skills: ["Cuisine collective"] }) { id } }`, {}, learner.token);

  for (const [, javaScript] of JOURNEY_MODES) {
    const context = await visitor(browser, javaScript);
    const page = await context.newPage();
    await logIn(page, javaScript, web.url, learner, '/moi');
    await checked(page, javaScript);
    const section = page.getByRole('region', { name: 'Mon parcours' });
    const lists = section.getByRole('list');
    // Attended: the formation only (the atelier they missed is not there).
    await expect(lists.nth(0).getByRole('listitem').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Formation : Formation prise de parole, /),
    ]);
    // Gained, from the formation; declared ones apart.
    await expect(lists.nth(1).getByRole('listitem').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Prendre la parole en public, acquise le .* à « Formation prise de parole »$/),
    ]);
    await expect(lists.nth(2).getByRole('listitem').allInnerTexts()).resolves.toEqual(['Cuisine collective']);
    // Suggested: the upcoming atelier on the skill not gained; not the formation's sequel.
    await expect(lists.nth(3).getByRole('listitem').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Atelier : Atelier lire le budget, .*\(Lire un budget communal\)$/),
    ]);
    await section.getByRole('link', { name: 'Atelier lire le budget' }).click();
    await page.waitForURL((url) => url.pathname === `/evenements/${upcoming}`);
    await checked(page, javaScript);
    await context.close();
  }
});
