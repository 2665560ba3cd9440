/**
 * Every link of every e-mail leads somewhere on the site: each template of packages/mail is rendered with its sample
 * (packages/mail/test/support/email-samples.ts; PUBLIC_URL = the running site's origin, secret links filled with a token); every link of its HTML part and every
 * address written in its text part is followed by an anonymous visitor, and each gives a page (2xx) or a redirect to
 * /connexion when the page needs a session; then the e-mail's recipient, signed in, follows those: each gives the
 * page itself (2xx), and the log-in page sends them back to it. Never a 404, never a 500. Links to other sites (a
 * digest item may point elsewhere) are not followed. The staff's digest links to the console (/equipe): its recipient
 * is a staff member.
 */
import { UnsubscribeTokens } from '@metropotes/auth';
import { fillSecretLinks, MAIL_TEMPLATE_NAMES, renderEmail, type MailTemplateName } from '@metropotes/mail';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { emailSamples } from '../../../packages/mail/test/support/email-samples';
import { createEvent } from '../../workers/test/support/workers-harness';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

let system: TestSystem;
let web: RunningWeb;
let site: string;
let eventId: string;
let newcomerId: string;
let guideSlug: string;
/** The session cookie of a member signed in through the site's log-in form: the e-mails' recipient. */
let recipientCookie: string;
/** The same for a staff member: the recipient of the staff's digest, whose links are console pages. */
let staffCookie: string;
let groupId: string;
/** The group's unsubscribe token for the recipient, as the workers sign it at delivery (group-message). */
let groupUnsubscribeToken: string;
/** The recipient's digest unsubscribe token, as the workers sign it at delivery: that link is followed for real. */
let unsubscribeToken: string;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem();
  const port = await freePort();
  site = `http://127.0.0.1:${port}`;
  web = await startWeb({
    port,
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, PUBLIC_URL: site, WEB_SESSION_SECRET: 'the-session-key-of-the-e-mail-links-test-01' },
  });
  const staff = await system.signUp({ role: 'STAFF' });
  const recipient = await system.signUp({ displayName: 'Awa' });
  const logIn = await fetch(`${site}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: site, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: recipient.email, password: recipient.password, retour: '/moi' }).toString(),
  });
  const cookie = logIn.headers.getSetCookie().find((line) => line.startsWith('metropotes_session='));
  if (logIn.status !== 303 || !cookie) throw new Error(`log-in through the site failed: ${logIn.status}`);
  recipientCookie = cookie.split(';')[0]!;
  const staffLogIn = await fetch(`${site}/connexion`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: site, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: staff.email, password: staff.password, retour: '/equipe' }).toString(),
  });
  const staffSession = staffLogIn.headers.getSetCookie().find((line) => line.startsWith('metropotes_session='));
  if (staffLogIn.status !== 303 || !staffSession) throw new Error(`staff log-in through the site failed: ${staffLogIn.status}`);
  staffCookie = staffSession.split(';')[0]!;
  const group = await system.gql<{ createGroup: { id: string } }>(
    `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
    { input: { name: 'Collectif des e-mails' } },
    recipient.token,
  );
  if (!group.data) throw new Error(`createGroup: ${JSON.stringify(group.errors)}`);
  groupId = group.data.createGroup.id;
  groupUnsubscribeToken = new UnsubscribeTokens(system.env.SYSTEM_PRIVATE_KEY!).groupTokenFor(recipient.id, groupId);
  unsubscribeToken = new UnsubscribeTokens(system.env.SYSTEM_PRIVATE_KEY!).tokenFor(recipient.id);
  eventId = (await createEvent(system, staff.token, { title: 'Atelier des e-mails' })).id;
  newcomerId = (await system.signUp({ displayName: 'Nouvelle Métropote' })).id;
  const created = await system.gql<{ createGuideArticle: { id: string; slug: string } }>(
    `mutation G($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id slug } }`,
    { input: { title: 'Monter un compost de quartier', summary: 'Les étapes, les aides de la ville.', body: 'Parlez-en à vos voisins.' } },
    staff.token,
  );
  if (!created.data) throw new Error(`createGuideArticle: ${JSON.stringify(created.errors)}`);
  guideSlug = created.data.createGuideArticle.slug;
  const published = await system.gql(
    `mutation P($id: ID!) { publishGuideArticle(id: $id) { id } }`,
    { id: created.data.createGuideArticle.id },
    staff.token,
  );
  if (published.errors?.length) throw new Error(`publishGuideArticle: ${JSON.stringify(published.errors)}`);
}, 240_000);

