import { Form, Link, redirect, useSearchParams } from 'react-router';
import { formatParisTime, formatParisTimeRange } from '../../lib/display-time';
import { SubmitButton } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import type { EventRevisionField } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { EVENT_KIND_LABELS } from '../../lib/event-labels';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { THEME_LABELS } from '../../lib/guide-labels';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import { webContext } from '../../lib/web-context.server';
import type { Route } from './+types/events';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const HERE = '/equipe/evenements';

/**
 * /equipe/evenements: the members' proposals to publish or reject (a reason is required), the changes proposed to
 * published events (#modifications), and the events to come, to edit or follow their registrations. Each list pages
 * with the API's cursor (apres, modifications_apres, agenda_apres).
 */
const StaffEventsQuery = graphql(`
  query StaffEvents($after: String, $revisionsAfter: String, $agendaAfter: String, $now: DateTime!) {
    eventsToReview(first: 5, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          kind
          themes
          startsAt
          endsAt
          descriptionHtml
          onlineUrl
          capacity
          createdAt
          venue {
            name
            address
            commune {
              name
            }
          }
          organizer {
            id
            displayName
          }
        }
      }
    }
    eventRevisionsToReview(first: 5, after: $revisionsAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          changedFields
          title
          startsAt
          endsAt
          descriptionHtml
          onlineUrl
          createdAt
          venue {
            name
            address
            commune {
              name
            }
          }
          author {
            id
            displayName
          }
          event {
            id
            title
            startsAt
            endsAt
            onlineUrl
            venue {
              name
              address
              commune {
                name
              }
            }
          }
        }
      }
    }
    agenda(first: 20, after: $agendaAfter, filter: { from: $now }) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          status
          startsAt
          attendeeCount
          waitlistCount
          capacity
          series {
            id
          }
        }
      }
    }
  }
`);

const PublishEvent = graphql(`
  mutation StaffPublishEvent($id: ID!) {
    publishEvent(id: $id) {
      id
    }
  }
`);
const RejectEvent = graphql(`
  mutation StaffRejectEvent($id: ID!, $reason: String!) {
    rejectEvent(id: $id, reason: $reason) {
      id
    }
  }
`);
const ApproveRevision = graphql(`
  mutation StaffApproveEventRevision($id: ID!) {
    approveEventRevision(id: $id) {
      id
    }
  }
`);
const RejectRevision = graphql(`
  mutation StaffRejectEventRevision($id: ID!, $reason: String!) {
    rejectEventRevision(id: $id, reason: $reason) {
      id
    }
  }
`);

const DONE: Record<string, string> = {
  publie: 'L’événement est publié dans l’agenda ; son organisateur·rice est prévenu·e.',
  refuse: 'La proposition est refusée ; son organisateur·rice lira le motif.',
  'modification-acceptee': 'La modification est appliquée à l’événement publié.',
  'modification-refusee': 'La modification est refusée ; son auteur·rice lira le motif. L’événement reste tel quel.',
};

const CHANGED_LABELS: Record<EventRevisionField, string> = {
  TITLE: 'titre',
  DESCRIPTION: 'présentation',
  STARTS_AT: 'début',
  ENDS_AT: 'fin',
  VENUE: 'lieu',
  ONLINE_URL: 'lien en ligne',
};

const STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Brouillon',
  PENDING_REVIEW: 'À relire',
  PUBLISHED: 'Publié',
  REJECTED: 'Refusé',
  CANCELLED: 'Annulé',
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Événements — console') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const { clock } = context.get(webContext);
  const data = await queryOrThrow(context, StaffEventsQuery, {
    after: url.searchParams.get('apres') || null,
    revisionsAfter: url.searchParams.get('modifications_apres') || null,
    agendaAfter: url.searchParams.get('agenda_apres') || null,
    now: clock.now().toISOString(),
  });
  return {
    proposals: data.eventsToReview,
    revisions: data.eventRevisionsToReview,
    agenda: data.agenda,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const intent = text(form, 'intent');
  const id = text(form, 'id');
  const reason = text(form, 'reason');
  if (intent === 'publish' || intent === 'approve-revision') {
    const result =
      intent === 'publish' ? await gatewayRequest(context, PublishEvent, { id }) : await gatewayRequest(context, ApproveRevision, { id });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(
      intent === 'publish' ? `${HERE}?fait=publie&evenement=${encodeURIComponent(id)}` : `${HERE}?fait=modification-acceptee#modifications`,
      303,
    );
  }
  if (intent === 'reject' || intent === 'reject-revision') {
    if (!reason) {
      return formRefusal(
        {
          reason:
            intent === 'reject'
              ? 'Indiquez le motif du refus : il est envoyé à l’organisateur·rice.'
              : 'Indiquez le motif du refus : son auteur·rice le lira.',
        },
        values,
      );
    }
    const result =
      intent === 'reject'
        ? await gatewayRequest(context, RejectEvent, { id, reason })
        : await gatewayRequest(context, RejectRevision, { id, reason });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(intent === 'reject' ? `${HERE}?fait=refuse` : `${HERE}?fait=modification-refusee#modifications`, 303);
  }
  return formRefusal({}, values, 'Action inconnue.');
}

