import { useRouteLoaderData } from 'react-router';
import type { loader as rootLoader } from '../root';

/**
 * "Now" as the server's clock said when the page was rendered (root loader): the same on the server and in the
 * browser, so formatted dates never differ between the HTML and hydration.
 */
export function useNow(): string {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  return root?.now ?? '1970-01-01T00:00:00.000Z';
}
