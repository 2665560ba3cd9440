import { data, Form, Link, redirect, useSearchParams, type ShouldRevalidateFunction } from 'react-router';
import { ErrorSummary, FieldFrame, SubmitButton, TextField, type FormResultView } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import type { GuideStepInput, Scale, Theme } from '../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text, type FormResult } from '../lib/forms.server';
import { SCALE_LABELS, SCALES, THEME_LABELS, THEMES } from '../lib/guide-labels';
import { retryAfterHeaders } from '../lib/headers';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/guide-edit';

export const headers = retryAfterHeaders;

/** The most steps a fiche's form offers (the ones it has, plus one blank to add). */
const MAX_STEPS = 20;

const GuideEditQuery = graphql(`
  query GuideEdit($slug: String!) {
    guideArticle(slug: $slug) {
      id
      slug
      title
      summary
      body
      status
      version
      scales
      themes
      steps {
        title
        text
      }
      authors {
        id
      }
      pendingRevision {
        id
      }
    }
  }
`);

const CreateGuideArticle = graphql(`
  mutation CreateGuideArticle($input: CreateGuideArticleInput!) {
    createGuideArticle(input: $input) {
      slug
    }
  }
`);

const UpdateGuideArticle = graphql(`
  mutation UpdateGuideArticle($id: ID!, $input: UpdateGuideArticleInput!) {
    updateGuideArticle(id: $id, input: $input) {
      slug
      status
      pendingRevision {
        id
      }
    }
  }
`);

const SubmitGuideArticle = graphql(`
  mutation SubmitGuideArticle($id: ID!) {
    submitGuideArticle(id: $id) {
      slug
    }
  }
`);

const LABELS: Record<string, string> = {
  title: 'Titre',
  summary: 'Résumé',
  body: 'Texte de la fiche',
  scales: 'Échelles',
  themes: 'Thèmes',
  steps: 'Étapes',
};

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData?.article ? `Modifier « ${loaderData.article.title} »` : 'Écrire une fiche du guide') },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const session = currentSession(context);
  const here = new URL(request.url).pathname;
  if (!session) throw redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  if (!params.slug) return { article: null };
  const result = await queryOrThrow(context, GuideEditQuery, { slug: params.slug });
  if (!result.guideArticle) throw data({ message: "Cette fiche n'existe pas, ou elle n'est pas publiée." }, { status: 404 });
  if (!result.guideArticle.authors.some((a) => a?.id === session.member.id)) {
    throw data({ message: 'Seuls les auteurs d’une fiche et l’équipe peuvent la modifier.' }, { status: 403 });
  }
  return { article: result.guideArticle };
}

/** What the form sends, as the API's input: the steps in order, blank ones left out; scales and themes checked. */
function contentOf(values: Record<string, string>) {
  const steps: GuideStepInput[] = [];
  for (let i = 0; i < MAX_STEPS; i += 1) {
    const title = values[`step-${i}-title`] ?? '';
    const stepText = values[`step-${i}-text`] ?? '';
    if (title || stepText) steps.push({ title, text: stepText });
  }
  return {
    title: values.title ?? '',
    summary: values.summary ?? '',
    body: values.body ?? '',
    scales: SCALES.filter((s) => values[`scale-${s}`] === 'oui') as Scale[],
    themes: THEMES.filter((t) => values[`theme-${t}`] === 'oui') as Theme[],
    steps,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const here = new URL(request.url).pathname;
  if (!currentSession(context)) return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const form = await request.formData();
  const values = formValues(form);
  const intent = text(form, 'intent');
  const id = values.id;

  if (intent === 'submit' && id) {
    const result = await gatewayRequest(context, SubmitGuideArticle, { id });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(`/guide/${result.data.submitGuideArticle.slug}`, 303);
  }

  if (!values.title) return formRefusal({ title: 'Donnez un titre à la fiche.' }, values);
  const content = contentOf(values);
  if (!id) {
    const result = await gatewayRequest(context, CreateGuideArticle, { input: content });
    if (!result.ok) return refused(result.failure, values);
    return redirect(`/guide/${result.data.createGuideArticle.slug}/modifier?enregistree=1`, 303);
  }
  const expectedVersion = Number(values.expectedVersion);
  const result = await gatewayRequest(context, UpdateGuideArticle, { id, input: { ...content, expectedVersion } });
  if (!result.ok) return refused(result.failure, values);
  const saved = result.data.updateGuideArticle;
  // A member's edit of a published fiche waits for staff: the fiche keeps its published text meanwhile.
  if (saved.status === 'PUBLISHED' && saved.pendingRevision) return redirect(`/guide/${saved.slug}?proposee=1`, 303);
  return redirect(`/guide/${saved.slug}/modifier?enregistree=1`, 303);
}

/**
 * After a CONFLICT (a 409), the fiche is read again although the action failed (React Router skips that after an
 * error by default): the form then carries the version the fiche is at now, as it does without JavaScript.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  (actionResult as { conflict?: boolean } | undefined)?.conflict ? true : defaultShouldRevalidate;

/** A refusal keeps everything typed; CONFLICT (someone saved in between) is flagged so that the page says so. */
function refused(failure: Parameters<typeof formFailure>[0], values: Record<string, string>) {
  if (failure.code === 'UNAUTHENTICATED') return redirect('/connexion');
  if (failure.code === 'CONFLICT') {
    return data<FormResult & { conflict: true }>({ fieldErrors: {}, values, conflict: true, formError: failure.message }, { status: 409 });
  }
  // The API names a step by its index (steps.2.title): shown with the steps.
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(failure.fieldErrors)) fieldErrors[field.startsWith('steps') ? 'steps' : field] = message;
  return formFailure({ ...failure, fieldErrors }, values);
}

