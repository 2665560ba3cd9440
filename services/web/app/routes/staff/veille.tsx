import { formatParisTime } from '../../lib/display-time';
import { Form, Link, redirect, useSearchParams } from 'react-router';
import { CommuneField, CommuneSelect } from '../../components/commune-select';
import { ErrorSummary, SubmitButton, TextField } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import type { Theme, WatchItemStatus } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { feedErrorInPlainFrench } from '../../lib/feed-error';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { THEME_LABELS, THEMES, themeParam } from '../../lib/guide-labels';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { WATCH_STATUS_LABELS, doneMessage, enumParam } from '../../lib/prospect-labels';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/veille';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const HERE = '/equipe/veille';
const COMMUNE_CODE = /^(\d[0-9AB]\d{3})$/;

/** One request: the items of the filter, the feeds, and the communes of the pickers. */
const StaffVeilleQuery = graphql(`
  query StaffVeille($filter: WatchItemFilter, $after: String) {
    watchItems(filter: $filter, first: 20, after: $after) {
      edges {
        node {
          id
          title
          url
          summary
          publishedAt
          themes
          status
          communes {
            code
            name
          }
          source {
            id
            name
          }
          submittedBy {
            id
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
    watchSources {
      id
      name
      feedUrl
      active
      lastFetchedAt
      lastError
      themes
      communes {
        code
        name
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const CurateWatchItems = graphql(`
  mutation StaffCurateWatchItems($ids: [ID!]!, $status: WatchItemStatus!, $note: String) {
    curateWatchItems(ids: $ids, status: $status, note: $note) {
      id
      status
    }
  }
`);

const AddWatchSource = graphql(`
  mutation StaffAddWatchSource($input: AddWatchSourceInput!) {
    addWatchSource(input: $input) {
      id
    }
  }
`);

const PauseWatchSource = graphql(`
  mutation StaffPauseWatchSource($id: ID!) {
    pauseWatchSource(id: $id) {
      id
      active
    }
  }
`);

const ResumeWatchSource = graphql(`
  mutation StaffResumeWatchSource($id: ID!) {
    updateWatchSource(id: $id, input: { active: true }) {
      id
      active
    }
  }
`);

const LABELS: Record<string, string> = {
  ids: 'Éléments cochés',
  note: 'Note pour l’équipe (facultative)',
  name: 'Nom de la source',
  feedUrl: 'Adresse du flux RSS ou Atom (https://…)',
  themes: 'Thème donné à ses articles',
  communeCodes: 'Commune donnée à ses articles',
};

const DONE: Record<string, (n: number) => string> = {
  retenus: (n) =>
    n > 1 ? `${n} éléments retenus : ils paraissent sur la page Veille du site.` : '1 élément retenu : il paraît sur la page Veille du site.',
  ecartes: (n) => (n > 1 ? `${n} éléments écartés.` : '1 élément écarté.'),
  remis: (n) => (n > 1 ? `${n} éléments remis à trier.` : '1 élément remis à trier.'),
  'source-ajoutee': () => 'Source ajoutée : la veille la lira à son prochain passage.',
  'source-en-pause': () => 'Source mise en pause : la veille ne la lit plus.',
  'source-reprise': () => 'Source reprise : la veille la lira à son prochain passage.',
};

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Veille – console de l’équipe') }, { name: 'robots', content: 'noindex' }];

interface Filters {
  status: WatchItemStatus;
  communeCode: string | null;
  theme: Theme | null;
}

function filtersOf(params: URLSearchParams): Filters {
  const commune = params.get('commune') ?? '';
  return {
    status: enumParam(WATCH_STATUS_LABELS, params.get('statut')) ?? 'NEW',
    communeCode: COMMUNE_CODE.test(commune) ? commune : null,
    theme: themeParam(params.get('theme')),
  };
}

function listHref(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.status !== 'NEW') params.set('statut', filters.status);
  if (filters.communeCode) params.set('commune', filters.communeCode);
  if (filters.theme) params.set('theme', filters.theme);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `${HERE}?${query}` : HERE;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const filters = filtersOf(url.searchParams);
  const data = await queryOrThrow(context, StaffVeilleQuery, {
    filter: {
      status: filters.status,
      ...(filters.communeCode ? { communeCode: filters.communeCode } : {}),
      ...(filters.theme ? { theme: filters.theme } : {}),
    },
    after: url.searchParams.get('apres') || null,
  });
  return {
    filters,
    items: data.watchItems.edges.map((edge) => edge.node),
    totalCount: data.watchItems.totalCount,
    nextCursor: data.watchItems.pageInfo.hasNextPage ? data.watchItems.pageInfo.endCursor : null,
    sources: data.watchSources.map((source) => ({ ...source, plainError: source.lastError ? feedErrorInPlainFrench(source.lastError) : null })),
    territories: data.territories,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const filters = filtersOf(new URL(request.url).searchParams);
  const intent = text(form, 'intent');

  if (intent === 'curate') {
    const ids = form.getAll('ids').filter((id): id is string => typeof id === 'string' && id !== '');
    const status = enumParam(WATCH_STATUS_LABELS, text(form, 'status'));
    if (!status) return formRefusal({}, values, 'Choisissez « Retenir » ou « Écarter ».');
    if (ids.length === 0) return formRefusal({ ids: 'Cochez au moins un élément de la liste.' }, values);
    const result = await gatewayRequest(context, CurateWatchItems, { ids, status, note: values.note || null });
    // The boxes checked stay checked after a refusal.
    if (!result.ok) return formFailure(result.failure, { ...values, ids: ids.join(' ') });
    const done = status === 'SELECTED' ? 'retenus' : status === 'DISMISSED' ? 'ecartes' : 'remis';
    return redirect(listHref(filters, { fait: done, n: String(result.data.curateWatchItems.length) }), 303);
  }

  if (intent === 'add-source') {
    const missing: Record<string, string> = {};
    if (!values.name) missing.name = 'Donnez un nom à la source.';
    if (!values.feedUrl) missing.feedUrl = 'Donnez l’adresse du flux.';
    if (Object.keys(missing).length) return formRefusal(missing, values);
    const theme = themeParam(values.themes ?? null);
    const result = await gatewayRequest(context, AddWatchSource, {
      input: {
        name: values.name!,
        feedUrl: values.feedUrl!,
        ...(theme ? { themes: [theme] } : {}),
        ...(values.communeCodes ? { communeCodes: [values.communeCodes] } : {}),
      },
    });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(listHref(filters, { fait: 'source-ajoutee' }) + '#sources', 303);
  }

  if (intent === 'pause' || intent === 'resume') {
    const id = text(form, 'sourceId');
    const result =
      intent === 'pause' ? await gatewayRequest(context, PauseWatchSource, { id }) : await gatewayRequest(context, ResumeWatchSource, { id });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(listHref(filters, { fait: intent === 'pause' ? 'source-en-pause' : 'source-reprise' }) + '#sources', 303);
  }

  return formRefusal({}, values, 'Action inconnue.');
}

export default function StaffVeille({ loaderData, actionData }: Route.ComponentProps) {
  const { filters, items, totalCount, nextCursor, sources, territories } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const done = actionData ? null : doneMessage(DONE, searchParams);
  const result = actionData;
  const intent = result?.values.intent;
  const curateResult = intent === 'curate' ? result : undefined;
  const sourceResult = intent === 'add-source' ? result : undefined;
  const idsError = curateResult?.fieldErrors.ids;
  const communeError = sourceResult?.fieldErrors.communeCodes;
  const themeError = sourceResult?.fieldErrors.themes;
  return (
    <div className="page staff-page">
      <h1>Veille</h1>
      <p className="page__lead">
        Triez ce que la veille a trouvé : ce que vous retenez paraît sur la page <Link to="/veille">Veille</Link> du site et dans la lettre des
        membres.
      </p>
      {done ? (
        <p className="notice notice--success" role="status">
          {done}
        </p>
      ) : null}
      {intent === 'pause' || intent === 'resume' ? <ErrorSummary result={result} labels={LABELS} /> : null}

      <Form method="get" className="filter" aria-label="Filtrer les éléments de la veille">
        <div className="field">
          <label htmlFor="filtre-statut">État</label>
          <select id="filtre-statut" name="statut" defaultValue={filters.status} key={filters.status}>
            {(Object.keys(WATCH_STATUS_LABELS) as WatchItemStatus[]).map((status) => (
              <option key={status} value={status}>
                {WATCH_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-commune">Commune</label>
          <CommuneSelect
            territories={territories}
            name="commune"
            id="filtre-commune"
            defaultValue={filters.communeCode ?? ''}
            emptyLabel="Toutes les communes"
            key={filters.communeCode ?? ''}
          />
        </div>
        <div className="field">
          <label htmlFor="filtre-theme">Thème</label>
          <select id="filtre-theme" name="theme" defaultValue={filters.theme ?? ''} key={filters.theme ?? ''}>
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
      </Form>

      <section aria-labelledby="titre-elements">
        <h2 id="titre-elements">
          {WATCH_STATUS_LABELS[filters.status]} ({totalCount})
        </h2>
        {items.length === 0 ? (
          <p>{filters.status === 'NEW' ? 'Rien à trier pour le moment.' : 'Aucun élément pour ce choix.'}</p>
        ) : (
          <>
            <ErrorSummary result={curateResult} labels={LABELS} />
            <Form method="post" className="staff-bulk" aria-label="Trier les éléments cochés" noValidate>
              <input type="hidden" name="intent" value="curate" />
              <fieldset
                className={`staff-bulk__items${idsError ? ' field--error' : ''}`}
                aria-describedby={idsError ? 'champ-ids-erreur' : undefined}
              >
                <legend>Éléments à trier : cochez ceux que vous retenez ou écartez</legend>
                {idsError ? (
                  <p className="field__error" id="champ-ids-erreur">
                    {idsError}
                  </p>
                ) : null}
                <ul className="staff-items" id="champ-ids">
                  {items.map((item) => (
                    <li key={item.id} className="staff-item">
                      <input
                        type="checkbox"
                        name="ids"
                        value={item.id}
                        id={`element-${item.id}`}
                        defaultChecked={curateResult?.values.ids?.split(' ').includes(item.id)}
                      />
                      <div className="staff-item__body">
                        <label htmlFor={`element-${item.id}`} className="staff-item__title">
                          {item.title}
                        </label>
                        <p className="muted">
                          <time dateTime={item.publishedAt}>{formatParisTime(item.publishedAt, { now, style: 'date' })}</time>
                          {' · '}
                          {item.source
                            ? `source : ${item.source.name}`
                            : item.submittedBy
                              ? `proposé par ${item.submittedBy.displayName}`
                              : 'proposé par un membre'}
                        </p>
                        {item.summary ? <p className="staff-item__summary">{item.summary}</p> : null}
                        <p>
                          Communes détectées : {item.communes.length ? item.communes.map((c) => c.name).join(', ') : 'aucune'}
                          {item.themes.length ? ` · Thèmes : ${item.themes.map((t) => THEME_LABELS[t]).join(', ')}` : ''}
                        </p>
                        <p className="staff-item__links">
                          <Link to={`${HERE}/${item.id}`}>
                            Corriger les communes, repérer un acteur<span className="visually-hidden"> : {item.title}</span>
                          </Link>
                          {' · '}
                          <a href={item.url}>
                            Lire la page<span className="visually-hidden"> : {item.title}</span>
                          </a>
                        </p>
                      </div>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <TextField name="note" label={LABELS.note!} result={curateResult} maxLength={2000} />
              <div className="staff-bulk__actions">
                {filters.status !== 'SELECTED' ? (
                  <SubmitButton name="status" value="SELECTED" pendingText="Envoi…">
                    Retenir les éléments cochés
                  </SubmitButton>
                ) : null}
                {filters.status !== 'DISMISSED' ? (
                  <SubmitButton name="status" value="DISMISSED" className="button button--secondary" pendingText="Envoi…">
                    Écarter les éléments cochés
                  </SubmitButton>
                ) : null}
                {filters.status !== 'NEW' ? (
                  <SubmitButton name="status" value="NEW" className="button button--secondary" pendingText="Envoi…">
                    Remettre à trier
                  </SubmitButton>
                ) : null}
              </div>
            </Form>
          </>
        )}
        {nextCursor ? (
          <p className="pager">
            <Link className="button button--secondary" to={listHref(filters, { apres: nextCursor })}>
              Page suivante
            </Link>
          </p>
        ) : null}
      </section>

      <section id="sources" aria-labelledby="titre-sources">
        <h2 id="titre-sources">Sources suivies</h2>
        {sources.length === 0 ? (
          <p>Aucune source pour le moment.</p>
        ) : (
          <div className="table-wrapper" role="region" aria-label="Tableau des sources (défile horizontalement)" tabIndex={0}>
            <table className="staff-table">
              <caption>Les flux que la veille lit, leur dernière lecture et son résultat</caption>
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">État</th>
                  <th scope="col">Lecture du flux</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {sources.map((source) => (
                  <tr key={source.id}>
                    <th scope="row">
                      {source.name}
                      <br />
                      <span className="muted staff-url">{source.feedUrl}</span>
                    </th>
                    <td>{source.active ? 'Active' : 'En pause'}</td>
                    <td>
                      {source.lastFetchedAt ? (
                        <>
                          Dernière lecture réussie : <time dateTime={source.lastFetchedAt}>{formatParisTime(source.lastFetchedAt, { now })}</time>
                        </>
                      ) : source.plainError ? (
                        'Jamais lue avec succès'
                      ) : (
                        'Pas encore lue : la veille passe régulièrement.'
                      )}
                      {source.plainError ? (
                        <div className="staff-feed-error">
                          <p>
                            <strong>Problème à la dernière lecture :</strong> {source.plainError}
                          </p>
                          <details>
                            <summary>Message technique</summary>
                            <code>{source.lastError}</code>
                          </details>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value={source.active ? 'pause' : 'resume'} />
                        <input type="hidden" name="sourceId" value={source.id} />
                        <button type="submit" className="button button--secondary">
                          {source.active ? 'Mettre en pause' : 'Reprendre'}
                          <span className="visually-hidden"> : {source.name}</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3 id="ajouter-source">Ajouter une source</h3>
        <ErrorSummary result={sourceResult} labels={LABELS} />
        <Form method="post" className="form" aria-labelledby="ajouter-source" noValidate>
          <input type="hidden" name="intent" value="add-source" />
          <TextField name="name" label={LABELS.name!} required result={sourceResult} maxLength={200} />
          <TextField
            name="feedUrl"
            label={LABELS.feedUrl!}
            required
            result={sourceResult}
            hint="Sur le site, cherchez le lien « RSS » ou « flux »."
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
              defaultValue={sourceResult?.values.themes ?? ''}
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
          <CommuneField
            territories={territories}
            name="communeCodes"
            label={LABELS.communeCodes}
            emptyLabel="Aucune en particulier"
            defaultValue={sourceResult?.values.communeCodes ?? ''}
            error={communeError || undefined}
          />
          <SubmitButton pendingText="Envoi…">Ajouter la source</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
