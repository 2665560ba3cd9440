import { formatParisTime } from '../../lib/display-time';
import { Form, redirect, useSearchParams } from 'react-router';
import { SubmitButton } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import { gatewayRequest } from '../../graphql/gateway.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { QUEUE_BOARD_PATH } from '../../lib/queue-board';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/queues';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const DEAD_JOBS_SHOWN = 50;

/** The jobs that failed all their attempts (kept by the workers), oldest first. */
const StaffQueuesDeadJobsQuery = graphql(`
  query StaffQueuesDeadJobs($first: Int!) {
    deadJobs(first: $first) {
      count
      jobs {
        id
        name
        state
        failure
        failures
        redrives
        firstFailedAt
        lastFailedAt
        nextAttemptAt
      }
    }
  }
`);

const StaffRetryDeadJobs = graphql(`
  mutation StaffRetryDeadJobs {
    retryDeadJobs {
      count
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Files d'attente – console") }, { name: 'robots', content: 'noindex' }];

export async function loader({ context }: Route.LoaderArgs) {
  // The workers answer this one: when they do not, the page says so and still links to the board.
  const result = await gatewayRequest(context, StaffQueuesDeadJobsQuery, { first: DEAD_JOBS_SHOWN });
  return result.ok ? { deadJobs: result.data.deadJobs, error: null } : { deadJobs: null, error: result.failure.message };
}

export async function action({ context }: Route.ActionArgs) {
  const result = await gatewayRequest(context, StaffRetryDeadJobs, {});
  if (!result.ok) return { error: result.failure.message };
  return redirect(`/equipe/files?fait=relance&n=${result.data.retryDeadJobs.count}`, 303);
}

const STATE_LABELS = { DEAD: 'En attente de relance', RETRYING: 'Relancée' } as const;

export default function StaffQueues({ loaderData, actionData }: Route.ComponentProps) {
  const { deadJobs, error } = loaderData;
  const [searchParams] = useSearchParams();
  const now = useNow();
  const retried = searchParams.get('fait') === 'relance';
  const retriedCount = Number(searchParams.get('n') ?? '0');
  return (
    <div className="page">
      <h1>Files d'attente</h1>
      <div role="status">
        {retried ? (
          <p className="notice notice--success">
            {retriedCount === 0
              ? "Aucune tâche en échec n'était à relancer."
              : `${retriedCount === 1 ? 'La tâche en échec est relancée' : `Les ${retriedCount} tâches en échec sont relancées`} : elles quittent la liste dès qu'elles ont abouti.`}
          </p>
        ) : null}
        {actionData?.error ? <p className="notice notice--error">{actionData.error}</p> : null}
      </div>

      <section aria-labelledby="titre-echecs">
        <h2 id="titre-echecs">Tâches en échec</h2>
        <p>
          Une tâche qui a échoué à toutes ses tentatives (le plus souvent parce qu'un service était arrêté) est relancée automatiquement, de plus en
          plus rarement. Quand le service est revenu, relancez-les toutes maintenant.
        </p>
        {error ? (
          <p className="notice notice--error">Les tâches de fond ne répondent pas : {error}</p>
        ) : deadJobs && deadJobs.count === 0 ? (
          <p>Aucune tâche en échec.</p>
        ) : deadJobs ? (
          <>
            <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-echecs">
              <table className="staff-table">
                <caption id="legende-echecs">
                  {deadJobs.count} tâche{deadJobs.count > 1 ? 's' : ''} en échec
                  {deadJobs.count > deadJobs.jobs.length ? ` (les ${deadJobs.jobs.length} plus anciennes)` : ''}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Tâche</th>
                    <th scope="col">État</th>
                    <th scope="col">Dernier échec</th>
                    <th scope="col">Échecs</th>
                    <th scope="col">Prochaine tentative</th>
                  </tr>
                </thead>
                <tbody>
                  {deadJobs.jobs.map((job) => (
                    <tr key={job.id}>
                      <th scope="row">
                        <code>{job.name}</code>
                        <br />
                        <span className="muted">{job.failure}</span>
                      </th>
                      <td>{STATE_LABELS[job.state]}</td>
                      <td>{formatParisTime(job.lastFailedAt, { now })}</td>
                      <td>
                        {job.failures}
                        {job.redrives ? ` (${job.redrives} relance${job.redrives > 1 ? 's' : ''})` : ''}
                      </td>
                      <td>{job.nextAttemptAt ? formatParisTime(job.nextAttemptAt, { now }) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Form method="post">
              <SubmitButton pendingText="Relance…">Relancer les tâches en échec</SubmitButton>
            </Form>
          </>
        ) : null}
      </section>

      <section aria-labelledby="titre-tableau">
        <h2 id="titre-tableau">Tableau des files</h2>
        <p>
          Le tableau montre chaque file de tâches (e-mails, diffusion, système) et ses tâches, sans leur contenu personnel. Il est en lecture seule :
          rien ne peut y être modifié.
        </p>
        <p>
          <a href={`${QUEUE_BOARD_PATH}/`} className="button button--secondary">
            Ouvrir le tableau des files
          </a>
        </p>
      </section>
    </div>
  );
}
