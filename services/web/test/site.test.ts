/**
 * The site's own rules, over HTTP and in Chromium, against the whole system (no workers needed): forms from
 * elsewhere refused, the gateway's routes reachable from the site, the visitor's address forwarded (per-IP limits
 * count visitors, not the site), API errors in French (RATE_LIMITED says when; no internals), 404 and 500 pages,
 * robots.txt, security headers, and the weight of the JavaScript of public pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '@metropotes/test-kit';
import { DEFAULT_RATE_LIMITS } from '../../../gateway/src/security/rate-limit';
import { createSessionSealer, sessionFrom } from '../server/session-seal';
import { hydrated, javaScriptBytes, launchChromium, seriousAccessibilityViolations, visitor } from './support/browser';
import { ensureWebBuild } from './support/web-build';
import { freePort, startWeb, type RunningWeb } from './support/web-server';

/**
 * Gzipped JavaScript a public page may load: the 100 KB. React 19 and React Router 8 alone weigh about 111 KB
 * gzipped (react-dom 66 KB, React Router 44 KB; README "Weight"), so no page hydrates: pages ship no client script
 * (app/lib/static-page.ts), and the error summary of forms takes the focus with a one-line inline script.
 */
const JS_BUDGET_BYTES = 100 * 1024;
const SESSION_SECRET = 'the-session-key-of-the-site-test-0123456789';

let system: TestSystem;
let web: RunningWeb;
let browser: Browser;