function TextArea({
  name,
  label,
  result,
  defaultValue,
  rows = 6,
  hint,
  required,
}: {
  name: string;
  label: string;
  result?: FormResultView;
  defaultValue?: string;
  rows?: number;
  hint?: string;
  required?: boolean;
}) {
  return (
    <FieldFrame name={name} label={label} required={required} hint={hint} error={result?.fieldErrors[name]}>
      {(control) => (
        <textarea
          id={control.id}
          name={name}
          rows={rows}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
          defaultValue={result?.values[name] ?? defaultValue ?? ''}
        />
      )}
    </FieldFrame>
  );
}

function Choices({
  legend,
  name,
  options,
  labels,
  checked,
  error,
}: {
  legend: string;
  name: string;
  options: string[];
  labels: Record<string, string>;
  checked: (value: string) => boolean;
  error?: string;
}) {
  return (
    <fieldset
      className={`field guide-choices${error ? ' field--error' : ''}`}
      id={`champ-${name}`}
      aria-describedby={error ? `champ-${name}-erreur` : undefined}
    >
      <legend>{legend}</legend>
      {error ? (
        <p className="field__error" id={`champ-${name}-erreur`}>
          {error}
        </p>
      ) : null}
      {options.map((value) => (
        <div key={value} className="field--checkbox">
          <input
            type="checkbox"
            id={`champ-${name}-${value}`}
            name={`${name === 'scales' ? 'scale' : 'theme'}-${value}`}
            value="oui"
            defaultChecked={checked(value)}
          />
          <label htmlFor={`champ-${name}-${value}`}>{labels[value]}</label>
        </div>
      ))}
    </fieldset>
  );
}

