import { nextDay, parisDay, parisDayStart } from '@metropotes/french-time';
import { formatParisTime } from '../../lib/display-time';
import { Form, Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { queryOrThrow } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import { AUDIT_ACTION_LABELS, CONTENT_TYPE_LABELS, CONTENT_TYPES, oneOf } from '../../lib/moderation-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/moderation-log';

export const handle = staticPage;

const ModerationLogQuery = graphql(`
  query StaffModerationLog($filter: ModerationLogFilter, $after: String) {
    moderationLog(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          at
          reason
          targetType
          targetId
          caseId
          actor {
            id
            displayName
          }
        }
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Journal de modération') }, { name: 'robots', content: 'noindex' }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The filters of the address: acteur (a member's id), type and cible (the target), du and au (Paris days, both
 * included), apres (the cursor). A value that is not one is ignored (and said so).
 */
function filtersOf(url: URL) {
  const get = (name: string) => url.searchParams.get(name)?.trim() ?? '';
  const actor = get('acteur');
  const target = get('cible');
  const from = get('du');
  const to = get('au');
  return {
    actor: UUID.test(actor) ? actor : '',
    type: oneOf(CONTENT_TYPE_LABELS, get('type')),
    target: UUID.test(target) ? target : '',
    from: parisDayStart(from) ? from : '',
    to: parisDayStart(to) ? to : '',
    ignored: [
      actor && !UUID.test(actor) ? 'acteur' : null,
      target && !UUID.test(target) ? 'cible' : null,
      from && !parisDayStart(from) ? 'du' : null,
      to && !parisDayStart(to) ? 'au' : null,
    ].filter((name): name is string => name !== null),
    after: get('apres') || null,
  };
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const filters = filtersOf(new URL(request.url));
  const result = await queryOrThrow(context, ModerationLogQuery, {
    filter: {
      actorId: filters.actor || null,
      targetType: filters.type,
      targetId: filters.target || null,
      from: filters.from ? parisDayStart(filters.from)!.toISOString() : null,
      // « au » includes that whole Paris day: entries before the next day starts.
      to: filters.to ? parisDayStart(nextDay(filters.to))!.toISOString() : null,
    },
    after: filters.after,
  });
  const log = result.moderationLog;
  return {
    filters,
    totalCount: log.totalCount,
    entries: log.edges.map((edge) => edge.node),
    nextCursor: log.pageInfo.hasNextPage ? log.pageInfo.endCursor : null,
  };
}

const IGNORED_LABELS: Record<string, string> = {
  acteur: 'la personne',
  cible: "l'identifiant du contenu",
  du: 'la date de début',
  au: 'la date de fin',
};

export default function ModerationLogPage({ loaderData }: Route.ComponentProps) {
  const { filters, totalCount, entries, nextCursor } = loaderData;
  const now = useNow();
  const params = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams();
    const all: Record<string, string | null> = {
      acteur: filters.actor,
      type: filters.type,
      cible: filters.target,
      du: filters.from,
      au: filters.to,
      ...changes,
    };
    for (const [key, value] of Object.entries(all)) if (value) next.set(key, value);
    return next.toString();
  };
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/equipe/moderation">Modération</Link>
      </p>
      <h1>Journal de modération</h1>
      <p>Chaque décision, prise en charge et application, dans l'ordre inverse ; rien n'y est jamais modifié ni effacé.</p>
      <Form method="get" className="filter" aria-label="Filtrer le journal">
        <div className="field">
          <label htmlFor="filtre-acteur">Identifiant de la personne qui a agi</label>
          <input id="filtre-acteur" name="acteur" defaultValue={filters.actor} aria-describedby="filtre-acteur-aide" />
          <p className="field__hint" id="filtre-acteur-aide">
            Ou cliquez sur un nom dans le journal.
          </p>
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
          <label htmlFor="filtre-cible">Identifiant du contenu</label>
          <input id="filtre-cible" name="cible" defaultValue={filters.target} />
        </div>
        <div className="field">
          <label htmlFor="filtre-du">Du (inclus)</label>
          <input id="filtre-du" name="du" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="filtre-au">Au (inclus)</label>
          <input id="filtre-au" name="au" type="date" defaultValue={filters.to} />
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
        {params({}) ? (
          <p>
            <Link to="/equipe/moderation/journal">Tout le journal</Link>
          </p>
        ) : null}
      </Form>
      {filters.ignored.length ? (
        <p className="notice notice--warning">
          Filtre ignoré, la valeur n'est pas valable : {filters.ignored.map((name) => IGNORED_LABELS[name]).join(', ')}.
        </p>
      ) : null}
      <p className="results-count">{totalCount === 0 ? 'Aucune entrée pour ce choix.' : `${totalCount} entrée${totalCount > 1 ? 's' : ''}.`}</p>
      {entries.length > 0 ? (
        <div className="table-wrapper">
          <table className="staff-table">
            <caption>Journal de modération</caption>
            <thead>
              <tr>
                <th scope="col">Quand</th>
                <th scope="col">Action</th>
                <th scope="col">Par</th>
                <th scope="col">Contenu</th>
                <th scope="col">Motif</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{formatParisTime(entry.at, { now })}</time>
                  </td>
                  <th scope="row">{AUDIT_ACTION_LABELS[entry.action]}</th>
                  <td>
                    {entry.actor ? (
                      <Link to={`/equipe/moderation/journal?${params({ acteur: entry.actor.id, apres: null })}`}>{entry.actor.displayName}</Link>
                    ) : (
                      'La plateforme'
                    )}
                  </td>
                  <td>
                    <Link to={`/equipe/moderation/journal?${params({ type: entry.targetType, cible: entry.targetId })}`}>
                      {CONTENT_TYPE_LABELS[entry.targetType]} {entry.targetId.slice(0, 8)}
                    </Link>
                    {entry.caseId ? (
                      <>
                        {' · '}
                        <Link to={`/equipe/moderation/${entry.caseId}`}>dossier</Link>
                      </>
                    ) : null}
                  </td>
                  <td>{entry.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {nextCursor ? (
        <p className="pager">
          <Link className="button button--secondary" to={`/equipe/moderation/journal?${params({ apres: nextCursor })}`}>
            Page suivante
          </Link>
        </p>
      ) : null}
      <p className="muted">Les dates sont à l'heure de Paris (aujourd'hui : {parisDay(now)}).</p>
    </div>
  );
}
