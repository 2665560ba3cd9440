import { Form, Link, data as dataResponse, redirect, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../../components/form-fields';
import {
  DateOrTimeField,
  EVENT_FIELD_LABELS,
  FieldError,
  KindSelect,
  PlaceAndDetailsFields,
  SkillsField,
  ThemesField,
} from '../../components/staff/event-fields';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { parisDateAndTime, parisInstant } from '@metropotes/french-time';
import { formFieldErrors, keptValues, sharedEventFields, skillIdsOf } from '../../lib/staff-event-form.server';
import { staticPage } from '../../lib/static-page';
import { formatParisTime } from '../../lib/display-time';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/event-edit';

export const handle = staticPage;
export const headers = retryAfterHeaders;

/**
 * /equipe/evenements/nouveau and /equipe/evenements/<id>/modifier: staff create an event (published at once, or kept
 * as a draft) and edit or cancel one. Times are typed in Paris time; the API stores instants.
 */
const StaffEventFormQuery = graphql(`
  query StaffEventForm($id: ID!, $withEvent: Boolean!) {
    territories {
      ...CommuneChoices
    }
    reminderOffsetChoices
    skills(includeArchived: true) {
      id
      name
      archived
    }
    event(id: $id) @include(if: $withEvent) {
      id
      title
      kind
      status
      themes
      startsAt
      endsAt
      description
      onlineUrl
      capacity
      reminderOffsetsHours
      skills {
        id
      }
      cancellationReason
      attendeeCount
      waitlistCount
      venue {
        name
        address
        commune {
          code
        }
      }
      series {
        id
        title
      }
    }
  }
`);

const CreateEvent = graphql(`
  mutation StaffCreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
    }
  }
`);

const UpdateEvent = graphql(`
  mutation StaffUpdateEvent($id: ID!, $input: UpdateEventInput!) {
    updateEvent(id: $id, input: $input) {
      id
    }
  }
`);

const CancelEvent = graphql(`
  mutation StaffCancelEvent($id: ID!, $reason: String!) {
    cancelEvent(id: $id, reason: $reason) {
      id
    }
  }
`);

const DONE: Record<string, string> = {
  cree: 'L’événement est créé.',
  brouillon: 'L’événement est enregistré comme brouillon : seule l’équipe le voit.',
  modifie: 'Les modifications sont enregistrées.',
  annule: 'L’événement est annulé : les inscrit·es sont prévenu·es par e-mail.',
};

export const meta: Route.MetaFunction = ({ params }) => [
  { title: pageTitle(params.id ? 'Modifier un événement' : 'Créer un événement') },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const data = await queryOrThrow(context, StaffEventFormQuery, { id: params.id ?? '', withEvent: Boolean(params.id) });
  if (params.id && !data.event) throw dataResponse({ message: 'Cet événement n’existe pas, ou plus.' }, { status: 404 });
  return { territories: data.territories, reminderChoices: data.reminderOffsetChoices, skills: data.skills, event: data.event ?? null };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = keptValues(form, formValues(form));
  const here = `/equipe/evenements/${params.id}/modifier`;
  if (params.id && text(form, 'intent') === 'cancel') {
    const reason = text(form, 'reason');
    if (!reason) return formRefusal({ reason: 'Indiquez le motif de l’annulation : il est envoyé aux inscrit·es.' }, values);
    const result = await gatewayRequest(context, CancelEvent, { id: params.id, reason });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(`${here}?fait=annule`, 303);
  }
  const errors: Record<string, string> = {};
  const shared = sharedEventFields(form, errors);
  const startDate = text(form, 'startDate');
  const startsAt = parisInstant(startDate, text(form, 'startTime'));
  const endsAt = parisInstant(text(form, 'endDate') || startDate, text(form, 'endTime'));
  if (!startsAt) errors.startTime = 'Indiquez la date et l’heure de début (heure de Paris, par exemple 18:30).';
  if (!endsAt) errors.endTime = 'Indiquez l’heure de fin (heure de Paris, par exemple 20:00).';
  if (Object.keys(errors).length) return formRefusal(errors, values);
  const input = { ...shared, ...skillIdsOf(form, shared.kind), startsAt: startsAt!.toISOString(), endsAt: endsAt!.toISOString() };
  if (params.id) {
    const result = await gatewayRequest(context, UpdateEvent, { id: params.id, input });
    if (!result.ok) return formFailure(formFieldErrors(result.failure), values);
    return redirect(`${here}?fait=modifie`, 303);
  }
  const draft = form.get('draft') === 'oui';
  const result = await gatewayRequest(context, CreateEvent, { input: { ...input, draft } });
  if (!result.ok) return formFailure(formFieldErrors(result.failure), values);
  return redirect(`/equipe/evenements/${result.data.createEvent.id}/modifier?fait=${draft ? 'brouillon' : 'cree'}`, 303);
}

const STATUS_LABELS: Record<string, string> = {
  DRAFT: 'brouillon',
  PENDING_REVIEW: 'proposé, à relire',
  PUBLISHED: 'publié',
  REJECTED: 'refusé',
  CANCELLED: 'annulé',
};

export default function StaffEventEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { event, territories, skills, reminderChoices } = loaderData;
  const [searchParams] = useSearchParams();
  const now = useNow();
  const done = DONE[searchParams.get('fait') ?? ''];
  const result = actionData;
  const isCancel = result?.values.intent === 'cancel';
  const formResult = isCancel ? undefined : result;
  const start = event ? parisDateAndTime(event.startsAt) : null;
  const end = event ? parisDateAndTime(event.endsAt) : null;
  const saved: Record<string, string> = event
    ? {
        title: event.title,
        kind: event.kind,
        themes: event.themes.join(','),
        skillIds: event.skills.map((skill) => skill.id).join(','),
        startDate: start!.date,
        startTime: start!.time,
        endDate: end!.date,
        endTime: end!.time,
        venueName: event.venue?.name ?? '',
        address: event.venue?.address ?? '',
        communeCode: event.venue?.commune.code ?? '',
        onlineUrl: event.onlineUrl ?? '',
        capacity: event.capacity === null || event.capacity === undefined ? '' : String(event.capacity),
        reminderOffsetsHours: event.reminderOffsetsHours.join(','),
        description: event.description,
      }
    : {};
  const values = formResult ? formResult.values : saved;
  const themes = new Set((values.themes ?? '').split(',').filter(Boolean));
  const ticked = new Set((values.skillIds ?? '').split(',').filter(Boolean));
  // Archived skills are offered only where the event already has them (they may stay on it).
  const kept = new Set(event?.skills.map((skill) => skill.id) ?? []);
  const offered = skills.filter((skill) => !skill.archived || kept.has(skill.id));
  const cancelled = event?.status === 'CANCELLED';
  return (
    <div className="page staff-events">
      <p>
        <Link to="/equipe/evenements">← Événements</Link>
      </p>
      <h1>{event ? `Modifier « ${event.title} »` : 'Créer un événement'}</h1>
      {done ? (
        <div role="status" className="notice notice--success">
          <p>{done}</p>
        </div>
      ) : null}
      {event ? (
        <p>
          État : <strong>{STATUS_LABELS[event.status] ?? event.status}</strong> · {formatParisTime(event.startsAt, { now })} ·{' '}
          <Link to={`/evenements/${event.id}`}>Voir la page publique</Link> ·{' '}
          <Link to={`/equipe/evenements/${event.id}/inscriptions`}>
            Inscriptions ({event.attendeeCount} confirmée{event.attendeeCount > 1 ? 's' : ''}, {event.waitlistCount} en attente)
          </Link>
          {event.series ? (
            <>
              {' '}
              · Fait partie de la série <Link to={`/equipe/evenements/series/${event.series.id}`}>{event.series.title}</Link> (le modifier ici le
              détache de la série)
            </>
          ) : null}
        </p>
      ) : null}
      {cancelled ? (
        <p className="notice notice--warning">Cet événement est annulé ({event?.cancellationReason}) : il ne peut plus être modifié.</p>
      ) : (
        <Form method="post" noValidate className="form" aria-labelledby="titre-formulaire">
          <h2 id="titre-formulaire">{event ? 'L’événement' : 'Le nouvel événement'}</h2>
          <ErrorSummary result={formResult} labels={EVENT_FIELD_LABELS} />
          <TextField name="title" label={EVENT_FIELD_LABELS.title!} required maxLength={120} result={formResult} defaultValue={values.title} />
          <KindSelect result={formResult} values={values} />
          <ThemesField result={formResult} checked={themes} />
          <SkillsField result={formResult} skills={offered} checked={ticked} />
          <fieldset className="staff-fieldset">
            <legend>Quand (heure de Paris)</legend>
            <DateOrTimeField name="startDate" type="date" result={formResult} values={values} />
            <DateOrTimeField name="startTime" type="time" result={formResult} values={values} />
            <DateOrTimeField name="endDate" type="date" result={formResult} values={values} required={false} hint="Laisser vide : le même jour." />
            <DateOrTimeField name="endTime" type="time" result={formResult} values={values} />
          </fieldset>
          <PlaceAndDetailsFields result={formResult} values={values} territories={territories} reminderChoices={reminderChoices} />
          {event ? null : (
            <div className="field field--checkbox">
              <input id="champ-draft" type="checkbox" name="draft" value="oui" defaultChecked={values.draft === 'oui'} />
              <label htmlFor="champ-draft">Garder en brouillon (non publié : seule l’équipe le voit)</label>
            </div>
          )}
          <SubmitButton pendingText="Enregistrement…">{event ? 'Enregistrer les modifications' : 'Créer l’événement'}</SubmitButton>
        </Form>
      )}
      {event && !cancelled ? (
        <Form method="post" noValidate className="form staff-danger" aria-labelledby="titre-annuler">
          <h2 id="titre-annuler">Annuler l’événement</h2>
          <p>Les inscrit·es reçoivent un e-mail avec le motif. L’événement reste dans l’agenda, marqué annulé.</p>
          <input type="hidden" name="intent" value="cancel" />
          {isCancel && result?.formError ? <p className="field__error">{result.formError}</p> : null}
          <div className={`field${isCancel && result?.fieldErrors.reason ? ' field--error' : ''}`}>
            <label htmlFor="champ-reason">
              Motif de l’annulation<span className="field__required"> (obligatoire)</span>
            </label>
            <FieldError name="reason" result={isCancel ? result : undefined} />
            <textarea
              id="champ-reason"
              name="reason"
              rows={3}
              defaultValue={isCancel ? result?.values.reason : ''}
              aria-invalid={isCancel && result?.fieldErrors.reason ? true : undefined}
              aria-describedby={isCancel && result?.fieldErrors.reason ? 'champ-reason-erreur' : undefined}
            />
          </div>
          <SubmitButton className="button button--danger" pendingText="Annulation…">
            Annuler l’événement
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
