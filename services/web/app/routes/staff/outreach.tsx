import { formatParisTime } from '../../lib/display-time';
import { Form, Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import type { ProspectStatus } from '../../graphql/generated/graphql';
import { queryOrThrow } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import { webContext } from '../../lib/web-context.server';
import { PROSPECT_KIND_LABELS, PROSPECT_STATUS_LABELS, enumParam } from '../../lib/prospect-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/outreach';

export const handle = staticPage;

const HERE = '/equipe/reperage';
const TERRITORY_CODE = /^\d{5,9}$/;

/** The prospects of the filter (most recently active first) and the territories of the picker, in one request. */
const StaffProspectsQuery = graphql(`
  query StaffProspects($filter: ProspectFilter, $after: String) {
    prospects(filter: $filter, first: 20, after: $after) {
      edges {
        node {
          id
          name
          kind
          status
          nextStepAt
          lastActivityAt
          commune {
            code
            name
          }
          owner {
            id
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
    territories {
      code
      name
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Repérage – console de l’équipe') }, { name: 'robots', content: 'noindex' }];

interface Filters {
  status: ProspectStatus | null;
  territoryCode: string | null;
  /** Only those whose next step is due (the dashboard's « Contacts à relancer »). */
  due: boolean;
}

function listHref(filters: Filters, after?: string): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('statut', filters.status);
  if (filters.territoryCode) params.set('territoire', filters.territoryCode);
  if (filters.due) params.set('a-relancer', '1');
  if (after) params.set('apres', after);
  const query = params.toString();
  return query ? `${HERE}?${query}` : HERE;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const territory = url.searchParams.get('territoire') ?? '';
  const filters: Filters = {
    status: enumParam(PROSPECT_STATUS_LABELS, url.searchParams.get('statut')),
    territoryCode: TERRITORY_CODE.test(territory) ? territory : null,
    due: url.searchParams.get('a-relancer') === '1',
  };
  const data = await queryOrThrow(context, StaffProspectsQuery, {
    filter: {
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.territoryCode ? { territoryCode: filters.territoryCode } : {}),
      ...(filters.due ? { dueBefore: context.get(webContext).clock.now().toISOString() } : {}),
    },
    after: url.searchParams.get('apres') || null,
  });
  return {
    filters,
    prospects: data.prospects.edges.map((edge) => edge.node),
    totalCount: data.prospects.totalCount,
    nextCursor: data.prospects.pageInfo.hasNextPage ? data.prospects.pageInfo.endCursor : null,
    territories: data.territories.map((t) => ({ code: t.code, name: t.name })),
  };
}

export default function StaffOutreach({ loaderData }: Route.ComponentProps) {
  const { filters, prospects, totalCount, nextCursor, territories } = loaderData;
  const now = useNow();
  return (
    <div className="page staff-page">
      <h1>Repérage</h1>
      <p className="page__lead">
        Les acteurs locaux repérés par l’équipe, à inviter dans le réseau.{' '}
        <Link to={`${HERE}/chiffres`}>Les chiffres du repérage par territoire</Link>
      </p>

      <Form method="get" className="filter" aria-label="Filtrer les contacts">
        <div className="field">
          <label htmlFor="filtre-statut">Où en est-on</label>
          <select id="filtre-statut" name="statut" defaultValue={filters.status ?? ''} key={filters.status ?? ''}>
            <option value="">Tous</option>
            {(Object.keys(PROSPECT_STATUS_LABELS) as ProspectStatus[]).map((status) => (
              <option key={status} value={status}>
                {PROSPECT_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-territoire">Territoire</label>
          <select id="filtre-territoire" name="territoire" defaultValue={filters.territoryCode ?? ''} key={filters.territoryCode ?? ''}>
            <option value="">Toute la Métropole</option>
            {territories.map((territory) => (
              <option key={territory.code} value={territory.code}>
                {territory.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--checkbox">
          <input type="checkbox" id="filtre-a-relancer" name="a-relancer" value="1" defaultChecked={filters.due} key={String(filters.due)} />
          <label htmlFor="filtre-a-relancer">À relancer seulement (prochaine étape passée)</label>
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
      </Form>

      <p className="results-count">{totalCount === 0 ? 'Aucun contact pour ce choix.' : `${totalCount} contact${totalCount > 1 ? 's' : ''}.`}</p>
      {prospects.length ? (
        <div className="table-wrapper" role="region" aria-label="Tableau des contacts (défile horizontalement)" tabIndex={0}>
          <table className="staff-table">
            <caption>Contacts repérés, les plus récemment actifs d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Type</th>
                <th scope="col">Commune</th>
                <th scope="col">Où en est-on</th>
                <th scope="col">Prochaine étape</th>
                <th scope="col">Suivi par</th>
              </tr>
            </thead>
            <tbody>
              {prospects.map((prospect) => (
                <tr key={prospect.id}>
                  <th scope="row">
                    <Link to={`${HERE}/${prospect.id}`}>{prospect.name}</Link>
                  </th>
                  <td>{PROSPECT_KIND_LABELS[prospect.kind]}</td>
                  <td>{prospect.commune?.name ?? '—'}</td>
                  <td>{PROSPECT_STATUS_LABELS[prospect.status]}</td>
                  <td>
                    {prospect.nextStepAt ? (
                      <time dateTime={prospect.nextStepAt}>{formatParisTime(prospect.nextStepAt, { now, style: 'date' })}</time>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{prospect.owner?.displayName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextCursor ? (
        <p className="pager">
          <Link className="button button--secondary" to={listHref(filters, nextCursor)}>
            Page suivante
          </Link>
        </p>
      ) : null}
    </div>
  );
}
