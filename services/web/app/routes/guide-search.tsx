import { Form, Link } from 'react-router';
import { GuideCard } from '../components/guide-card';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/guide-search';

/** The guide's French full-text search (accents and plurals notwithstanding); the words stay in the address. */
const GuideSearchQuery = graphql(`
  query GuideSearch($query: String!) {
    searchGuide(query: $query, first: 30) {
      excerpt
      article {
        ...GuideCard
      }
    }
  }
`);

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData?.q ? `« ${loaderData.q} » dans le guide` : 'Chercher dans le guide') },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 200);
  if (!q) return { q, hits: [] };
  const data = await queryOrThrow(context, GuideSearchQuery, { query: q });
  return { q, hits: data.searchGuide };
}

export default function GuideSearchPage({ loaderData }: Route.ComponentProps) {
  const { q, hits } = loaderData;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/guide">Guide</Link>
      </p>
      <h1>Chercher dans le guide</h1>
      <Form method="get" className="filter" role="search" aria-label="Chercher dans le guide">
        <div className="field">
          <label htmlFor="recherche-q">Mots à chercher</label>
          <p className="field__hint" id="recherche-q-aide">
            Accents et pluriels importent peu. « Entre guillemets » pour une expression, un signe moins pour exclure un mot.
          </p>
          <input id="recherche-q" name="q" type="search" defaultValue={q} key={q} aria-describedby="recherche-q-aide" required />
        </div>
        <button type="submit" className="button">
          Chercher
        </button>
      </Form>
      {q ? (
        <p className="results-count" role="status">
          {hits.length === 0 ? `Aucune fiche ne parle de « ${q} ».` : `${hits.length} fiche${hits.length > 1 ? 's' : ''} pour « ${q} ».`}
        </p>
      ) : null}
      {hits.length ? (
        <ul className="guide-list">
          {hits.map((hit) => (
            <li key={hit.article.id}>
              <GuideCard article={hit.article} headingLevel={2} excerptHtml={hit.excerpt} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
