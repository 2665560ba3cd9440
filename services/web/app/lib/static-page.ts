import { useMatches } from 'react-router';

/**
 * A route that gains nothing from JavaScript exports `handle = staticPage`: the layout then sends no client script
 * (no React, no React Router in the browser: about 115 KB of gzipped JavaScript saved). Its links and forms work as
 * they must without JavaScript anyway; the page is the server's HTML, as a visitor without JavaScript has it.
 */
export const staticPage = { hydrate: false } as const;

/** Whether the page being rendered ships no client script (one of its routes says so). */
export function useStaticPage(): boolean {
  return useMatches().some((match) => (match.handle as { hydrate?: unknown } | undefined)?.hydrate === false);
}
