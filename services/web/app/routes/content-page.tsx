import { data } from 'react-router';
import { readContentPage } from '../lib/content.server';
import { pageTitle } from '../lib/meta';
import { webContext } from '../lib/web-context.server';
import type { Route } from './+types/content-page';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

/** /charte, /confidentialite, /mentions-legales: the Markdown of services/web/content/<path>.md. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const name = new URL(request.url).pathname.replace(/^\/+|\/+$/g, '').replace(/\.data$/, '');
  const page = await readContentPage(context.get(webContext).contentDirectory, name);
  if (!page) throw data({ message: "Cette page n'existe pas, ou plus." }, { status: 404 });
  return page;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: pageTitle(loaderData?.title) }];

export default function ContentPage({ loaderData }: Route.ComponentProps) {
  return (
    <div className="page page--narrow">
      <h1>{loaderData.title}</h1>
      {/* Our own Markdown (content/*.md), rendered without raw HTML. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: loaderData.html }} />
    </div>
  );
}
