import { formatParisTime } from '../../lib/display-time';
import { Form, Link, data, redirect, useSearchParams } from 'react-router';
import { CommuneSelect } from '../../components/commune-select';
import { ErrorSummary, SubmitButton, TextField } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import type { ProspectKind } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { THEME_LABELS } from '../../lib/guide-labels';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { PROSPECT_KIND_LABELS, PROSPECT_STATUS_LABELS, WATCH_STATUS_LABELS, doneMessage, enumParam } from '../../lib/prospect-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/veille-item';

export const handle = staticPage;
export const headers = retryAfterHeaders;

/** A veille item for the staff: its communes (as detected, to correct) and « Repérer un acteur ». */
const StaffWatchItemQuery = graphql(`
  query StaffWatchItem($id: ID!) {
    watchItem(id: $id) {
      id
      title
      url
      summary
      publishedAt
      status
      themes
      curationNote
      communes {
        code
        name
      }
      source {
        name
      }
      prospects {
        id
        name
        status
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const UpdateWatchItemCommunes = graphql(`
  mutation StaffUpdateWatchItemCommunes($id: ID!, $communeCodes: [String!]!) {
    updateWatchItem(id: $id, input: { communeCodes: $communeCodes }) {
      id
    }
  }
`);

const CreateProspectFromWatchItem = graphql(`
  mutation StaffCreateProspectFromWatchItem($watchItemId: ID!, $input: CreateProspectFromWatchItemInput!) {
    createProspectFromWatchItem(watchItemId: $watchItemId, input: $input) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  communeCodes: 'Communes',
  addCommune: 'Ajouter une commune',
  name: 'Nom de l’acteur',
  kind: 'C’est…',
  email: 'Adresse e-mail (facultative)',
  sourceNote: 'Comment l’avez-vous repéré ? (facultatif)',
};

const DONE: Record<string, (n: number) => string> = {
  communes: () => 'Communes corrigées.',
};

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData ? `${loaderData.item.title} – veille` : 'Veille') },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  const result = await queryOrThrow(context, StaffWatchItemQuery, { id: params.id });
  if (!result.watchItem) throw data({ message: "Cet élément de la veille n'existe pas." }, { status: 404 });
  return { item: result.watchItem, territories: result.territories };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const intent = text(form, 'intent');
  const here = `/equipe/veille/${encodeURIComponent(params.id)}`;

  if (intent === 'communes') {
    const kept = form.getAll('communeCodes').filter((code): code is string => typeof code === 'string' && code !== '');
    const added = text(form, 'addCommune');
    const communeCodes = [...new Set(added ? [...kept, added] : kept)];
    const result = await gatewayRequest(context, UpdateWatchItemCommunes, { id: params.id, communeCodes });
    if (!result.ok) {
      const failure = result.failure;
      return formFailure(failure, values);
    }
    return redirect(`${here}?fait=communes`, 303);
  }

  if (intent === 'prospect') {
    const kind = enumParam(PROSPECT_KIND_LABELS, values.kind ?? null);
    if (!kind) return formRefusal({ kind: 'Dites s’il s’agit d’un·e habitant·e, d’un collectif ou d’une association.' }, values);
    const result = await gatewayRequest(context, CreateProspectFromWatchItem, {
      watchItemId: params.id,
      input: {
        kind: kind as ProspectKind,
        ...(values.name ? { name: values.name } : {}),
        ...(values.email ? { contact: { email: values.email } } : {}),
        ...(values.sourceNote ? { sourceNote: values.sourceNote } : {}),
      },
    });
    if (!result.ok) {
      const fieldErrors: Record<string, string> = {};
      for (const [field, message] of Object.entries(result.failure.fieldErrors)) fieldErrors[field === 'contact.email' ? 'email' : field] = message;
      return formFailure({ ...result.failure, fieldErrors }, values);
    }
    return redirect(`/equipe/reperage/${result.data.createProspectFromWatchItem.id}?fait=repere`, 303);
  }

  return formRefusal({}, values, 'Action inconnue.');
}

