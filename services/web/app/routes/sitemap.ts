import escapeHtml from 'escape-html';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { webContext } from '../lib/web-context.server';
import type { Route } from './+types/sitemap';

/**
 * What search engines may list, in one request: the agenda's events, the guide's published fiches, the profiles
 * their members made public, the groups. At most 100 of each (the API's page size): the newest matter most.
 */
const SitemapQuery = graphql(`
  query Sitemap {
    agenda(first: 100) {
      edges {
        node {
          id
          updatedAt
        }
      }
    }
    guideArticles(first: 100, filter: { status: PUBLISHED }) {
      edges {
        node {
          slug
          updatedAt
        }
      }
    }
    members(first: 100) {
      edges {
        node {
          id
          profileVisibility
        }
      }
    }
    groups(first: 100) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

/** The public pages that always exist. */
const STATIC_PATHS = ['/', '/agenda', '/guide', '/veille', '/groupes', '/membres', '/charte', '/confidentialite', '/mentions-legales'];

/** escape-html's entities (&amp; &lt; &gt; &quot; &#39;) are XML's too. */
const escapeXml = escapeHtml;

export async function loader({ context }: Route.LoaderArgs) {
  const { publicUrl } = context.get(webContext);
  const result = await queryOrThrow(context, SitemapQuery, {});
  const entries: { path: string; lastmod?: string }[] = [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...result.agenda.edges.map(({ node }) => ({ path: `/evenements/${node.id}`, lastmod: node.updatedAt })),
    ...result.guideArticles.edges.map(({ node }) => ({ path: `/guide/${encodeURIComponent(node.slug)}`, lastmod: node.updatedAt })),
    // Only the profiles their members made public: a profile for members only is never listed, whoever asks.
    ...result.members.edges.filter(({ node }) => node.profileVisibility === 'PUBLIC').map(({ node }) => ({ path: `/membres/${node.id}` })),
    ...result.groups.edges.map(({ node }) => ({ path: `/groupes/${node.id}` })),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      ({ path, lastmod }) =>
        `  <url><loc>${escapeXml(`${publicUrl}${path}`)}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
}
