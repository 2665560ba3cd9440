import { parisInstant } from '@metropotes/french-time';
import { Form, Link, redirect, useSearchParams } from 'react-router';
import { CommuneField } from '../components/commune-select';
import { ErrorSummary, FieldFrame, SubmitButton, TextField } from '../components/form-fields';
import { ReminderOffsetsField, reminderOffsetsOf } from '../components/reminder-offsets-field';
import { graphql } from '../graphql/generated';
import type { EventKind } from '../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { EVENT_KIND_LABELS } from '../lib/event-labels';
import { formFailure, formRefusal, formValues, text } from '../lib/forms.server';
import { retryAfterHeaders } from '../lib/headers';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/propose-event';

export const headers = retryAfterHeaders;

const HERE = '/evenements/proposer';

const ProposeEventPageQuery = graphql(`
  query ProposeEventPage {
    territories {
      ...CommuneChoices
    }
    reminderOffsetChoices
  }
`);

/** The group an admin proposes the event for (`?groupe=<id>`, the link on the group's page). */
const ProposeEventGroupQuery = graphql(`
  query ProposeEventGroup($id: ID!) {
    group(id: $id) {
      id
      name
      viewerRole
    }
  }
`);

const ProposeEvent = graphql(`
  mutation ProposeEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      id
      status
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Proposer un événement') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const groupId = new URL(request.url).searchParams.get('groupe');
  const here = groupId ? `${HERE}?groupe=${encodeURIComponent(groupId)}` : HERE;
  if (!currentSession(context)) throw redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const [data, group] = await Promise.all([
    queryOrThrow(context, ProposeEventPageQuery, {}),
    groupId ? queryOrThrow(context, ProposeEventGroupQuery, { id: groupId }).then((r) => r.group) : Promise.resolve(null),
  ]);
  return { territories: data.territories, group, reminderChoices: data.reminderOffsetChoices };
}

const LABELS = {
  title: 'Titre',
  kind: 'Type de rendez-vous',
  date: 'Date',
  startTime: 'Heure de début',
  endTime: 'Heure de fin',
  venueName: 'Lieu',
  address: 'Adresse',
  communeCode: 'Commune du lieu',
  description: 'Présentation',
  groupId: 'Groupe',
  reminderOffsetsHours: 'Rappels par e-mail',
};

export async function action({ request, context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect(`/connexion?retour=${encodeURIComponent(HERE)}`);
  const form = await request.formData();
  const values: Record<string, string> = { ...formValues(form), reminderOffsetsHours: reminderOffsetsOf(form).join(',') };
  const errors: Record<string, string> = {};
  const kind = text(form, 'kind');
  if (!(kind in EVENT_KIND_LABELS)) errors.kind = 'Choisissez le type de rendez-vous.';
  const startsAt = parisInstant(text(form, 'date'), text(form, 'startTime'));
  const endsAt = parisInstant(text(form, 'date'), text(form, 'endTime'));
  if (!startsAt) errors.startTime = 'Indiquez la date et l’heure de début (par exemple 18:30).';
  if (!endsAt) errors.endTime = 'Indiquez l’heure de fin (par exemple 20:00).';
  const venueName = text(form, 'venueName');
  if (venueName && !text(form, 'communeCode')) errors.communeCode = 'Choisissez la commune du lieu.';
  if (Object.keys(errors).length) return formRefusal(errors, values);
  const result = await gatewayRequest(context, ProposeEvent, {
    input: {
      title: text(form, 'title'),
      kind: kind as EventKind,
      startsAt: startsAt!.toISOString(),
      endsAt: endsAt!.toISOString(),
      description: text(form, 'description') || null,
      venue: venueName ? { name: venueName, address: text(form, 'address') || null, communeCode: text(form, 'communeCode') } : null,
      ...(text(form, 'groupId') ? { groupId: text(form, 'groupId') } : {}),
      reminderOffsetsHours: reminderOffsetsOf(form),
    },
  });
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(HERE)}`);
    // The API names its fields after the input (venue.communeCode…): the form's names are the last part.
    const fieldErrors: Record<string, string> = {};
    for (const [field, message] of Object.entries(result.failure.fieldErrors)) {
      const name = field.split('.').pop()!;
      fieldErrors[name === 'name' ? 'venueName' : name === 'startsAt' ? 'startTime' : name === 'endsAt' ? 'endTime' : name] = message;
    }
    // Not an admin of the group (FORBIDDEN): said next to the group, where the person can act on it.
    if (result.failure.code === 'FORBIDDEN' && values.groupId) fieldErrors.groupId = result.failure.message;
    return formFailure({ ...result.failure, fieldErrors }, values);
  }
  return redirect(`${HERE}?envoye=${encodeURIComponent(result.data.createEvent.id)}`, 303);
}

