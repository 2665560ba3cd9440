import { Form, Link, data as dataResponse, redirect, useSearchParams } from 'react-router';
import { formatParisTime } from '../../lib/display-time';
import { ErrorSummary, SubmitButton, TextField } from '../../components/form-fields';
import { EVENT_FIELD_LABELS, FieldError, KindSelect, PlaceAndDetailsFields, ThemesField } from '../../components/staff/event-fields';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { RANK_LABELS, RANKS, WEEKDAY_LABELS, recurrenceFromForm, recurrenceSentence } from '../../lib/recurrence';
import { fromRrule, nextStarts, toRrule } from '../../lib/recurrence.server';
import { formFieldErrors, keptValues, sharedEventFields } from '../../lib/staff-event-form.server';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import { webContext } from '../../lib/web-context.server';
import type { Route } from './+types/event-series';

export const handle = staticPage;
export const headers = retryAfterHeaders;

/**
 * /equipe/evenements/series/nouvelle and /equipe/evenements/series/<id>: a recurring series (the monthly pot du
 * pote…). Its rule is built as a French sentence of selects (« le premier jeudi de chaque mois à 18 h 30 »), turned
 * into the API's RRULE with the rrule package; "Prévisualiser" shows the sentence and the next five dates before
 * anything is saved (a plain submit: no JavaScript needed).
 */
const StaffSeriesQuery = graphql(`
  query StaffEventSeries($id: ID!, $withSeries: Boolean!) {
    territories {
      ...CommuneChoices
    }
    reminderOffsetChoices
    eventSeries(id: $id) @include(if: $withSeries) {
      id
      title
      kind
      themes
      description
      rrule
      startTime
      durationMinutes
      onlineUrl
      capacity
      reminderOffsetsHours
      venue {
        name
        address
        commune {
          code
        }
      }
      occurrences(first: 5) {
        totalCount
        edges {
          node {
            id
            title
            startsAt
            status
            attendeeCount
          }
        }
      }
    }
  }
`);

const CreateSeries = graphql(`
  mutation StaffCreateEventSeries($input: CreateEventSeriesInput!) {
    createEventSeries(input: $input) {
      id
    }
  }
`);

const UpdateSeries = graphql(`
  mutation StaffUpdateEventSeries($id: ID!, $input: UpdateEventSeriesInput!) {
    updateEventSeries(id: $id, input: $input) {
      id
    }
  }
`);

const DONE: Record<string, string> = {
  creee: 'La série est créée : ses dates des six prochains mois sont dans l’agenda.',
  modifiee: 'La série est modifiée : ses dates à venir suivent (sauf celles modifiées à la main ou annulées).',
};

export const meta: Route.MetaFunction = ({ params }) => [
  { title: pageTitle(params.id ? 'Modifier une série' : 'Créer une série') },
  { name: 'robots', content: 'noindex' },
];

