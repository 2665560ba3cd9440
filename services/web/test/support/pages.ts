import type { Page } from 'playwright-core';
import type { TestMember } from '@metropotes/test-kit';
import { hydrated, seriousAccessibilityViolations } from './browser';

/** Opens `url` (when given), waits until the page is ready (hydrated with JavaScript on), and runs axe on it. */
export async function checked(page: Page, javaScript: boolean, url?: string): Promise<void> {
  if (url) await page.goto(url);
  await page.waitForLoadState('load');
  if (javaScript) await hydrated(page);
  expect({ url: page.url(), violations: await seriousAccessibilityViolations(page, javaScript) }).toEqual({ url: page.url(), violations: [] });
}

/**
 * Logs `member` in through /connexion, then lands on `then` (a path of the site). The login page is not run through
 * axe here: `retour` only fills a hidden field, and site.test.ts and journeys.test.ts check that page; an axe run for
 * each of the many log-ins checked the same HTML again.
 */
export async function logIn(page: Page, javaScript: boolean, siteUrl: string, member: TestMember, then: string): Promise<void> {
  await page.goto(`${siteUrl}/connexion?retour=${encodeURIComponent(then)}`);
  if (javaScript) await hydrated(page);
  await page.getByLabel('Adresse e-mail').fill(member.email);
  await page.getByLabel('Mot de passe').fill(member.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === then.split('?')[0]);
}

/** Waits until `text` is visible on the page. */
export const shown = (page: Page, text: string | RegExp) => page.getByText(text).first().waitFor({ state: 'visible', timeout: 15_000 });
