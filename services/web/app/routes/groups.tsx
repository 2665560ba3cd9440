import { Form, Link } from 'react-router';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/groups';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

const PAGE_SIZE = 20;

const GroupsQuery = graphql(`
  query Groups($filter: GroupFilter, $first: Int!, $after: String) {
    groups(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          name
          description
          memberCount
          viewerRole
          commune {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: pageTitle('Groupes') },
  { name: 'description', content: 'Les groupes des Métropotes : collectifs, associations et bandes de voisins de la métropole.' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const search = (url.searchParams.get('recherche') ?? '').trim().slice(0, 100);
  const after = url.searchParams.get('apres') || null;
  const result = await queryOrThrow(context, GroupsQuery, { filter: search ? { search } : null, first: PAGE_SIZE, after });
  return {
    groups: result.groups.edges.map((edge) => edge.node),
    nextCursor: result.groups.pageInfo.hasNextPage ? result.groups.pageInfo.endCursor : null,
    search,
  };
}

const membersLabel = (count: number) => `${count} membre${count > 1 ? 's' : ''}`;

export default function GroupsPage({ loaderData }: Route.ComponentProps) {
  const { groups, nextCursor, search } = loaderData;
  const more = new URLSearchParams({ ...(search ? { recherche: search } : {}), ...(nextCursor ? { apres: nextCursor } : {}) });
  return (
    <div className="page">
      <h1>Groupes</h1>
      <p>Collectifs, associations et bandes de voisins : rejoignez ceux qui agissent près de chez vous.</p>
      <Form method="get" className="search-form" role="search">
        <label htmlFor="champ-recherche">Chercher un groupe</label>
        <input id="champ-recherche" name="recherche" type="search" defaultValue={search} maxLength={100} />
        <button type="submit" className="button button--secondary">
          Chercher
        </button>
      </Form>
      {groups.length === 0 ? (
        <p>{search ? `Aucun groupe ne correspond à « ${search} ».` : "Il n'y a pas encore de groupe."}</p>
      ) : (
        <ul className="card-list">
          {groups.map((group) => (
            <li key={group.id} className="card">
              <h2 className="card__title">
                <Link to={`/groupes/${group.id}`}>{group.name}</Link>
              </h2>
              <p className="muted">
                {membersLabel(group.memberCount)}
                {group.commune ? ` · ${group.commune.name}` : ''}
                {group.viewerRole ? ' · vous en êtes membre' : ''}
              </p>
              {group.description ? <p>{group.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link to={`/groupes?${more.toString()}`}>Voir plus de groupes</Link>
        </p>
      ) : null}
    </div>
  );
}