export default function GuideEditPage({ loaderData, actionData }: Route.ComponentProps) {
  const { article } = loaderData;
  const result = actionData as (FormResultView & { conflict?: true }) | undefined;
  const values = result?.values;
  const conflict = Boolean(result?.conflict);
  const [searchParams] = useSearchParams();
  const saved = !result && searchParams.get('enregistree') === '1';
  // After a refusal, what was typed; otherwise the fiche as it is.
  const stepCount = values
    ? Math.max(...Array.from({ length: MAX_STEPS }, (_, i) => (values[`step-${i}-title`] || values[`step-${i}-text`] ? i + 1 : 0)), 0)
    : (article?.steps.length ?? 0);
  const steps = Array.from({ length: Math.min(stepCount + 1, MAX_STEPS) }, (_, i) => ({
    title: values ? (values[`step-${i}-title`] ?? '') : (article?.steps[i]?.title ?? ''),
    text: values ? (values[`step-${i}-text`] ?? '') : (article?.steps[i]?.text ?? ''),
  }));
  const scaleChecked = (s: string) => (values ? values[`scale-${s}`] === 'oui' : Boolean(article?.scales.includes(s as Scale)));
  const themeChecked = (t: string) => (values ? values[`theme-${t}`] === 'oui' : Boolean(article?.themes.includes(t as Theme)));
  // After a conflict the form carries the fiche's current version: saving again is a deliberate choice, made knowingly.
  const expectedVersion = conflict || !values ? String(article?.version ?? '') : (values.expectedVersion ?? String(article?.version ?? ''));

  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link to="/guide">Guide</Link>
        {article ? (
          <>
            {' '}
            › <Link to={`/guide/${article.slug}`}>{article.title}</Link>
          </>
        ) : null}
      </p>
      <h1>{article ? 'Modifier la fiche' : 'Écrire une fiche du guide'}</h1>
      {article?.status === 'PUBLISHED' ? (
        <p className="notice notice--info">
          Cette fiche est publiée : vos modifications seront relues par l’équipe avant de paraître. En attendant, la fiche garde son texte actuel.
          {article.pendingRevision ? ' Une modification que vous avez proposée attend déjà la relecture : celle-ci la remplacera.' : ''}
        </p>
      ) : null}
      {saved ? (
        <p className="notice notice--success" role="status">
          Votre fiche est enregistrée.
          {article?.status === 'DRAFT' ? ' Elle reste un brouillon, visible de ses seuls auteurs, jusqu’à sa relecture.' : ''}
        </p>
      ) : null}
      {conflict ? (
        <div className="notice notice--warning" role="alert">
          <h2>Quelqu’un a enregistré cette fiche pendant que vous l’écriviez</h2>
          <p>
            Votre texte n’est pas perdu : il est ci-dessous, tel que vous l’avez écrit. Ouvrez{' '}
            {article ? (
              <a href={`/guide/${article.slug}`} target="_blank" rel="noreferrer">
                la version actuelle de la fiche (nouvel onglet)
              </a>
            ) : (
              'la version actuelle de la fiche'
            )}
            , reportez-y ce qui manque, puis enregistrez à nouveau : votre texte remplacera alors le sien.
          </p>
        </div>
      ) : (
        <ErrorSummary result={result} labels={LABELS} />
      )}
      <Form method="post" className="form" noValidate>
        {article ? (
          <>
            <input type="hidden" name="id" value={article.id} />
            <input type="hidden" name="expectedVersion" value={expectedVersion} key={expectedVersion} />
          </>
        ) : null}
        <TextField name="title" label={LABELS.title!} required result={result} defaultValue={article?.title} maxLength={200} />
        <TextArea
          name="summary"
          label={LABELS.summary!}
          result={result}
          defaultValue={article?.summary}
          rows={3}
          hint="Deux ou trois phrases : ce que la fiche permet de faire."
        />
        <TextArea
          name="body"
          label={LABELS.body!}
          result={result}
          defaultValue={article?.body}
          rows={12}
          hint="Mise en forme Markdown : **gras**, listes avec des tirets, liens [texte](https://…)."
        />
        <fieldset className={`field steps${result?.fieldErrors.steps ? ' field--error' : ''}`} id="champ-steps">
          <legend>{LABELS.steps}</legend>
          {result?.fieldErrors.steps ? <p className="field__error">{result.fieldErrors.steps}</p> : null}
          <p className="field__hint">Laissez vide une étape pour l’enlever. Enregistrez pour ajouter une étape de plus.</p>
          {steps.map((step, i) => (
            <div key={i} className="step-fields">
              <div className="field">
                <label htmlFor={`champ-step-${i}-title`}>Étape {i + 1} : titre</label>
                <input type="text" id={`champ-step-${i}-title`} name={`step-${i}-title`} defaultValue={step.title} />
              </div>
              <div className="field">
                <label htmlFor={`champ-step-${i}-text`}>Étape {i + 1} : texte</label>
                <textarea id={`champ-step-${i}-text`} name={`step-${i}-text`} rows={4} defaultValue={step.text} />
              </div>
            </div>
          ))}
        </fieldset>
        <Choices
          legend={LABELS.scales!}
          name="scales"
          options={SCALES}
          labels={SCALE_LABELS}
          checked={scaleChecked}
          error={result?.fieldErrors.scales}
        />
        <Choices
          legend={LABELS.themes!}
          name="themes"
          options={THEMES}
          labels={THEME_LABELS}
          checked={themeChecked}
          error={result?.fieldErrors.themes}
        />
        <SubmitButton name="intent" value="save" pendingText="Enregistrement…">
          {article?.status === 'PUBLISHED' ? 'Proposer ma modification' : 'Enregistrer'}
        </SubmitButton>
      </Form>
      {article?.status === 'DRAFT' ? (
        <Form method="post" className="form">
          <input type="hidden" name="id" value={article.id} />
          <p>Quand votre fiche est prête, l’équipe la relit avant de la publier.</p>
          <SubmitButton name="intent" value="submit" className="button button--secondary" pendingText="Envoi…">
            Demander la relecture
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