beforeAll(async () => {
  await ensureWebBuild();
  system = await startTestSystem({
    // The event page's date is asserted as written ("vendredi 12 juin"): this suite names its instant, whatever
    // TEST_NOW says (Wednesday 10 June 2026, 10:00 Paris).
    now: new Date('2026-06-10T08:00:00.000Z'),
    // logIn limited to 2 attempts per IP per minute: the site must forward each visitor's own address. The test
    // kit signs its members up from one address, more than the 5 an hour of production.
    gateway: () => ({
      rateLimits: { ...DEFAULT_RATE_LIMITS, logIn: { points: 2, durationSeconds: 60 }, signUp: { points: 50, durationSeconds: 3600 } },
    }),
  });
  // The site itself trusts X-Forwarded-For from loopback here, as it would behind a reverse proxy: each test request
  // then comes from its own visitor address.
  web = await startWeb({
    port: await freePort(),
    gatewayUrl: system.url,
    env: { CLOCK_START: system.env.CLOCK_START!, WEB_TRUST_PROXY: 'loopback', WEB_SESSION_SECRET: SESSION_SECRET, LOG_LEVEL: 'debug' },
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await system?.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${web.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.url, ...headers },
    body: form(fields),
    redirect: 'manual',
  });
}

describe('forms from elsewhere', () => {
  it('are refused with 403 and a French page when Origin is another site', async () => {
    const response = await post('/connexion', { email: 'a@example.org', password: 'x' }, { origin: 'https://ailleurs.example' });
    expect(response.status).toBe(403);
    const html = await response.text();
    // <html lang="fr" data-static="">: the 404 page ships no script either.
    expect(html).toMatch(/<html lang="fr"[ >]/);
    expect(html).toContain('Formulaire refusé');
    expect(html).toContain('ne vient pas du site des Métropotes');
  });

  it('are refused without Origin and with a Referer from another site, or with neither', async () => {
    const noOrigin = (headers: Record<string, string>) =>
      fetch(`${web.url}/connexion`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: 'email=a',
        redirect: 'manual',
      });
    expect((await noOrigin({ referer: 'https://ailleurs.example/page' })).status).toBe(403);
    expect((await noOrigin({})).status).toBe(403);
    expect((await noOrigin({ referer: `${web.url}/connexion` })).status).not.toBe(403);
  });

  it('are accepted from the site itself', async () => {
    const response = await post('/connexion', { email: '', password: '' }, { 'x-forwarded-for': '198.51.100.90' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Indiquez votre adresse e-mail.');
  });
});

describe("the visitor's address goes to the gateway", () => {
  it("counts log-in attempts per visitor: one visitor's limit does not stop another, and says when to try again", async () => {
    const attempt = (ip: string) =>
      post('/connexion', { email: 'personne@example.org', password: 'Pas-le-bon-mot-de-passe' }, { 'x-forwarded-for': ip });
    expect((await attempt('203.0.113.7')).status).toBe(400);
    expect((await attempt('203.0.113.7')).status).toBe(400);
    const limited = await attempt('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const html = await limited.text();
    expect(html).toMatch(/Trop de demandes : réessayez dans \d+ (seconde|minute)s?\./);
    // What was typed is kept (never the password).
    expect(html).toContain('value="personne@example.org"');
    expect(html).not.toContain('Pas-le-bon-mot-de-passe');

    const other = await attempt('203.0.113.8');
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('Adresse e-mail ou mot de passe incorrect.');
  });
});

describe("the gateway's HTTP routes from the site's address", () => {
  it('serves the calendar feed and the unsubscribe page through the site', async () => {
    const calendar = await fetch(`${web.url}/calendar.ics?commune=93039`);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await calendar.text()).toContain('BEGIN:VCALENDAR');
    const unknownFeed = await fetch(`${web.url}/calendar/pas-un-secret-connu.ics`);
    expect(unknownFeed.status).toBe(404);
    // One-click unsubscribe (RFC 8058) is posted by mail clients without Origin: not refused by the form check.
    const unsubscribe = await fetch(`${web.url}/unsubscribe/jeton-inconnu`, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(unsubscribe.status).not.toBe(403);
    expect(unsubscribe.status).toBeLessThan(500);
    // The secrets of these paths never reach the site's logs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(web.output()).toContain('/calendar/[masqué].ics');
    expect(web.output()).not.toMatch(/pas-un-secret-connu|jeton-inconnu/);
  });
});

describe('requests to the gateway', () => {
  /** The gateway requests the site made for the page asked with `requestId` (its debug log lines). */
  const gatewayRequests = (requestId: string) =>
    web
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"gateway request"') && line.includes(`"requestId":"${requestId}"`))
      .map((line) => (JSON.parse(line) as { operation: string }).operation);

  it('one per page: the agenda with its filter, the home page, a later page of the agenda', async () => {
    for (const [path, operation] of [
      ['/agenda?commune=93039', 'Agenda'],
      ['/', 'Home'],
      ['/agenda?commune=93039&apres=bm9wZQ', 'Agenda'],
    ] as const) {
      const requestId = `une-requete-${operation}-${path.length}`;
      const response = await fetch(`${web.url}${path}`, { headers: { 'x-request-id': requestId } });
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect({ path, operations: gatewayRequests(requestId) }).toEqual({ path, operations: [operation] });
    }
  });
});

describe('the session', () => {
  const sealer = createSessionSealer(SESSION_SECRET);
  /** A browser's cookie holding `session`, encoded as React Router's createCookie does (base64 of JSON). */
  const cookieOf = async (session: Parameters<typeof sealer.seal>[0]) =>
    `metropotes_session=${encodeURIComponent(Buffer.from(JSON.stringify(await sealer.seal(session))).toString('base64'))}`;
  const sessionOf = async (setCookie: string | null) => {
    const value = /metropotes_session=([^;]*)/.exec(setCookie ?? '')?.[1];
    return value ? sealer.unseal(JSON.parse(Buffer.from(decodeURIComponent(value), 'base64').toString('utf8')) as string) : null;
  };
  const refresh = (token: string) => system.gql(`mutation R($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: token });

  it('refreshes tokens about to expire by itself: the page is served, the cookie carries the new tokens', async () => {
    const member = await system.signUp({ displayName: 'Samir' });
    const expiring = {
      ...sessionFrom({ accessToken: member.token, refreshToken: member.refreshToken, member: { id: member.id, displayName: 'Samir' } }),
      accessExpiresAt: Date.now() + 10_000,
    };
    const response = await fetch(`${web.url}/moi`, { headers: { cookie: await cookieOf(expiring) }, redirect: 'manual' });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Vous êtes connecté·e en tant que <strong>Samir</strong>');
    const setCookie = response.headers.get('set-cookie');
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const renewed = await sessionOf(setCookie);
    expect(renewed?.refreshToken).toBeDefined();
    expect(renewed!.refreshToken).not.toBe(member.refreshToken);
    expect(renewed!.accessExpiresAt).toBeGreaterThan(Date.now() + 5 * 60_000);
    // The old refresh token was used up by the site (rotated); the new one works.
    expect((await refresh(renewed!.refreshToken)).errors).toBeUndefined();
  });

  it('signs the visitor out when the session was closed: the cookie is cleared, the page asks to log in', async () => {
    const member = await system.signUp();
    await system.gql(`mutation L($t: String!) { logOut(refreshToken: $t) }`, { t: member.refreshToken }, member.token);
    const expired = {
      ...sessionFrom({ accessToken: member.token, refreshToken: member.refreshToken, member: { id: member.id, displayName: 'X' } }),
      accessExpiresAt: Date.now() - 1000,
    };
    const response = await fetch(`${web.url}/moi`, { headers: { cookie: await cookieOf(expired) }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/connexion?retour=%2Fmoi');
    expect(response.headers.get('set-cookie')).toMatch(/^metropotes_session=; Max-Age=0/);
  });

  it('a cookie that is not one of ours is no session, and is cleared', async () => {
    const response = await fetch(`${web.url}/`, { headers: { cookie: 'metropotes_session=Zm9yZ2Vk' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Se connecter');
    expect(response.headers.get('set-cookie')).toMatch(/^metropotes_session=; Max-Age=0/);
  });
});

describe('pages without a page', () => {
  it('404: a French page, in the layout, with the right status', async () => {
    const response = await fetch(`${web.url}/cette-page-n-existe-pas`);
    expect(response.status).toBe(404);
    const html = await response.text();
    // <html lang="fr" data-static="">: the 404 page ships no script either.
    expect(html).toMatch(/<html lang="fr"[ >]/);
    expect(html).toContain('Page introuvable');
    expect(html).toContain('Aller au contenu');
  });

  it('404 for an event that does not exist', async () => {
    const response = await fetch(`${web.url}/evenements/00000000-0000-4000-8000-000000000000`);
    expect(response.status).toBe(404);
    // React writes the apostrophe as an entity in server-rendered text.
    expect((await response.text()).replace(/&#x27;|&#39;/g, "'")).toContain("Cet événement n'existe pas");
  });

  it('/rejoindre?invitation=… is the sign-up page, carrying the invitation', async () => {
    const response = await fetch(`${web.url}/rejoindre?invitation=jeton-d-invitation`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Rejoindre les Métropotes');
    expect(html).toMatch(/<input type="hidden" name="invitation" value="jeton-d-invitation"\/>/);
  });

  it('robots.txt keeps robots out outside production', async () => {
    const response = await fetch(`${web.url}/robots.txt`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('User-agent: *\nDisallow: /\n');
  });
});

describe('an internal error of the API', () => {
  let fake: Server;
  let broken: RunningWeb;
  beforeAll(async () => {
    // A gateway that answers every query with an internal error naming internals.
    fake = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'relation "events.events" does not exist',
              extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at EventRepository.find'] },
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', () => resolve()));
    const gatewayUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`;
    broken = await startWeb({ port: await freePort(), gatewayUrl });
  });
  afterAll(async () => {
    await broken?.stop();
    await new Promise((resolve) => fake.close(resolve));
  });

  it('500: a French page that shows none of it', async () => {
    const response = await fetch(`${broken.url}/agenda`);
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('Une erreur est survenue');
    expect(html).not.toMatch(/relation|EventRepository|stack|INTERNAL_SERVER_ERROR/i);
  });
});

describe('every answer', () => {
  it('carries the security headers, and pages are never cached by a shared cache', async () => {
    const response = await fetch(`${web.url}/`);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('public pages in the browser', () => {
  let eventId: string;
  beforeAll(async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    const startsAt = new Date(system.clock.now().getTime() + 2 * 24 * 3600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const created = await system.gql<{ createEvent: { id: string } }>(
      `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Pot du pote de juin',
          description: 'On se retrouve **au Phares** pour faire connaissance.',
          kind: 'POT_DU_POTE',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
          venue: { name: 'Le Phares', address: '1 rue Méchain', communeCode: '93039' },
          capacity: 40,
        },
      },
      staff.token,
    );
    eventId = created.data!.createEvent.id;
  });

  it.each(['/', '/agenda', '/charte', '/confidentialite', '/mentions-legales', '/inscription', '/connexion', '/mot-de-passe-oublie', '/nulle-part'])(
    '%s has no serious accessibility violation, with JavaScript at 1280 px, without at 320 px',
    async (path) => {
      // A laptop with JavaScript, a narrow phone without (the journeys check both ways at laptop width).
      for (const [javaScript, width] of [
        [true, 1280],
        [false, 320],
      ] as const) {
        const context = await visitor(browser, javaScript, { width, height: 800 });
        const page = await context.newPage();
        await page.goto(`${web.url}${path}`);
        if (javaScript) await hydrated(page);
        expect(await seriousAccessibilityViolations(page, javaScript)).toEqual([]);
        // Usable at 320 px: nothing wider than the window (no horizontal scrolling).
        if (width === 320) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
        await context.close();
      }
    },
  );

  it('the agenda pages by cursor: "Voir plus" opens the next page, a plain link, with JavaScript or without', async () => {
    const staff = await system.signUp({ role: 'STAFF' });
    const base = system.clock.now().getTime() + 20 * 24 * 3600_000;
    for (let i = 1; i <= 12; i += 1) {
      const startsAt = new Date(base + i * 3600_000);
      startsAt.setUTCMinutes(0, 0, 0);
      const created = await system.gql(
        `mutation C($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
        {
          input: {
            title: `Permanence ${String(i).padStart(2, '0')}`,
            kind: 'ATELIER',
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
            venue: { name: 'Bourse du travail', communeCode: '93066' },
          },
        },
        staff.token,
      );
      expect(created.errors).toBeUndefined();
    }
    const titles = (page: Page) => page.locator('.event-card__title').allTextContents();

    // The agenda ships no JavaScript (lib/static-page.ts): the same with it or without.
    for (const javaScript of [false, true]) {
      const context = await visitor(browser, javaScript);
      const page = await context.newPage();
      await page.goto(`${web.url}/agenda?commune=93066`);
      expect(await titles(page)).toHaveLength(10);
      await page.getByRole('link', { name: 'Voir plus de rendez-vous' }).click();
      await page.waitForURL(/\/agenda\?commune=93066&apres=/);
      expect(await titles(page)).toEqual(['Permanence 11', 'Permanence 12']);
      expect(await page.getByRole('link', { name: 'Voir plus de rendez-vous' }).count()).toBe(0);
      await page.getByRole('link', { name: "Revenir au début de l'agenda" }).click();
      await page.waitForURL(`${web.url}/agenda?commune=93066`);
      await context.close();
    }
  });

  it('the event page: OpenGraph tags, schema.org Event, the time as people say it, and its .ics', async () => {
    const response = await fetch(`${web.url}/evenements/${eventId}`);
    const html = await response.text();
    expect(html).toContain('<meta property="og:title" content="Pot du pote de juin"/>');
    expect(html).toContain(`<meta property="og:url" content="${web.url}/evenements/${eventId}"/>`);
    const jsonLd = /<script type="application\/ld\+json">(.+?)<\/script>/.exec(html);
    expect(JSON.parse(jsonLd![1]!)).toMatchObject({
      '@type': 'Event',
      name: 'Pot du pote de juin',
      eventStatus: 'https://schema.org/EventScheduled',
      location: [{ '@type': 'Place', name: 'Le Phares', address: { addressLocality: "L'Île-Saint-Denis", postalCode: '93450' } }],
    });
    // Friday 12 June 2026 (the run starts on Wednesday 10 June), in Paris time, without the year; no-break spaces
    // inside « 12 juin » and the times, so that a phone's line never splits them.
    expect(html).toMatch(/vendredi 12\u00a0juin de \d{1,2}\u00a0h(\u00a0\d\d)? à \d{1,2}\u00a0h/);
    expect(html).toContain('<strong>au Phares</strong>');

    const ics = await fetch(`${web.url}/evenements/${eventId}/agenda.ics`);
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await ics.text();
    expect(body).toContain('SUMMARY:Pot du pote de juin');
    expect(body).toContain(`URL:${web.url}/evenements/${eventId}`);
    expect(body).toContain("LOCATION:Le Phares\\, 1 rue Méchain\\, 93450 L'Île-Saint-Denis");
  });

  describe('the JavaScript of every page, gzipped', () => {
    const sealer = createSessionSealer(SESSION_SECRET);
    let ids: Record<string, string>;
    let memberCookie: { name: string; value: string; url: string };

    beforeAll(async () => {
      const staff = await system.signUp({ role: 'STAFF' });
      const member = await system.signUp({ displayName: 'Léa Poids' });
      await system.gql(
        `mutation P($input: UpdateProfileInput!) { updateMyProfile(input: $input) { id } }`,
        { input: { profileVisibility: 'PUBLIC' } },
        member.token,
      );
      const group = await system.gql<{ createGroup: { id: string } }>(
        `mutation G($input: CreateGroupInput!) { createGroup(input: $input) { id } }`,
        { input: { name: 'Les poids plume' } },
        member.token,
      );
      const fiche = await system.gql<{ createGuideArticle: { id: string; slug: string } }>(
        `mutation F($input: CreateGuideArticleInput!) { createGuideArticle(input: $input) { id slug } }`,
        {
          input: {
            title: 'Écrire au maire',
            summary: 'Une lettre qui compte.',
            body: 'Le maire lit son courrier.',
            scales: ['COMMUNE'],
            themes: ['DEMOCRATIE_LOCALE'],
          },
        },
        staff.token,
      );
      await system.gql(`mutation($id: ID!) { publishGuideArticle(id: $id) { id } }`, { id: fiche.data!.createGuideArticle.id }, staff.token);
      ids = { id: eventId, member: member.id, group: group.data!.createGroup.id, slug: fiche.data!.createGuideArticle.slug };
      const sealed = await sealer.seal(
        sessionFrom({ accessToken: member.token, refreshToken: member.refreshToken, member: { id: member.id, displayName: 'Léa Poids' } }),
      );
      memberCookie = { name: 'metropotes_session', value: encodeURIComponent(Buffer.from(JSON.stringify(sealed)).toString('base64')), url: web.url };
    });

    it('a refused form takes the keyboard to its error summary, by an inline script the CSP allows, not a bundle', async () => {
      const context = await visitor(browser, true);
      const page = await context.newPage();
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });
      await page.goto(`${web.url}/inscription`);
      await page.getByLabel('Votre nom ou pseudonyme').fill('Awa Diallo');
      await page.getByLabel('Adresse e-mail').fill(`focus-${Date.now()}@example.org`);
      await page.getByLabel('Mot de passe').fill('Une-phrase-de-passe-solide-2026');
      await page.getByLabel('Votre commune').selectOption('93039');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.locator('#champ-acceptCharter-erreur').waitFor();
      expect(await page.locator('html[data-static]').count()).toBe(1);
      expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
      expect(blocked).toEqual([]);
      await context.close();
    });

    /**
     * Every page a visitor or a member reads (the staff console aside): each at most 100 KB of gzipped JavaScript.
     * They ship none today (lib/static-page.ts), which the test says too, so that a page starting to hydrate is seen.
     */
    it.each([
      ['visitor', '/'],
      ['visitor', '/agenda'],
      ['visitor', '/agenda?vue=mois&mois=2026-06'],
      ['visitor', '/evenements/:id'],
      ['visitor', '/inscription'],
      ['visitor', '/rejoindre?invitation=x'],
      ['visitor', '/connexion'],
      ['visitor', '/mot-de-passe-oublie'],
      ['visitor', '/reinitialiser-mot-de-passe?token=x'],
      ['visitor', '/verifier-email?token=x'],
      ['visitor', '/ne-plus-me-contacter?token=x'],
      ['visitor', '/charte'],
      ['visitor', '/confidentialite'],
      ['visitor', '/mentions-legales'],
      ['visitor', '/membres'],
      ['visitor', '/membres/:member'],
      ['visitor', '/groupes'],
      ['visitor', '/groupes/:group'],
      ['visitor', '/guide'],
      ['visitor', '/guide/recherche?q=maire'],
      ['visitor', '/guide/acteurs'],
      ['visitor', '/guide/:slug'],
      ['visitor', '/veille'],
      ['visitor', '/nulle-part'],
      ['member', '/moi'],
      ['member', '/moi/profil'],
      ['member', '/moi/donnees'],
      ['member', '/preferences'],
      ['member', '/evenements/proposer'],
      ['member', '/guide/ecrire'],
    ])('for a %s, %s loads at most 100 KB (it ships none)', async (who, path) => {
      const context = await visitor(browser, true);
      if (who === 'member') await context.addCookies([memberCookie]);
      const page = await context.newPage();
      const url = `${web.url}${path.replace(/:(\w+)/, (_, name: string) => ids[name]!)}`;
      const { total, files } = await javaScriptBytes(page, () => page.goto(url));
      expect(new URL(page.url()).pathname).toBe(new URL(url).pathname);
      expect(await page.locator('html[data-static]').count()).toBe(1);
      await context.close();
      if (total > JS_BUDGET_BYTES)
        throw new Error(`${path} loads ${total} bytes of JavaScript (budget ${JS_BUDGET_BYTES}): ${JSON.stringify(files)}`);
      expect(files).toEqual({});
    });
  });
});
