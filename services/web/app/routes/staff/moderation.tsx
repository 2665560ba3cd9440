import { formatParisTime } from '../../lib/display-time';
import { Form, Link, useSearchParams } from 'react-router';
import { targetName } from '../../components/moderation-target';
import { graphql } from '../../graphql/generated';
import type { ModerationAction } from '../../graphql/generated/graphql';
import { queryOrThrow } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import { ACTION_DONE, CASE_STATUS_LABELS, CONTENT_TYPE_LABELS, CONTENT_TYPES, oneOf, REASON_LABELS, REASONS } from '../../lib/moderation-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/moderation';

export const handle = staticPage;

/** The queue: open cases first, then the most reported, then the oldest (the API's order), 25 a page. */
const ModerationQueueQuery = graphql(`
  query StaffModerationQueue($filter: ModerationQueueFilter, $after: String) {
    moderationQueue(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          targetType
          openedAt
          reportCount
          trustedReportCount
          assignee {
            id
            displayName
          }
          reports {
            id
            reason
          }
          # Only its name here (the whole content, on the case page, would cost the gateway's limit 25 times).
          target {
            __typename
            ... on Event {
              title
            }
            ... on GuideArticle {
              title
            }
            ... on WatchItem {
              title
            }
            ... on Member {
              displayName
            }
            ... on Group {
              name
            }
            ... on GroupMessage {
              subject
            }
            ... on EventMessage {
              subject
            }
          }
        }
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Modération') }, { name: 'robots', content: 'noindex' }];

/** The filters of the address: statut (OPEN by default, « tous » for every case), type, raison; apres: the cursor. */
function filtersOf(url: URL) {
  const statusParam = url.searchParams.get('statut');
  const status = statusParam === 'tous' ? null : (oneOf(CASE_STATUS_LABELS, statusParam) ?? 'OPEN');
  return {
    status,
    type: oneOf(CONTENT_TYPE_LABELS, url.searchParams.get('type')),
    reason: oneOf(REASON_LABELS, url.searchParams.get('raison')),
    after: url.searchParams.get('apres') || null,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const filters = filtersOf(new URL(request.url));
  const result = await queryOrThrow(context, ModerationQueueQuery, {
    filter: { status: filters.status, targetType: filters.type, reason: filters.reason },
    after: filters.after,
  });
  const queue = result.moderationQueue;
  return {
    filters,
    totalCount: queue.totalCount,
    cases: queue.edges.map((edge) => edge.node),
    nextCursor: queue.pageInfo.hasNextPage ? queue.pageInfo.endCursor : null,
  };
}

/** The confirmation of a decision when no open case was left to show (`?fait=<action>&dossier=<id>`). */
export function DecisionConfirmation({ nextShown }: { nextShown: boolean }) {
  const [params] = useSearchParams();
  const done = oneOf(ACTION_DONE, params.get('fait')) as ModerationAction | null;
  const decided = params.get('dossier');
  return (
    <div role="status">
      {done ? (
        <div className="notice notice--success">
          <p>
            Décision enregistrée : {ACTION_DONE[done]}. {decided ? <Link to={`/equipe/moderation/${decided}`}>Revoir ce dossier</Link> : null}
          </p>
          <p>{nextShown ? 'Voici le dossier ouvert suivant.' : 'Aucun autre dossier ouvert ne vous attend.'}</p>
        </div>
      ) : null}
    </div>
  );
}

export default function ModerationQueuePage({ loaderData }: Route.ComponentProps) {
  const { filters, totalCount, cases, nextCursor } = loaderData;
  const now = useNow();
  const more = new URLSearchParams();
  more.set('statut', filters.status ?? 'tous');
  if (filters.type) more.set('type', filters.type);
  if (filters.reason) more.set('raison', filters.reason);
  if (nextCursor) more.set('apres', nextCursor);
  return (
    <div className="page">
      <h1>Modération</h1>
      <p>
        <Link to="/equipe/moderation/journal">Journal de modération</Link>
      </p>
      <DecisionConfirmation nextShown={false} />
      <Form method="get" className="filter" aria-label="Filtrer les dossiers">
        <div className="field">
          <label htmlFor="filtre-statut">État</label>
          <select id="filtre-statut" name="statut" defaultValue={filters.status ?? 'tous'}>
            <option value="OPEN">Ouverts</option>
            <option value="RESOLVED">Traités</option>
            <option value="tous">Tous</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-type">Type de contenu</label>
          <select id="filtre-type" name="type" defaultValue={filters.type ?? ''}>
            <option value="">Tous les types</option>
            {CONTENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {CONTENT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-raison">Raison d'un signalement</label>
          <select id="filtre-raison" name="raison" defaultValue={filters.reason ?? ''}>
            <option value="">Toutes les raisons</option>
            {REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {REASON_LABELS[reason]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
      </Form>
      <p className="results-count">{totalCount === 0 ? 'Aucun dossier pour ce choix.' : `${totalCount} dossier${totalCount > 1 ? 's' : ''}.`}</p>
      {cases.length > 0 ? (
        <div className="table-wrapper">
          <table className="staff-table">
            <caption>Dossiers de modération{filters.status ? ` (${CASE_STATUS_LABELS[filters.status].toLowerCase()}s)` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Contenu</th>
                <th scope="col">Type</th>
                <th scope="col">Signalements</th>
                <th scope="col">Raisons</th>
                <th scope="col">Ouvert</th>
                <th scope="col">État</th>
                <th scope="col">Pris en charge par</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/equipe/moderation/${c.id}`}>{targetName(c.target)}</Link>
                  </th>
                  <td>{CONTENT_TYPE_LABELS[c.targetType]}</td>
                  <td>
                    {c.reportCount}
                    {c.trustedReportCount < c.reportCount ? <span className="muted"> (dont {c.trustedReportCount} de confiance)</span> : null}
                  </td>
                  <td>{[...new Set(c.reports.map((r) => REASON_LABELS[r.reason]))].join(', ')}</td>
                  <td>{formatParisTime(c.openedAt, { now })}</td>
                  <td>{CASE_STATUS_LABELS[c.status]}</td>
                  <td>{c.assignee?.displayName ?? <span className="muted">personne</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextCursor ? (
        <p className="pager">
          <Link className="button button--secondary" to={`/equipe/moderation?${more.toString()}`}>
            Page suivante
          </Link>
        </p>
      ) : null}
    </div>
  );
}
