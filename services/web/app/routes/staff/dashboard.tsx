import { Link } from 'react-router';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import { weeksLabel, weeksSince } from '../../lib/staff-labels';
import { useNow } from '../../lib/use-now';
import { staticPage } from '../../lib/static-page';
import { webContext } from '../../lib/web-context.server';
import type { Route } from './+types/dashboard';

export const handle = staticPage;

/** Everything that waits for the team, in one request: each count links to its list. */
const StaffDashboardQuery = graphql(`
  query StaffDashboard($now: DateTime!) {
    eventsToReview(first: 1) {
      totalCount
    }
    eventRevisionsToReview(first: 1) {
      totalCount
    }
    fichesToReview: guideArticles(filter: { status: IN_REVIEW }, first: 1) {
      totalCount
    }
    guideRevisionsToReview(first: 1) {
      totalCount
    }
    moderationQueue(filter: { status: OPEN }, first: 1) {
      totalCount
    }
    watchItems(filter: { status: NEW }, first: 1) {
      totalCount
    }
    newcomers(first: 3) {
      totalCount
      edges {
        node {
          id
          displayName
          joinedAt
          commune {
            name
          }
        }
      }
    }
    prospects(filter: { dueBefore: $now }, first: 1) {
      totalCount
    }
  }
`);

/** Asked apart: the workers answer it, and the rest of the dashboard must show when they do not. */
const StaffDeadJobsQuery = graphql(`
  query StaffDeadJobs {
    deadJobs(first: 0) {
      count
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Console de l'équipe") }, { name: 'robots', content: 'noindex' }];

export async function loader({ context }: Route.LoaderArgs) {
  const { clock } = context.get(webContext);
  const [result, deadJobs] = await Promise.all([
    queryOrThrow(context, StaffDashboardQuery, { now: clock.now().toISOString() }),
    gatewayRequest(context, StaffDeadJobsQuery, {}),
  ]);
  return {
    waiting: [
      { label: 'Événements proposés à relire', count: result.eventsToReview.totalCount, to: '/equipe/evenements' },
      { label: "Modifications d'événements à relire", count: result.eventRevisionsToReview.totalCount, to: '/equipe/evenements#modifications' },
      { label: 'Fiches du guide à relire', count: result.fichesToReview.totalCount + result.guideRevisionsToReview.totalCount, to: '/equipe/guide' },
      { label: 'Signalements ouverts', count: result.moderationQueue.totalCount, to: '/equipe/moderation' },
      { label: 'Éléments de veille à trier', count: result.watchItems.totalCount, to: '/equipe/veille' },
      { label: 'Nouveaux membres à accueillir', count: result.newcomers.totalCount, to: '/equipe/accueil' },
      { label: 'Contacts à relancer', count: result.prospects.totalCount, to: '/equipe/reperage?a-relancer=1' },
      { label: 'Tâches en échec', count: deadJobs.ok ? deadJobs.data.deadJobs.count : null, to: '/equipe/files' },
    ],
    oldestNewcomers: result.newcomers.edges.map((edge) => edge.node),
  };
}

export default function StaffDashboard({ loaderData }: Route.ComponentProps) {
  const total = loaderData.waiting.reduce((sum, item) => sum + (item.count ?? 0), 0);
  const now = useNow();
  return (
    <div className="page">
      <h1>Console de l'équipe</h1>
      <p>{total === 0 ? 'Rien ne vous attend pour le moment.' : 'Ce qui vous attend :'}</p>
      <ul className="staff-counts">
        {loaderData.waiting.map((item) => (
          <li key={item.to} className={item.count !== 0 ? 'staff-counts__item staff-counts__item--waiting' : 'staff-counts__item'}>
            <Link to={item.to}>
              <span className="staff-counts__count">{item.count ?? '?'}</span> <span>{item.label}</span>
              {item.count === null ? <span className="muted"> (les tâches de fond ne répondent pas)</span> : null}
            </Link>
          </li>
        ))}
      </ul>
      {loaderData.oldestNewcomers.length ? (
        <section aria-labelledby="titre-attente-accueil">
          <h2 id="titre-attente-accueil">Qui attend d'être accueilli·e depuis le plus longtemps</h2>
          <ul className="staff-history">
            {loaderData.oldestNewcomers.map((newcomer) => (
              <li key={newcomer.id}>
                <Link to={`/equipe/membres/${newcomer.id}`}>{newcomer.displayName}</Link>
                {newcomer.commune ? ` (${newcomer.commune.name})` : ''}, inscrit·e {weeksLabel(weeksSince(newcomer.joinedAt, now))}
              </li>
            ))}
          </ul>
          <p>
            <Link to="/equipe/accueil">Tous les nouveaux membres</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
