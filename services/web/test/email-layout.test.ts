/**
 * Every e-mail reads well on a phone: each template of packages/mail, filled with its realistic sample (long French
 * names, a long event title, a long address, a digest with every section: packages/mail/test/support/email-samples.ts),
 * is rendered in Chromium at 320 px wide and
 * - never scrolls sideways (document.documentElement.scrollWidth ≤ 320);
 * - has its preheader, hidden;
 * - shows no address as text in its HTML part, except the fallback under a button (which wraps inside the screen);
 * - has no image without alt text (it has none: an e-mail is understood without images);
 * - writes every address of its HTML part in full in its text part.
 * Each one is saved as docs/screenshots/emails/<template>.png (full page, 320 px wide, device scale 1), so anyone can
 * review the e-mails without running the system. A template without a sample fails.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MAIL_TEMPLATE_NAMES, renderEmail } from '@metropotes/mail';
import type { Browser, BrowserContext } from 'playwright-core';
import { emailSamples, SAMPLE_TARGETS } from '../../../packages/mail/test/support/email-samples';
import { launchChromium } from './support/browser';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots', 'emails');
const PHONE_WIDTH = 320;

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: PHONE_WIDTH, height: 640 },
    deviceScaleFactor: 1,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  // An e-mail loads nothing from elsewhere: any request would be a remote image or font.
  await context.route('**/*', (route) => route.abort());
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const samples = emailSamples();

interface PhoneView {
  scrollWidth: number;
  preheader: { count: number; text: string; displayed: boolean; height: number };
  /** The body's text without the preheader and the buttons' fallbacks. */
  visibleText: string;
  /** The fallback links' right edges, in CSS pixels. */
  fallbackRights: number[];
  images: { src: string; alt: string | null }[];
  hrefs: string[];
}

it('has a sample for every template, and only for templates', () => {
  expect(Object.keys(samples).sort()).toEqual([...MAIL_TEMPLATE_NAMES].sort());
});

it.each(MAIL_TEMPLATE_NAMES)('%s: fits a 320 px screen, hidden preheader, links in words; screenshot', async (template) => {
  const sample = samples[template];
  expect(sample).toBeDefined();
  const mail = renderEmail(template, { displayName: sample.displayName, publicUrl: SAMPLE_TARGETS.publicUrl, params: sample.params });
  const page = await context.newPage();
  try {
    await page.setContent(mail.html, { waitUntil: 'load' });
    const view = (await page.evaluate(`(() => {
      const preheaders = [...document.querySelectorAll('.preheader')];
      const preheader = preheaders[0];
      const body = document.body.cloneNode(true);
      body.querySelectorAll('.preheader, .fallback').forEach((node) => node.remove());
      return {
        scrollWidth: document.documentElement.scrollWidth,
        preheader: {
          count: preheaders.length,
          text: preheader ? preheader.textContent : '',
          displayed: preheader ? getComputedStyle(preheader).display !== 'none' : false,
          height: preheader ? preheader.getBoundingClientRect().height : 0,
        },
        visibleText: body.textContent,
        fallbackRights: [...document.querySelectorAll('.fallback a')].map((a) => a.getBoundingClientRect().right),
        images: [...document.images].map((img) => ({ src: img.getAttribute('src'), alt: img.getAttribute('alt') })),
        hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      };
    })()`)) as PhoneView;

    // No sideways scrolling on the narrowest phones.
    expect(view.scrollWidth).toBeLessThanOrEqual(PHONE_WIDTH);
    // The preheader: one, saying what the e-mail is about, not shown in the message.
    expect(view.preheader.count).toBe(1);
    expect(view.preheader.text.trim().length).toBeGreaterThan(20);
    expect(view.preheader.displayed).toBe(false);
    expect(view.preheader.height).toBe(0);
    // Links are words: no address written as text, except a button's fallback, which wraps inside the screen.
    expect({ template, addresses: view.visibleText.match(/https?:\/\/\S+|www\.\S+/g) ?? [] }).toEqual({ template, addresses: [] });
    for (const right of view.fallbackRights) expect(right).toBeLessThanOrEqual(PHONE_WIDTH);
    // No image is needed to understand it; an image (a logo) would have alt text.
    expect(view.images.filter((image) => !image.alt?.trim())).toEqual([]);
    // The text part keeps every address in full.
    expect(view.hrefs.length).toBeGreaterThan(0);
    expect({ template, missing: view.hrefs.filter((href) => !mail.text.includes(href)) }).toEqual({ template, missing: [] });

    await page.screenshot({ path: join(SCREENSHOTS, `${template}.png`), fullPage: true });
  } finally {
    await page.close();
  }
});
