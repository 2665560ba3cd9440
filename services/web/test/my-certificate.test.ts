/**
 * The participation certificate on the site (issue #19) against the whole system: /moi/attestation.pdf (a visitor is
 * sent to log in and back; a member never marked present is told why there is none), the PDF's text (the member, the
 * events with their Paris date, the skill, the code), and the console page /equipe/attestations checking a code.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startTestSystem, type TestMember, type TestSystem } from '@metropotes/test-kit';
import { unbreakable } from '../app/lib/display-time';
import { launchChromium, visitor } from './support/browser';
import { checked, logIn, shown } from './support/pages';
import { pdfPlainText } from './support/pdf-text';
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

/** A published event by staff with `member` registered, then moved to start at `startsAt` and marked PRESENT. */
async function attended(member: TestMember, title: string, kind: string, startsAt: string, over: Record<string, unknown> = {}): Promise<void> {
  const start = new Date(NOW.getTime() + 5 * 24 * HOUR);
  const { createEvent } = await gqlData<{ createEvent: { id: string } }>(
    `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        description: 'On se retrouve.',
        kind,
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
        venue: { name: 'Maison des associations', communeCode: '93048' },
        ...over,
      },
    },
    staff.token,
  );
  await gqlData(`mutation R($id: ID!) { registerForEvent(eventId: $id) { id } }`, { id: createEvent.id }, member.token);
  await system.db.query(`UPDATE events.events SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
    createEvent.id,
    startsAt,
    new Date(Date.parse(startsAt) + 2 * HOUR),
  ]);
  await gqlData(
    `mutation M($input: MarkAttendanceInput!) { markAttendance(input: $input) { id } }`,
    { input: { eventId: createEvent.id, entries: [{ memberId: member.id, status: 'PRESENT' }] } },
    staff.token,
  );
}

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({ now: NOW });
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_SESSION_SECRET: 'the-session-key-of-the-certificate-test' },
  });
  browser = await launchChromium();
  staff = await system.signUp({ role: 'STAFF', displayName: 'Camille Équipe' });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

it('/moi/attestation.pdf: log in first; none without attendance; the PDF names the member, events, skill and code', async () => {
  const anonymous = await fetch(`${web.url}/moi/attestation.pdf`, { redirect: 'manual' });
  expect({ status: anonymous.status, location: anonymous.headers.get('location') }).toEqual({
    status: 302,
    location: '/connexion?retour=%2Fmoi%2Fattestation.pdf',
  });

  const learner = await system.signUp({ displayName: 'Awa Diallo' });
  const context = await visitor(browser, false);
  const page = await context.newPage();
  await logIn(page, false, web.url, learner, '/moi');
  // Never marked present: back on « Mon parcours », told why.
  await page.getByRole('link', { name: 'Télécharger mon attestation (PDF)' }).click();
  await page.waitForURL((url) => url.pathname === '/moi' && url.searchParams.get('attestation') === 'aucune');
  await shown(page, /Pas encore d'attestation : vous n'avez encore été noté·e présent·e à aucun rendez-vous/);
  await checked(page, false);

  const { createSkill } = await gqlData<{ createSkill: { id: string } }>(
    `mutation { createSkill(input: { name: "Prendre la parole en public" }) { id } }`,
    {},
    staff.token,
  );
  // 22:30 UTC on 31 May is 0 h 30 on 1 June in Paris (summer time): the PDF gives the Paris date.
  await attended(learner, 'Formation prise de parole', 'FORMATION', '2026-05-31T22:30:00.000Z', { skillIds: [createSkill.id] });
  await attended(learner, 'Pot du pote de Montreuil', 'POT_DU_POTE', '2026-06-03T17:00:00.000Z');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger mon attestation (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('attestation-metropotes.pdf');
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = pdfPlainText(pdf);
  expect(text).toContain('Attestation de participation');
  expect(text).toContain("Association Métropop'!");
  expect(text).toContain('Awa Diallo');
  expect(text).toContain('a participé à 2 activités du réseau du 1er juin 2026 au 3 juin 2026');
  expect(text).toContain('1er juin 2026 — Formation prise de parole (Formation, Montreuil)');
  expect(text).toContain('3 juin 2026 — Pot du pote de Montreuil (Pot du pote, Montreuil)');
  expect(text).toContain('Prendre la parole en public — acquise le 1er juin 2026');
  const { rows } = await system.db.query<{ code: string }>(`SELECT code FROM events.participation_certificates WHERE member_id = $1`, [learner.id]);
  expect(rows).toHaveLength(1);
  const code = rows[0]!.code.match(/.{4}/g)!.join('-');
  expect(text).toContain(`Code de vérification : ${code}`);
  expect(text).toMatch(/\/equipe\/ ?attestations/);

  // Downloaded again: the same certificate (no new row).
  const again = await page.request.get(`${web.url}/moi/attestation.pdf`);
  expect(again.headers()['content-type']).toBe('application/pdf');
  expect(pdfPlainText(await again.body())).toContain(`Code de vérification : ${code}`);
  expect((await system.db.query(`SELECT 1 FROM events.participation_certificates WHERE member_id = $1`, [learner.id])).rowCount).toBe(1);

  // A member gets 403 on the console page.
  const refused = await page.request.get(`${web.url}/equipe/attestations?code=${code}`, { maxRedirects: 0 });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain('Awa Diallo');
  await context.close();

  // Staff check the code, typed in lower case without dashes; an unknown one is said next to the field, kept.
  const staffContext = await visitor(browser, false);
  const staffPage = await staffContext.newPage();
  await logIn(staffPage, false, web.url, staff, '/equipe/attestations');
  await checked(staffPage, false);
  await staffPage.getByLabel('Code de vérification').fill(code.replace(/-/g, '').toLowerCase());
  await staffPage.getByRole('button', { name: 'Vérifier' }).click();
  await shown(staffPage, /Cette attestation est authentique : délivrée à Awa Diallo le/);
  const lists = staffPage.getByRole('region', { name: `Attestation ${code}` }).getByRole('list');
  await expect(lists.nth(0).getByRole('listitem').allInnerTexts()).resolves.toEqual(
    ['lundi 1er juin : Formation prise de parole (Formation, Montreuil)', 'mercredi 3 juin : Pot du pote de Montreuil (Pot du pote, Montreuil)'].map(
      unbreakable,
    ),
  );
  await expect(lists.nth(1).getByRole('listitem').allInnerTexts()).resolves.toEqual([
    expect.stringMatching(/^Prendre la parole en public, acquise le lundi 1er\u00a0juin/),
  ]);
  await checked(staffPage, false);

  await staffPage.getByLabel('Code de vérification').fill('AAAA-AAAA-AAAA');
  await staffPage.getByRole('button', { name: 'Vérifier' }).click();
  await shown(staffPage, 'Aucune attestation ne porte le code « AAAA-AAAA-AAAA »');
  expect(await staffPage.getByLabel('Code de vérification').inputValue()).toBe('AAAA-AAAA-AAAA');
  expect(await staffPage.getByLabel('Code de vérification').getAttribute('aria-invalid')).toBe('true');
  await checked(staffPage, false);

  await staffPage.getByLabel('Code de vérification').fill('ABC-12');
  await staffPage.getByRole('button', { name: 'Vérifier' }).click();
  await shown(staffPage, /Ce code de vérification n'est pas valide/);
  expect(await staffPage.getByLabel('Code de vérification').inputValue()).toBe('ABC-12');
  await staffContext.close();
});
