import { webContext } from '../lib/web-context.server';
import type { Route } from './+types/robots';

/** Robots may read the public pages; the personal ones and the one-time links are not for them. */
export function loader({ context }: Route.LoaderArgs) {
  const { publicUrl, production } = context.get(webContext);
  const body = production
    ? [
        'User-agent: *',
        'Disallow: /mon-espace',
        'Disallow: /moi',
        'Disallow: /preferences',
        'Disallow: /ne-plus-me-contacter',
        'Disallow: /connexion',
        'Disallow: /verifier-email',
        'Disallow: /rejoindre',
        'Disallow: /reinitialiser-mot-de-passe',
        'Disallow: /unsubscribe/',
        'Disallow: /calendar/',
        'Allow: /',
        '',
        `Host: ${new URL(publicUrl).host}`,
        `Sitemap: ${publicUrl}/sitemap.xml`,
        '',
      ]
    : // Outside production (staging, a developer's machine), nothing is to be indexed.
      ['User-agent: *', 'Disallow: /', ''];
  return new Response(body.join('\n'), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
