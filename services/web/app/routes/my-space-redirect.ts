import { redirect } from 'react-router';
import type { Route } from './+types/my-space-redirect';

/** The former address of « Mon espace »: links and bookmarks still lead there. */
export function loader({ request }: Route.LoaderArgs) {
  return redirect(`/moi${new URL(request.url).search}`, 301);
}