export default function StaffWatchItem({ loaderData, actionData }: Route.ComponentProps) {
  const { item, territories } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const done = actionData ? null : doneMessage(DONE, searchParams);
  const intent = actionData?.values.intent;
  const communeResult = intent === 'communes' ? actionData : undefined;
  const prospectResult = intent === 'prospect' ? actionData : undefined;
  const communeError = communeResult?.fieldErrors.communeCodes;
  const kindError = prospectResult?.fieldErrors.kind;
  return (
    <div className="page staff-page">
      <p>
        <Link to="/equipe/veille">← Retour à la veille</Link>
      </p>
      <h1>{item.title}</h1>
      {done ? (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      <p className="muted">
        {WATCH_STATUS_LABELS[item.status]} · publié le{' '}
        <time dateTime={item.publishedAt}>{formatParisTime(item.publishedAt, { now, style: 'date' })}</time>
        {item.source ? ` · source : ${item.source.name}` : ''}
      </p>
      {item.summary ? <p>{item.summary}</p> : null}
      {item.themes.length ? <p>Thèmes : {item.themes.map((t) => THEME_LABELS[t]).join(', ')}</p> : null}
      {item.curationNote ? <p>Note de l’équipe : {item.curationNote}</p> : null}
      <p>
        <a href={item.url}>Lire la page d’origine</a>
      </p>

      <section aria-labelledby="titre-communes">
        <h2 id="titre-communes">Communes</h2>
        <p>La veille a trouvé ces communes dans le texte. Décochez celles qui n’ont rien à voir, ajoutez celle qui manque.</p>
        <ErrorSummary result={communeResult} labels={LABELS} />
        <Form method="post" className="form" aria-labelledby="titre-communes" noValidate>
          <input type="hidden" name="intent" value="communes" />
          <fieldset
            className={communeError ? 'field field--error' : 'field'}
            aria-describedby={communeError ? 'champ-communeCodes-erreur' : undefined}
          >
            <legend>Communes de cet élément</legend>
            {communeError ? (
              <p className="field__error" id="champ-communeCodes-erreur">
                {communeError}
              </p>
            ) : null}
            {item.communes.length === 0 ? <p className="muted">Aucune commune pour le moment.</p> : null}
            {item.communes.map((commune, index) => (
              <div key={commune.code} className="field--checkbox">
                <input
                  type="checkbox"
                  name="communeCodes"
                  value={commune.code}
                  id={index === 0 ? 'champ-communeCodes' : `commune-${commune.code}`}
                  defaultChecked
                />
                <label htmlFor={index === 0 ? 'champ-communeCodes' : `commune-${commune.code}`}>
                  {commune.name} ({commune.code})
                </label>
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="champ-addCommune">{LABELS.addCommune}</label>
            <CommuneSelect
              territories={territories}
              name="addCommune"
              id="champ-addCommune"
              defaultValue={communeResult?.values.addCommune ?? ''}
              emptyLabel="Aucune"
            />
          </div>
          <SubmitButton pendingText="Envoi…">Enregistrer les communes</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="titre-reperer">
        <h2 id="titre-reperer">Repérer un acteur</h2>
        {item.prospects?.length ? (
          <>
            <p>Déjà repérés dans cet élément :</p>
            <ul>
              {item.prospects.map((prospect) => (
                <li key={prospect.id}>
                  <Link to={`/equipe/reperage/${prospect.id}`}>{prospect.name}</Link> ({PROSPECT_STATUS_LABELS[prospect.status]})
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>Un habitant, un collectif ou une association qu’on aimerait inviter dans le réseau ? Notez-le : il rejoint la liste du repérage.</p>
        <ErrorSummary result={prospectResult} labels={LABELS} />
        <Form method="post" className="form" aria-labelledby="titre-reperer" noValidate>
          <input type="hidden" name="intent" value="prospect" />
          <TextField
            name="name"
            label={LABELS.name!}
            result={prospectResult}
            defaultValue={item.title}
            maxLength={200}
            hint="Par défaut, le titre de l’élément : corrigez-le."
          />
          <fieldset className={kindError ? 'field field--error' : 'field'} aria-describedby={kindError ? 'champ-kind-erreur' : undefined}>
            <legend>
              {LABELS.kind} <span className="field__required">(obligatoire)</span>
            </legend>
            {kindError ? (
              <p className="field__error" id="champ-kind-erreur">
                {kindError}
              </p>
            ) : null}
            {(Object.keys(PROSPECT_KIND_LABELS) as ProspectKind[]).map((kind, index) => (
              <div key={kind} className="field--checkbox">
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  id={index === 0 ? 'champ-kind' : `kind-${kind}`}
                  defaultChecked={prospectResult?.values.kind === kind}
                />
                <label htmlFor={index === 0 ? 'champ-kind' : `kind-${kind}`}>{PROSPECT_KIND_LABELS[kind]}</label>
              </div>
            ))}
          </fieldset>
          <TextField name="email" label={LABELS.email!} type="email" result={prospectResult} hint="Pour pouvoir l’inviter par e-mail." />
          <TextField name="sourceNote" label={LABELS.sourceNote!} result={prospectResult} maxLength={2000} />
          <SubmitButton pendingText="Envoi…">Repérer cet acteur</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
