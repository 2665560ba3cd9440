import { formatParisTime } from '../../lib/display-time';
import { Form, Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { queryOrThrow } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import { ROLE_LABELS } from '../../lib/staff-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/members';

export const handle = staticPage;

const PAGE_SIZE = 30;

/** Every member for staff (the API lists them whatever their visibility), by name, paged by cursor. */
const StaffMembersQuery = graphql(`
  query StaffMembers($filter: MemberFilter, $first: Int!, $after: String) {
    members(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        node {
          id
          displayName
          role
          email
          joinedAt
          isNewcomer
          moderationState
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

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Membres – console') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const search = (url.searchParams.get('recherche') ?? '').trim().slice(0, 100);
  const after = url.searchParams.get('apres') || null;
  const result = await queryOrThrow(context, StaffMembersQuery, { filter: search ? { search } : null, first: PAGE_SIZE, after });
  return {
    members: result.members.edges.map((edge) => edge.node),
    total: result.members.totalCount,
    nextCursor: result.members.pageInfo.hasNextPage ? result.members.pageInfo.endCursor : null,
    search,
    paged: after !== null,
  };
}

export default function StaffMembers({ loaderData }: Route.ComponentProps) {
  const { members, total, nextCursor, search, paged } = loaderData;
  const now = useNow();
  const next = new URLSearchParams({ ...(search ? { recherche: search } : {}), ...(nextCursor ? { apres: nextCursor } : {}) });
  return (
    <div className="page">
      <h1>Membres</h1>
      <Form method="get" className="search-form" role="search">
        <label htmlFor="champ-recherche">Chercher par nom</label>
        <input id="champ-recherche" name="recherche" type="search" defaultValue={search} maxLength={100} />
        <button type="submit" className="button button--secondary">
          Chercher
        </button>
      </Form>
      {members.length === 0 ? (
        <p>{search ? `Aucun membre ne correspond à « ${search} ».` : 'Aucun membre.'}</p>
      ) : (
        <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-membres">
          <table className="staff-table">
            <caption id="legende-membres">
              {total} membre{total > 1 ? 's' : ''}
              {search ? ` dont le nom correspond à « ${search} »` : ''}
              {paged ? ' (suite)' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Rôle</th>
                <th scope="col">Commune</th>
                <th scope="col">Inscription</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">
                    <Link to={`/equipe/membres/${member.id}`}>{member.displayName}</Link>
                    {member.email ? (
                      <>
                        <br />
                        <span className="muted">{member.email}</span>
                      </>
                    ) : null}
                  </th>
                  <td>{ROLE_LABELS[member.role]}</td>
                  <td>{member.commune?.name ?? '—'}</td>
                  <td>{formatParisTime(member.joinedAt, { now, style: 'date' })}</td>
                  <td>
                    {[member.isNewcomer ? 'À accueillir' : null, member.moderationState === 'HIDDEN' ? 'Profil masqué' : null]
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor ? (
        <p>
          <Link to={`/equipe/membres?${next.toString()}`}>Page suivante</Link>
        </p>
      ) : null}
    </div>
  );
}
