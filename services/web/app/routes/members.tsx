import { Form, Link } from 'react-router';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/members';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

const PAGE_SIZE = 30;

/** The directory: the API lists only the profiles the viewer may see (public ones for a visitor). */
const MembersQuery = graphql(`
  query Members($filter: MemberFilter, $first: Int!, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          displayName
          neighbourhood
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
  { title: pageTitle('Membres') },
  { name: 'description', content: 'Les Métropotes qui ont choisi de se présenter.' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const search = (url.searchParams.get('recherche') ?? '').trim().slice(0, 100);
  const after = url.searchParams.get('apres') || null;
  const result = await queryOrThrow(context, MembersQuery, { filter: search ? { search } : null, first: PAGE_SIZE, after });
  return {
    members: result.members.edges.map((edge) => edge.node),
    nextCursor: result.members.pageInfo.hasNextPage ? result.members.pageInfo.endCursor : null,
    search,
  };
}

export default function MembersPage({ loaderData }: Route.ComponentProps) {
  const { members, nextCursor, search } = loaderData;
  const more = new URLSearchParams({ ...(search ? { recherche: search } : {}), ...(nextCursor ? { apres: nextCursor } : {}) });
  return (
    <div className="page">
      <h1>Membres</h1>
      <p>Les Métropotes qui ont choisi de se présenter. Chacun décide qui voit son profil.</p>
      <Form method="get" className="search-form" role="search">
        <label htmlFor="champ-recherche">Chercher un membre</label>
        <input id="champ-recherche" name="recherche" type="search" defaultValue={search} maxLength={100} />
        <button type="submit" className="button button--secondary">
          Chercher
        </button>
      </Form>
      {members.length === 0 ? (
        <p>{search ? `Aucun profil visible ne correspond à « ${search} ».` : 'Aucun profil visible pour le moment.'}</p>
      ) : (
        <ul className="card-list">
          {members.map((member) => (
            <li key={member.id} className="card">
              <h2 className="card__title">
                <Link to={`/membres/${member.id}`}>{member.displayName}</Link>
              </h2>
              {member.commune || member.neighbourhood ? (
                <p className="muted">{[member.neighbourhood, member.commune?.name].filter(Boolean).join(', ')}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {nextCursor ? (
        <p>
          <Link to={`/membres?${more.toString()}`}>Voir plus de membres</Link>
        </p>
      ) : null}
    </div>
  );
}
