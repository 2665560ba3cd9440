import { Link, data, useSearchParams } from 'react-router';
import { formatParisTime } from '../../lib/display-time';
import { graphql } from '../../graphql/generated';
import { queryOrThrow } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/event-registrations';

export const handle = staticPage;

/**
 * /equipe/evenements/<id>/inscriptions: who is confirmed (by registration time) and who waits (by position), 50 at a
 * time with the API's cursors, and the CSV export. The API shows them to staff and the event's organizer only.
 */
const StaffEventRegistrationsQuery = graphql(`
  query StaffEventRegistrations($id: ID!, $after: String, $waitlistAfter: String) {
    event(id: $id) {
      id
      title
      status
      startsAt
      endsAt
      capacity
      attendeeCount
      waitlistCount
      attendees(first: 50, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            createdAt
            member {
              id
              displayName
              email
            }
          }
        }
      }
      waitlist(first: 50, after: $waitlistAfter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            createdAt
            waitlistPosition
            member {
              id
              displayName
              email
            }
          }
        }
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Inscriptions — console') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const { event } = await queryOrThrow(context, StaffEventRegistrationsQuery, {
    id: params.id,
    after: url.searchParams.get('apres') || null,
    waitlistAfter: url.searchParams.get('attente_apres') || null,
  });
  if (!event) throw data({ message: 'Cet événement n’existe pas, ou plus.' }, { status: 404 });
  if (!event.attendees || !event.waitlist)
    throw data({ message: 'Seuls l’équipe et l’organisateur·rice voient les inscriptions de cet événement.' }, { status: 403 });
  return { event: { ...event, attendees: event.attendees, waitlist: event.waitlist } };
}

export default function StaffEventRegistrations({ loaderData }: Route.ComponentProps) {
  const { event } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const next = (name: string, cursor: string | null | undefined) => {
    const params = new URLSearchParams(searchParams);
    if (cursor) params.set(name, cursor);
    return `?${params.toString()}`;
  };
  return (
    <div className="page staff-events">
      <p>
        <Link to="/equipe/evenements">← Événements</Link> · <Link to={`/equipe/evenements/${event.id}/modifier`}>Modifier l’événement</Link> ·{' '}
        <Link to={`/equipe/evenements/${event.id}/presences`}>Présences</Link>
      </p>
      <h1>Inscriptions : {event.title}</h1>
      <p>
        {formatParisTime(event.startsAt, { now })} · {event.attendeeCount} confirmée{event.attendeeCount > 1 ? 's' : ''}
        {event.capacity ? ` sur ${event.capacity} places` : ' (places illimitées)'} · {event.waitlistCount} en liste d’attente
      </p>
      <p>
        <a className="button button--secondary" href={`/equipe/evenements/${event.id}/inscriptions.csv`}>
          Télécharger la liste (CSV, séparateur point-virgule)
        </a>
      </p>
      <h2>Confirmées</h2>
      {event.attendees.edges.length === 0 ? (
        <p>Personne n’est inscrit pour le moment.</p>
      ) : (
        <div className="table-scroll">
          <table className="staff-table">
            <caption>Inscriptions confirmées, par ordre d’inscription</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Inscrit·e le</th>
              </tr>
            </thead>
            <tbody>
              {event.attendees.edges.map(({ node }) => (
                <tr key={node.id}>
                  <th scope="row">{node.member ? <Link to={`/membres/${node.member.id}`}>{node.member.displayName}</Link> : 'Un membre'}</th>
                  <td>{node.member?.email ?? '—'}</td>
                  <td>{formatParisTime(node.createdAt, { now })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {event.attendees.pageInfo.hasNextPage ? (
        <p className="pager">
          <Link to={next('apres', event.attendees.pageInfo.endCursor)}>Inscriptions suivantes</Link>
        </p>
      ) : null}
      <h2>Liste d’attente</h2>
      {event.waitlist.edges.length === 0 ? (
        <p>Personne n’attend une place.</p>
      ) : (
        <div className="table-scroll">
          <table className="staff-table">
            <caption>Liste d’attente, dans l’ordre où les places seront données</caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Nom</th>
                <th scope="col">Adresse e-mail</th>
                <th scope="col">Inscrit·e le</th>
              </tr>
            </thead>
            <tbody>
              {event.waitlist.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.waitlistPosition}</td>
                  <th scope="row">{node.member ? <Link to={`/membres/${node.member.id}`}>{node.member.displayName}</Link> : 'Un membre'}</th>
                  <td>{node.member?.email ?? '—'}</td>
                  <td>{formatParisTime(node.createdAt, { now })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {event.waitlist.pageInfo.hasNextPage ? (
        <p className="pager">
          <Link to={next('attente_apres', event.waitlist.pageInfo.endCursor)}>Suite de la liste d’attente</Link>
        </p>
      ) : null}
    </div>
  );
}