export default function ProposeEventPage({ loaderData, actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const sentId = searchParams.get('envoye');
  if (sentId) {
    return (
      <div className="page page--narrow">
        <h1>Proposer un événement</h1>
        <div role="status" className="notice notice--success">
          <h2>Merci, votre proposition est envoyée</h2>
          <p>
            L'équipe d'animation va la relire avant de la publier dans l'agenda. Vous recevrez un e-mail quand elle sera publiée, ou si elle a besoin
            d'être modifiée.
          </p>
        </div>
        <p>
          <Link to={HERE}>Proposer un autre événement</Link> · <Link to="/agenda">Voir l'agenda</Link>
        </p>
      </div>
    );
  }
  const result = actionData;
  const kindError = result?.fieldErrors.kind;
  const descriptionError = result?.fieldErrors.description;
  const communeError = result?.fieldErrors.communeCode;
  const group = loaderData.group;
  const groupError = result?.fieldErrors.groupId;
  return (
    <div className="page page--narrow">
      <h1>Proposer un événement</h1>
      <p>Votre proposition sera relue par l'équipe d'animation avant d'être publiée dans l'agenda.</p>
      <Form method="post" noValidate>
        <ErrorSummary result={result} labels={LABELS} />
        {group ? (
          <FieldFrame name="groupId" label={LABELS.groupId} hint="L’événement sera présenté sur la page du groupe." error={groupError}>
            {(control) => (
              <select id={control.id} name="groupId" defaultValue={group.id} aria-invalid={control.invalid} aria-describedby={control.describedBy}>
                <option value={group.id}>{group.name}</option>
                <option value="">Aucun groupe</option>
              </select>
            )}
          </FieldFrame>
        ) : null}
        <TextField name="title" label={LABELS.title} required maxLength={120} result={result} />
        <div className={`field${kindError ? ' field--error' : ''}`}>
          <label htmlFor="champ-kind">
            {LABELS.kind}
            <span className="field__required"> (obligatoire)</span>
          </label>
          {kindError ? (
            <p className="field__error" id="champ-kind-erreur">
              {kindError}
            </p>
          ) : null}
          <select
            id="champ-kind"
            name="kind"
            required
            defaultValue={result?.values.kind ?? ''}
            aria-invalid={kindError ? true : undefined}
            aria-describedby={kindError ? 'champ-kind-erreur' : undefined}
          >
            <option value="" disabled>
              Choisissez
            </option>
            {Object.entries(EVENT_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <DateTimeField name="date" label={LABELS.date} type="date" result={result} />
        <DateTimeField name="startTime" label={LABELS.startTime} type="time" result={result} hint="Heure de Paris" />
        <DateTimeField name="endTime" label={LABELS.endTime} type="time" result={result} hint="Heure de Paris" />
        <TextField
          name="venueName"
          label={LABELS.venueName}
          maxLength={120}
          result={result}
          hint="Le nom du lieu (laisser vide pour un rendez-vous en ligne)"
        />
        <TextField name="address" label={LABELS.address} maxLength={200} result={result} />
        <CommuneField
          territories={loaderData.territories}
          name="communeCode"
          label={LABELS.communeCode}
          emptyLabel="Choisissez la commune"
          defaultValue={result?.values.communeCode}
          error={communeError || undefined}
          hint="Obligatoire quand le rendez-vous a un lieu"
        />
        <ReminderOffsetsField
          choices={loaderData.reminderChoices}
          value={result?.values.reminderOffsetsHours}
          error={result?.fieldErrors.reminderOffsetsHours}
        />
        <div className={`field${descriptionError ? ' field--error' : ''}`}>
          <label htmlFor="champ-description">{LABELS.description}</label>
          {descriptionError ? (
            <p className="field__error" id="champ-description-erreur">
              {descriptionError}
            </p>
          ) : null}
          <textarea
            id="champ-description"
            name="description"
            rows={8}
            defaultValue={result?.values.description ?? ''}
            aria-invalid={descriptionError ? true : undefined}
            aria-describedby={descriptionError ? 'champ-description-erreur' : undefined}
          />
        </div>
        <SubmitButton pendingText="Envoi…">Envoyer ma proposition</SubmitButton>
      </Form>
    </div>
  );
}

function DateTimeField({
  name,
  label,
  type,
  result,
  hint,
}: {
  name: string;
  label: string;
  type: 'date' | 'time';
  result?: { fieldErrors: Record<string, string>; values: Record<string, string> };
  hint?: string;
}) {
  const id = `champ-${name}`;
  const error = result?.fieldErrors[name];
  const describedBy = [hint ? `${id}-aide` : null, error ? `${id}-erreur` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        <span className="field__required"> (obligatoire)</span>
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-aide`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={result?.values[name]}
      />
    </div>
  );
}
