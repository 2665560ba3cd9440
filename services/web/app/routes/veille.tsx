import { formatParisTime } from '../lib/display-time';
import { Form, Link, redirect, useSearchParams } from 'react-router';
import { CommuneField, CommuneSelect } from '../components/commune-select';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import type { Theme } from '../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues } from '../lib/forms.server';
import { THEME_LABELS, THEMES, themeParam } from '../lib/guide-labels';
import { retryAfterHeaders } from '../lib/headers';
import { pageTitle } from '../lib/meta';
import { useNow } from '../lib/use-now';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/veille';

export const headers = retryAfterHeaders;

const COMMUNE_CODE = /^(\d[0-9AB]\d{3})$/;

/** One request: the selected items of the filter and the communes of the pickers. */
const VeilleQuery = graphql(`
  query Veille($filter: WatchItemFilter, $after: String) {
    watchItems(filter: $filter, first: 20, after: $after) {
      edges {
        node {
          id
          title
          summary
          url
          publishedAt
          themes
          communes {
            code
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const SubmitWatchItem = graphql(`
  mutation SubmitWatchItem($input: SubmitWatchItemInput!) {
    submitWatchItem(input: $input) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  title: 'Titre',
  url: 'Adresse de la page (https://…)',
  summary: 'En quelques mots',
  communeCodes: 'Commune concernée',
  themes: 'Thème',
};

export const meta: Route.MetaFunction = () => [
  { title: pageTitle('Veille des initiatives') },
  { name: 'description', content: 'Les initiatives locales repérées et choisies par l’équipe des Métropotes, par commune et par thème.' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const commune = url.searchParams.get('commune') ?? '';
  const communeCode = COMMUNE_CODE.test(commune) ? commune : null;
  const theme = themeParam(url.searchParams.get('theme'));
  const after = url.searchParams.get('apres') || null;
  const data = await queryOrThrow(context, VeilleQuery, {
    filter: communeCode || theme ? { ...(communeCode ? { communeCode } : {}), ...(theme ? { theme } : {}) } : null,
    after,
  });
  return {
    items: data.watchItems.edges.map((edge) => edge.node),
    totalCount: data.watchItems.totalCount,
    nextCursor: data.watchItems.pageInfo.hasNextPage ? data.watchItems.pageInfo.endCursor : null,
    territories: data.territories,
    communeCode,
    theme,
    signedIn: currentSession(context) !== null,
  };
}

/** A member proposes an item: the staff choose what the veille shows. */
export async function action({ request, context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect('/connexion?retour=%2Fveille');
  const form = await request.formData();
  const values = formValues(form);
  const missing: Record<string, string> = {};
  if (!values.title) missing.title = 'Donnez un titre à l’initiative.';
  if (!values.url) missing.url = 'Donnez l’adresse de la page qui la présente.';
  if (Object.keys(missing).length) return formRefusal(missing, values);
  const theme = themeParam(values.themes ?? null);
  const result = await gatewayRequest(context, SubmitWatchItem, {
    input: {
      title: values.title!,
      url: values.url!,
      ...(values.summary ? { summary: values.summary } : {}),
      ...(values.communeCodes ? { communeCodes: [values.communeCodes] } : {}),
      ...(theme ? { themes: [theme as Theme] } : {}),
    },
  });
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') return redirect('/connexion?retour=%2Fveille');
    return formFailure(result.failure, values);
  }
  return redirect('/veille?proposee=1#proposer', 303);
}

function moreHref(communeCode: string | null, theme: string | null, cursor: string): string {
  const params = new URLSearchParams();
  if (communeCode) params.set('commune', communeCode);
  if (theme) params.set('theme', theme);
  params.set('apres', cursor);
  return `/veille?${params.toString()}`;
}

export default function VeillePage({ loaderData, actionData }: Route.ComponentProps) {
  const { items, totalCount, nextCursor, territories, communeCode, theme, signedIn } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const result = actionData;
  const communeError = result?.fieldErrors.communeCodes;
  const themeError = result?.fieldErrors.themes;
  return (
    <div className="page">
      <h1>Veille des initiatives</h1>
      <p className="page__lead">Ce qui bouge dans les quartiers et les communes de la Métropole, repéré et choisi par l’équipe.</p>

      <Form method="get" className="filter" aria-label="Filtrer la veille">
        <div className="field">
          <label htmlFor="filtre-commune">Commune</label>
          <CommuneSelect
            territories={territories}
            name="commune"
            id="filtre-commune"
            defaultValue={communeCode ?? ''}
            emptyLabel="Toutes les communes"
            key={communeCode ?? ''}
          />
        </div>
        <div className="field">
          <label htmlFor="filtre-theme">Thème</label>
          <select id="filtre-theme" name="theme" defaultValue={theme ?? ''} key={theme ?? ''}>
            <option value="">Tous les thèmes</option>
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {THEME_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
        {communeCode || theme ? (
          <Link to="/veille" className="filter__reset">
            Tout voir
          </Link>
        ) : null}
      </Form>

      <p className="results-count" role="status">
        {totalCount === 0 ? 'Rien dans la veille pour ce choix pour le moment.' : `${totalCount} initiative${totalCount > 1 ? 's' : ''}.`}
      </p>
      <ul className="guide-list">
        {items.map((item) => (
          <li key={item.id} className="guide-card">
            <h2 className="guide-card__title">
              <a href={item.url}>{item.title}</a>
            </h2>
            <p className="muted">
              <time dateTime={item.publishedAt}>{formatParisTime(item.publishedAt, { now, style: 'date' })}</time>
              {item.communes.length ? ` · ${item.communes.map((c) => c.name).join(', ')}` : ''}
            </p>
            {item.summary ? <p>{item.summary}</p> : null}
            {item.themes.length ? (
              <p className="guide-card__tags">
                {item.themes.map((t) => (
                  <span key={t} className="tag tag--theme">
                    {THEME_LABELS[t]}
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <p className="pager">
          <Link className="button button--secondary" to={moreHref(communeCode, theme, nextCursor)}>
            Voir plus d’initiatives
          </Link>
        </p>
      ) : null}

      <section id="proposer" aria-labelledby="titre-proposer" className="page--narrow">
        <h2 id="titre-proposer">Proposer une initiative</h2>
        {searchParams.get('proposee') === '1' && !result ? (
          <p className="notice notice--success" role="status">
            Merci ! L’équipe regarde votre proposition ; elle paraîtra dans la veille si elle est retenue.
          </p>
        ) : null}
        {signedIn ? (
          <>
            <ErrorSummary result={result} labels={LABELS} />
            <Form method="post" className="form" noValidate>
              <TextField name="title" label={LABELS.title!} required result={result} maxLength={200} />
              <TextField name="url" label={LABELS.url!} required result={result} />
              <TextField name="summary" label={LABELS.summary!} result={result} maxLength={500} />
              <CommuneField
                territories={territories}
                name="communeCodes"
                label={LABELS.communeCodes}
                emptyLabel="Aucune en particulier"
                defaultValue={result?.values.communeCodes ?? ''}
                error={communeError || undefined}
              />
              <div className={`field${themeError ? ' field--error' : ''}`}>
                <label htmlFor="champ-themes">{LABELS.themes}</label>
                {themeError ? (
                  <p className="field__error" id="champ-themes-erreur">
                    {themeError}
                  </p>
                ) : null}
                <select
                  id="champ-themes"
                  name="themes"
                  defaultValue={result?.values.themes ?? ''}
                  aria-invalid={themeError ? true : undefined}
                  aria-describedby={themeError ? 'champ-themes-erreur' : undefined}
                >
                  <option value="">Aucun en particulier</option>
                  {THEMES.map((t) => (
                    <option key={t} value={t}>
                      {THEME_LABELS[t]}
                    </option>
                  ))}
                </select>
              </div>
              <SubmitButton pendingText="Envoi…">Proposer</SubmitButton>
            </Form>
          </>
        ) : (
          <p>
            <Link to="/connexion?retour=%2Fveille%23proposer">Connectez-vous</Link> pour proposer une initiative à l’équipe.
          </p>
        )}
      </section>
    </div>
  );
}