type Place = { name: string; address?: string | null; commune: { name: string } } | null | undefined;
const placeText = (venue: Place, onlineUrl: string | null | undefined) =>
  [venue ? [venue.name, venue.address, venue.commune.name].filter(Boolean).join(', ') : null, onlineUrl ? `en ligne : ${onlineUrl}` : null]
    .filter(Boolean)
    .join(' · ') || '—';

function RejectForm({ id, intent, label, result }: { id: string; intent: string; label: string; result: Route.ComponentProps['actionData'] }) {
  const mine = result?.values.id === id && result.values.intent === intent;
  const error = mine ? result?.fieldErrors.reason : undefined;
  const fieldId = `champ-reason-${id}`;
  return (
    <Form method="post" noValidate className="staff-decision__reject">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <div className={`field${error ? ' field--error' : ''}`}>
        <label htmlFor={fieldId}>
          Motif du refus<span className="field__required"> (obligatoire)</span>
        </label>
        {error ? (
          <p className="field__error" id={`${fieldId}-erreur`} role="alert">
            {error}
          </p>
        ) : null}
        <textarea
          id={fieldId}
          name="reason"
          rows={3}
          defaultValue={mine ? result?.values.reason : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-erreur` : undefined}
        />
      </div>
      <SubmitButton className="button button--secondary" name="intent" value={intent} pendingText="Envoi…">
        {label}
      </SubmitButton>
    </Form>
  );
}

export default function StaffEvents({ loaderData, actionData }: Route.ComponentProps) {
  const { proposals, revisions, agenda } = loaderData;
  const [searchParams] = useSearchParams();
  const now = useNow();
  const done = DONE[searchParams.get('fait') ?? ''];
  const doneEvent = searchParams.get('evenement');
  const formError = actionData && !actionData.fieldErrors.reason ? actionData.formError : undefined;
  const pageLink = (name: string, cursor: string | null | undefined, hash = '') => {
    const next = new URLSearchParams(searchParams);
    next.delete('fait');
    next.delete('evenement');
    if (cursor) next.set(name, cursor);
    return `${HERE}?${next.toString()}${hash}`;
  };
  return (
    <div className="page staff-events">
      <h1>Événements</h1>
      {done ? (
        <div role="status" className="notice notice--success">
          <p>
            {done}
            {doneEvent ? (
              <>
                {' '}
                <Link to={`/evenements/${doneEvent}`}>Voir l’événement</Link>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
      {formError ? (
        <div role="alert" className="notice notice--error">
          <p>{formError}</p>
        </div>
      ) : null}
      <p className="staff-actions">
        <Link className="button" to="/equipe/evenements/nouveau">
          Créer un événement
        </Link>{' '}
        <Link className="button button--secondary" to="/equipe/evenements/series/nouvelle">
          Créer une série
        </Link>
      </p>

      <section aria-labelledby="propositions">
        <h2 id="propositions">Propositions à relire ({proposals.totalCount})</h2>
        {proposals.edges.length === 0 ? <p>Aucune proposition n’attend de relecture.</p> : null}
        {proposals.edges.map(({ node: event }, index) => (
          <article key={event.id} className="staff-decision" aria-labelledby={`proposition-${event.id}`}>
            <h3 id={`proposition-${event.id}`}>
              {index === 0 && done ? 'Proposition suivante : ' : ''}
              {event.title}
            </h3>
            <dl className="staff-details">
              <dt>Quoi</dt>
              <dd>
                {EVENT_KIND_LABELS[event.kind]}
                {event.themes.length ? ` · ${event.themes.map((t) => THEME_LABELS[t]).join(', ')}` : ''}
              </dd>
              <dt>Quand</dt>
              <dd>{formatParisTimeRange(event.startsAt, event.endsAt, { now })}</dd>
              <dt>Où</dt>
              <dd>{placeText(event.venue, event.onlineUrl)}</dd>
              <dt>Places</dt>
              <dd>{event.capacity ?? 'illimitées'}</dd>
              <dt>Proposé par</dt>
              <dd>
                {event.organizer ? <Link to={`/membres/${event.organizer.id}`}>{event.organizer.displayName}</Link> : 'un ancien membre'},{' '}
                {formatParisTime(event.createdAt, { now })}
              </dd>
            </dl>
            {event.descriptionHtml ? <div className="staff-description" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} /> : null}
            <div className="staff-decision__actions">
              <Form method="post">
                <input type="hidden" name="id" value={event.id} />
                <SubmitButton name="intent" value="publish" pendingText="Publication…">
                  Publier « {event.title} »
                </SubmitButton>
              </Form>
              <RejectForm id={event.id} intent="reject" label={`Refuser « ${event.title} »`} result={actionData} />
            </div>
          </article>
        ))}
        {proposals.pageInfo.hasNextPage ? (
          <p className="pager">
            <Link to={pageLink('apres', proposals.pageInfo.endCursor)}>Page suivante des propositions</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="titre-modifications" id="modifications" tabIndex={-1}>
        <h2 id="titre-modifications">Modifications d’événements publiés à relire ({revisions.totalCount})</h2>
        {revisions.edges.length === 0 ? <p>Aucune modification n’attend de relecture.</p> : null}
        {revisions.edges.map(({ node: revision }) => (
          <article key={revision.id} className="staff-decision" aria-labelledby={`modification-${revision.id}`}>
            <h3 id={`modification-${revision.id}`}>{revision.event?.title ?? revision.title}</h3>
            <p>
              Proposée par {revision.author ? <Link to={`/membres/${revision.author.id}`}>{revision.author.displayName}</Link> : 'un ancien membre'},{' '}
              {formatParisTime(revision.createdAt, { now })}. Change : {revision.changedFields.map((f) => CHANGED_LABELS[f]).join(', ')}.
            </p>
            <div className="table-scroll">
              <table className="staff-table">
                <caption>Avant et après</caption>
                <thead>
                  <tr>
                    <th scope="col">Champ</th>
                    <th scope="col">Publié</th>
                    <th scope="col">Proposé</th>
                  </tr>
                </thead>
                <tbody>
                  {revision.changedFields.includes('TITLE') ? (
                    <tr>
                      <th scope="row">Titre</th>
                      <td>{revision.event?.title}</td>
                      <td>{revision.title}</td>
                    </tr>
                  ) : null}
                  {revision.changedFields.includes('STARTS_AT') || revision.changedFields.includes('ENDS_AT') ? (
                    <tr>
                      <th scope="row">Quand</th>
                      <td>{revision.event ? formatParisTimeRange(revision.event.startsAt, revision.event.endsAt, { now }) : ''}</td>
                      <td>{formatParisTimeRange(revision.startsAt, revision.endsAt, { now })}</td>
                    </tr>
                  ) : null}
                  {revision.changedFields.includes('VENUE') || revision.changedFields.includes('ONLINE_URL') ? (
                    <tr>
                      <th scope="row">Où</th>
                      <td>{placeText(revision.event?.venue, revision.event?.onlineUrl)}</td>
                      <td>{placeText(revision.venue, revision.onlineUrl)}</td>
                    </tr>
                  ) : null}
                  {revision.changedFields.includes('DESCRIPTION') ? (
                    <tr>
                      <th scope="row">Présentation</th>
                      <td>—</td>
                      <td>
                        <div className="staff-description" dangerouslySetInnerHTML={{ __html: revision.descriptionHtml }} />
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
            <div className="staff-decision__actions">
              <Form method="post">
                <input type="hidden" name="id" value={revision.id} />
                <SubmitButton name="intent" value="approve-revision" pendingText="Envoi…">
                  Accepter la modification
                </SubmitButton>
              </Form>
              <RejectForm id={revision.id} intent="reject-revision" label="Refuser la modification" result={actionData} />
            </div>
          </article>
        ))}
        {revisions.pageInfo.hasNextPage ? (
          <p className="pager">
            <Link to={pageLink('modifications_apres', revisions.pageInfo.endCursor, '#modifications')}>Page suivante des modifications</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="a-venir">
        <h2 id="a-venir">Événements à venir</h2>
        {agenda.edges.length === 0 ? (
          <p>Aucun événement à venir.</p>
        ) : (
          <div className="table-scroll">
            <table className="staff-table">
              <caption>Les événements à venir, par date (tous états)</caption>
              <thead>
                <tr>
                  <th scope="col">Événement</th>
                  <th scope="col">Quand</th>
                  <th scope="col">État</th>
                  <th scope="col">Inscriptions</th>
                </tr>
              </thead>
              <tbody>
                {agenda.edges.map(({ node: event }) => (
                  <tr key={event.id}>
                    <th scope="row">
                      <Link to={`/equipe/evenements/${event.id}/modifier`}>{event.title}</Link>
                      {event.series ? (
                        <>
                          {' '}
                          (<Link to={`/equipe/evenements/series/${event.series.id}`}>série</Link>)
                        </>
                      ) : null}
                    </th>
                    <td>{formatParisTime(event.startsAt, { now })}</td>
                    <td>{STATUS_LABELS[event.status] ?? event.status}</td>
                    <td>
                      <Link to={`/equipe/evenements/${event.id}/inscriptions`}>
                        {event.attendeeCount}
                        {event.capacity ? ` / ${event.capacity}` : ''} confirmée{event.attendeeCount > 1 ? 's' : ''}
                        {event.waitlistCount ? `, ${event.waitlistCount} en attente` : ''}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {agenda.pageInfo.hasNextPage ? (
          <p className="pager">
            <Link to={pageLink('agenda_apres', agenda.pageInfo.endCursor)}>Événements suivants</Link>
          </p>
        ) : null}
      </section>
    </div>
  );
}