afterAll(async () => {
  await web?.stop();
  await system?.stop();
});

/** The templates' samples (shared with the phone-width test), pointing at things that exist on the running system. */
const sampleFor = (template: MailTemplateName) => {
  const sample = emailSamples({ publicUrl: site, eventId, memberId: newcomerId, groupId, guideSlug })[template];
  return { displayName: sample.displayName, publicUrl: site, params: sample.params };
};

const linksOf = (html: string): string[] => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
/** The addresses written in the text part (mail clients make them links), without the punctuation after them. */
const addressesIn = (text: string): string[] => [...text.matchAll(/https?:\/\/[^\s<>()"]+/g)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));

describe('every link of every e-mail', () => {
  it('renders every template, and each has at least one link to the site', () => {
    for (const template of MAIL_TEMPLATE_NAMES) {
      const mail = renderEmail(template, sampleFor(template));
      expect({ template, links: linksOf(mail.html).filter((url) => url.startsWith(site)).length > 0 }).toEqual({ template, links: true });
    }
  });

  it.each(MAIL_TEMPLATE_NAMES)('%s: every link to the site gives a page, or asks to log in', async (template) => {
    const mail = renderEmail(template, sampleFor(template));
    // The single-use links' pages answer any token with their button (the token is checked when it is pressed); the
    // digest's and a group message's unsubscribe links are checked when opened, so they get real ones.
    const secret = template === 'digest' ? unsubscribeToken : template === 'group-message' ? groupUnsubscribeToken : 'jeton-exemple-sans-valeur';
    const html = fillSecretLinks(mail.html, secret, 'html');
    const text = fillSecretLinks(mail.text, secret, 'text');
    const links = [...new Set([...linksOf(html), ...addressesIn(text)].filter((url) => url.startsWith(`${site}/`)))];
    expect(links.length).toBeGreaterThan(0);
    const outcomes: { link: string; status: number; location?: string }[] = [];
    for (const link of links) {
      const response = await fetch(link, { redirect: 'manual' });
      await response.arrayBuffer();
      outcomes.push({
        link: new URL(link).pathname + new URL(link).search,
        status: response.status,
        ...(response.headers.get('location') ? { location: response.headers.get('location')! } : {}),
      });
    }
    // Every link gets a page: 2xx, or the log-in page for pages that need a session…
    const broken = outcomes.filter(
      ({ status, location }) => !(status >= 200 && status < 300) && !(status >= 300 && status < 400 && location?.startsWith('/connexion')),
    );
    expect(broken).toEqual([]);
    // The digest links to pages for members (the preferences, a newcomer's profile): the check below runs.
    if (template === 'digest')
      expect(
        outcomes
          .filter((o) => o.location)
          .map((o) => o.link)
          .sort(),
      ).toEqual([`/membres/${newcomerId}`, '/preferences'].sort());
    // The welcome's one-click registration link asks a visitor to log in first, and brings them back to it.
    if (template === 'welcome') expect(outcomes.filter((o) => o.location).map((o) => o.link)).toContain(`/evenements/${eventId}?inscription=1`);
    // …which brings the member back to the link once signed in; and signed in, the link is the page itself.
    for (const { link, location } of outcomes.filter((outcome) => outcome.location)) {
      const back = new URL(location!, site).searchParams.get('retour');
      expect({ link, back }).toEqual({ link, back: link });
      const signedIn = await fetch(`${site}${link}`, {
        redirect: 'manual',
        headers: { cookie: template === 'staff-digest' ? staffCookie : recipientCookie },
      });
      await signedIn.arrayBuffer();
      expect({ link, status: signedIn.status }).toEqual({ link, status: 200 });
    }
  });
});
