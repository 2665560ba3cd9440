/**
 * Every link of every e-mail leads somewhere on the site: each template of packages/mail is rendered with sample data
 * (PUBLIC_URL = the running site's origin, secret links filled with a token), every link of its HTML part is followed
 * by an anonymous visitor, and each gives a page (2xx) or a redirect to /connexion when the page needs a session.
 * Never a 404, never a 500. Links to other sites (a digest item may point elsewhere) are not followed.
 */
import { fillSecretLinks, MAIL_TEMPLATE_NAMES, renderEmail } from '@metropotes/mail';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { createEvent } from '../../workers/test/support/workers-harness';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';


let system: TestSystem;
let web: RunningWeb;
let site: string;
let eventId: string;
let newcomerId: string;
let guideSlug: string;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  const port = await freePort();
  site = `http://127.0.0.1:${port}`;
  web = await startWeb({ port, gatewayUrl: system.url, env: { CLOCK_START: system.env.CLOCK_START!, PUBLIC_URL: site, WEB_SESSION_SECRET: 'the-session-key-of-the-e-mail-links-test-01' } });
  const staff = await system.signUp({ role: 'STAFF' });
  eventId = (await createEvent(system, staff.token, { title: 'Atelier des e-mails' })).id;
  newcomerId = (await system.signUp({ displayName: 'Nouvelle Métropote' })).id;
  const created = await system.gql<{ createGuideArticle: { id: string; slug: string } }>(
    `mutation G($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id slug } }`,
    { input: { title: 'Monter un compost de quartier', summary: 'Les étapes, les aides de la ville.', body: 'Parlez-en à vos voisins.' } },
    staff.token,
  );
  if (!created.data) throw new Error(`createGuideArticle: ${JSON.stringify(created.errors)}`);
  guideSlug = created.data.createGuideArticle.slug;
  const published = await system.gql(`mutation P($id: ID!) { publishGuideArticle(id: $id) { id } }`, { id: created.data.createGuideArticle.id }, staff.token);
  if (published.errors?.length) throw new Error(`publishGuideArticle: ${JSON.stringify(published.errors)}`);
}, 240_000);

afterAll(async () => {
  await web?.stop();
  await system?.stop();
});

/** Sample parameters: the superset every template takes, pointing at things that exist on the running system. */
function sampleParams(): Record<string, string> {
  const startsAt = new Date(system.clock.now().getTime() + 2 * 86_400_000);
  return {
    eventId,
    title: 'Atelier des e-mails',
    when: 'jeudi 12 juin à 18 h 30',
    place: 'Maison des associations',
    reason: 'La salle est indisponible.',
    startsAtIso: startsAt.toISOString(),
    writtenAtIso: system.clock.now().toISOString(),
    validForDays: '30',
    message: 'Au plaisir de vous rencontrer.',
    periodLabel: 'de la semaine',
    preferencesUrl: `${site}/preferences`,
    // As the workers build a digest (services/workers/src/digest/digest-run.ts): events, fiches, newcomers.
    sections: JSON.stringify([
      { title: 'Agenda', items: [{ label: 'Atelier des e-mails', url: `${site}/evenements/${eventId}` }] },
      { title: 'Guide', items: [{ label: 'Monter un compost de quartier', url: `${site}/guide/${guideSlug}` }] },
      { title: 'Nouveaux membres', items: [{ label: 'Nouvelle Métropote', url: `${site}/membres/${newcomerId}` }] },
      { title: 'Ailleurs', items: [{ label: 'Un autre site', url: 'https://example.org/ailleurs' }] },
    ]),
  };
}

const linksOf = (html: string): string[] => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('every link of every e-mail', () => {
  it('renders every template, and each has at least one link to the site', () => {
    for (const template of MAIL_TEMPLATE_NAMES) {
      const mail = renderEmail(template, { displayName: 'Awa', publicUrl: site, params: sampleParams() });
      expect({ template, links: linksOf(mail.html).filter((url) => url.startsWith(site)).length > 0 }).toEqual({ template, links: true });
    }
  });

  it.each(MAIL_TEMPLATE_NAMES)('%s: every link to the site gives a page, or asks to log in', async (template) => {
    const mail = renderEmail(template, { displayName: 'Awa', publicUrl: site, params: sampleParams() });
    const html = fillSecretLinks(mail.html, 'jeton-exemple-sans-valeur', 'html');
    const links = [...new Set(linksOf(html).filter((url) => url.startsWith(`${site}/`)))];
    expect(links.length).toBeGreaterThan(0);
    const outcomes: { link: string; status: number; location?: string }[] = [];
    for (const link of links) {
      const response = await fetch(link, { redirect: 'manual' });
      await response.arrayBuffer();
      outcomes.push({ link: new URL(link).pathname + new URL(link).search, status: response.status, ...(response.headers.get('location') ? { location: response.headers.get('location')! } : {}) });
    }
    // Every link gets a page: 2xx, or the log-in page for pages that need a session.
    const broken = outcomes.filter(({ status, location }) => !(status >= 200 && status < 300) && !(status >= 300 && status < 400 && location?.startsWith('/connexion')));
    expect(broken).toEqual([]);
  });
});