const minutesOf = (time: string) => {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
};
const timeOf = (minutes: number) => `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export async function loader({ params, context }: Route.LoaderArgs) {
  const data = await queryOrThrow(context, StaffSeriesQuery, { id: params.id ?? '', withSeries: Boolean(params.id) });
  if (params.id && !data.eventSeries) throw dataResponse({ message: 'Cette série n’existe pas, ou plus.' }, { status: 404 });
  const series = data.eventSeries ?? null;
  const recurrence = series ? fromRrule(series.rrule, series.startTime) : null;
  return { territories: data.territories, reminderChoices: data.reminderOffsetChoices, series, recurrence };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = keptValues(form, formValues(form));
  const errors: Record<string, string> = {};
  const { recurrence, errors: ruleErrors } = recurrenceFromForm(form);
  Object.assign(errors, ruleErrors);
  const endTime = text(form, 'endTime');
  let durationMinutes = 0;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(endTime)) errors.endTime = 'Indiquez l’heure de fin, par exemple 20:30.';
  else if (recurrence) {
    durationMinutes = minutesOf(endTime) - minutesOf(recurrence.startTime);
    if (durationMinutes <= 0) errors.endTime = 'L’heure de fin doit venir après l’heure de début.';
  }
  const preview = text(form, 'intent') === 'preview';
  if (preview) {
    if (!recurrence) return formRefusal(errors, values);
    const rrule = toRrule(recurrence);
    const starts = nextStarts(rrule, recurrence.startTime, context.get(webContext).clock.now(), 5);
    return {
      fieldErrors: errors,
      values,
      formError: undefined as string | undefined,
      preview: { sentence: recurrenceSentence(recurrence), rrule, starts: starts.map((d) => d.toISOString()) },
    };
  }
  const shared = sharedEventFields(form, errors);
  if (Object.keys(errors).length || !recurrence) return formRefusal(errors, values);
  const input = { ...shared, rrule: toRrule(recurrence), startTime: recurrence.startTime, durationMinutes };
  const names = { rrule: 'frequency', durationMinutes: 'endTime' };
  if (params.id) {
    const result = await gatewayRequest(context, UpdateSeries, { id: params.id, input });
    if (!result.ok) return formFailure(formFieldErrors(result.failure, names), values);
    return redirect(`/equipe/evenements/series/${params.id}?fait=modifiee`, 303);
  }
  const result = await gatewayRequest(context, CreateSeries, { input });
  if (!result.ok) return formFailure(formFieldErrors(result.failure, names), values);
  return redirect(`/equipe/evenements/series/${result.data.createEventSeries.id}?fait=creee`, 303);
}

const FREQUENCY_CHOICES = [
  { value: 'MONTHLY', label: 'de chaque mois' },
  { value: 'WEEKLY', label: 'de chaque semaine' },
  { value: 'BIWEEKLY', label: 'une semaine sur deux' },
];

export default function StaffEventSeries({ loaderData, actionData }: Route.ComponentProps) {
  const { series, territories, recurrence, reminderChoices } = loaderData;
  const [searchParams] = useSearchParams();
  const now = useNow();
  const done = DONE[searchParams.get('fait') ?? ''];
  const result = actionData;
  const preview = result && 'preview' in result ? result.preview : null;
  const saved: Record<string, string> = series
    ? {
        title: series.title,
        kind: series.kind,
        themes: series.themes.join(','),
        frequency: recurrence ? (recurrence.frequency === 'MONTHLY' ? 'MONTHLY' : recurrence.interval === 2 ? 'BIWEEKLY' : 'WEEKLY') : '',
        rank: recurrence?.frequency === 'MONTHLY' ? String(recurrence.rank) : '',
        day: recurrence?.day ?? '',
        startTime: series.startTime,
        endTime: timeOf(minutesOf(series.startTime) + series.durationMinutes),
        venueName: series.venue?.name ?? '',
        address: series.venue?.address ?? '',
        communeCode: series.venue?.commune.code ?? '',
        onlineUrl: series.onlineUrl ?? '',
        capacity: series.capacity === null || series.capacity === undefined ? '' : String(series.capacity),
        reminderOffsetsHours: series.reminderOffsetsHours.join(','),
        description: series.description,
      }
    : { frequency: 'MONTHLY', rank: '1', day: 'TH', startTime: '18:30', endTime: '20:30' };
  const values = result ? result.values : saved;
  const themes = new Set((values.themes ?? '').split(',').filter(Boolean));
  const selectProps = (name: string) => ({
    id: `champ-${name}`,
    name,
    defaultValue: values[name] ?? '',
    'aria-invalid': result?.fieldErrors[name] ? true : undefined,
    'aria-describedby': result?.fieldErrors[name] ? `champ-${name}-erreur` : undefined,
  });
  return (
    <div className="page staff-events">
      <p>
        <Link to="/equipe/evenements">← Événements</Link>
      </p>
      <h1>{series ? `Série « ${series.title} »` : 'Créer une série'}</h1>
      {done ? (
        <div role="status" className="notice notice--success">
          <p>{done}</p>
        </div>
      ) : null}
      {series ? (
        <section aria-labelledby="dates-a-venir">
          <h2 id="dates-a-venir">Ses prochaines dates ({series.occurrences.totalCount} à venir)</h2>
          <ul>
            {series.occurrences.edges.map(({ node }) => (
              <li key={node.id}>
                <Link to={`/equipe/evenements/${node.id}/modifier`}>{formatParisTime(node.startsAt, { now })}</Link>
                {node.status === 'CANCELLED' ? ' (annulée)' : ''} · {node.attendeeCount} inscrit·e{node.attendeeCount > 1 ? 's' : ''}
              </li>
            ))}
          </ul>
          {!recurrence ? (
            <p className="notice notice--warning">
              Sa règle actuelle ({series.rrule}) ne se dit pas avec les choix ci-dessous : enregistrer la remplace par celle que vous choisissez.
            </p>
          ) : null}
        </section>
      ) : null}
      <Form method="post" noValidate className="form" aria-labelledby="titre-serie">
        <h2 id="titre-serie">{series ? 'Modifier la série' : 'La nouvelle série'}</h2>
        <ErrorSummary
          result={result && Object.keys(result.fieldErrors).length + (result.formError ? 1 : 0) ? result : undefined}
          labels={EVENT_FIELD_LABELS}
        />
        <TextField name="title" label={EVENT_FIELD_LABELS.title!} required maxLength={120} result={result} defaultValue={values.title} />
        <KindSelect result={result} values={values} />
        <ThemesField result={result} checked={themes} />
        <fieldset className="staff-fieldset staff-sentence" id="champ-recurrence">
          <legend>Quand (heure de Paris)</legend>
          <p className="field__hint" id="champ-recurrence-aide">
            Composez la phrase : « le premier jeudi de chaque mois, de 18:30 à 20:30 ». Pour « chaque semaine » et « une semaine sur deux », la
            semaine du mois est ignorée.
          </p>
          {['frequency', 'rank', 'day', 'startTime', 'endTime'].map((name) => (
            <FieldError key={name} name={name} result={result} />
          ))}
          <p className="staff-sentence__line">
            <span aria-hidden="true">Le </span>
            <label className="visually-hidden" htmlFor="champ-rank">
              Semaine du mois (chaque mois seulement)
            </label>
            <select {...selectProps('rank')}>
              <option value="">— (chaque semaine)</option>
              {RANKS.map((rank) => (
                <option key={rank} value={String(rank)}>
                  {RANK_LABELS[String(rank)]}
                </option>
              ))}
            </select>{' '}
            <label className="visually-hidden" htmlFor="champ-day">
              Jour
            </label>
            <select {...selectProps('day')}>
              {Object.entries(WEEKDAY_LABELS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </select>{' '}
            <label className="visually-hidden" htmlFor="champ-frequency">
              Fréquence
            </label>
            <select {...selectProps('frequency')}>
              {FREQUENCY_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
            <span aria-hidden="true">, de </span>
            <label className="visually-hidden" htmlFor="champ-startTime">
              Heure de début
            </label>
            <input type="time" {...selectProps('startTime')} />
            <span aria-hidden="true"> à </span>
            <label className="visually-hidden" htmlFor="champ-endTime">
              Heure de fin
            </label>
            <input type="time" {...selectProps('endTime')} />
          </p>
          <SubmitButton className="button button--secondary" name="intent" value="preview" pendingText="Calcul…">
            Prévisualiser
          </SubmitButton>
          {preview ? (
            <div role="status" className="notice notice--info staff-preview">
              <p>
                La série a lieu <strong>{preview.sentence}</strong>.
              </p>
              <p>Ses 5 prochaines dates :</p>
              <ol>
                {preview.starts.map((start) => (
                  <li key={start}>{formatParisTime(start, { now })}</li>
                ))}
              </ol>
              <p className="muted">
                Règle transmise : <code>{preview.rrule}</code>
              </p>
            </div>
          ) : null}
        </fieldset>
        <PlaceAndDetailsFields result={result} values={values} territories={territories} reminderChoices={reminderChoices} />
        <SubmitButton name="intent" value="save" pendingText="Enregistrement…">
          {series ? 'Enregistrer la série' : 'Créer la série'}
        </SubmitButton>
      </Form>
    </div>
  );
}
