import { useMatches } from 'react-router';

/**
 * Pages ship no client script unless a route asks for one. React 19 and React Router 8 weigh about 111 KB of gzipped
 * JavaScript, above the 100 KB a public page may load (README "Weight"), and no page needs them: links and forms
 * work without JavaScript as they must anyway, and the one thing forms did with it (focus the error summary) is a
 * one-line inline script allowed by the CSP nonce (components/form-fields.tsx). The page is the server's HTML, as a
 * visitor without JavaScript has it; `<html data-static>` says so.
 *
 * `handle = staticPage` says it explicitly (the default); a page that one day truly needs React in the browser
 * exports `handle = hydratedPage` and must then find another 11 KB (test/site.test.ts holds every public page to
 * 100 KB).
 */
export const staticPage = { hydrate: false } as const;

/** A route that hydrates: React and React Router in the browser (about 111 KB gzipped, over the public budget). */
export const hydratedPage = { hydrate: true } as const;

/** Whether a page whose routes have these handles hydrates (one of them asks for it). */
export const hydrates = (handles: unknown[]): boolean => handles.some((handle) => (handle as { hydrate?: unknown } | undefined)?.hydrate === true);

/** Whether the page being rendered ships no client script (none of its routes asks for hydration). */
export function useStaticPage(): boolean {
  return !hydrates(useMatches().map((match) => match.handle));
}
