import { Form, Link } from 'react-router';
import { GuideCard } from '../components/guide-card';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { SCALE_LABELS, SCALES, THEME_LABELS, THEMES, scaleParam, themeParam } from '../lib/guide-labels';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/guide';

/** One request: the published fiches of the filter (the guide is small: one page of them). */
const GuideQuery = graphql(`
  query Guide($filter: GuideArticleFilter) {
    guideArticles(filter: $filter, first: 100) {
      edges {
        node {
          ...GuideCard
        }
      }
      totalCount
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: pageTitle('Guide de l’action locale et métropolitaine') },
  { name: 'description', content: 'Les fiches pratiques des Métropotes : qui fait quoi, du quartier à la région, et comment agir.' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const scale = scaleParam(url.searchParams.get('echelle'));
  const theme = themeParam(url.searchParams.get('theme'));
  const data = await queryOrThrow(context, GuideQuery, {
    filter: scale || theme ? { ...(scale ? { scale } : {}), ...(theme ? { theme } : {}) } : null,
  });
  return {
    articles: data.guideArticles.edges.map((edge) => edge.node),
    totalCount: data.guideArticles.totalCount,
    scale,
    theme,
    signedIn: currentSession(context) !== null,
  };
}

export default function GuidePage({ loaderData }: Route.ComponentProps) {
  const { articles, totalCount, scale, theme, signedIn } = loaderData;
  // By scale, from the quartier to the région; a fiche of several scales shows under its nearest one.
  const groups = SCALES.filter((s) => !scale || s === scale)
    .map((s) => ({ scale: s, articles: articles.filter((a) => (scale ? a.scales.includes(s) : SCALES.find((x) => a.scales.includes(x)) === s)) }))
    .filter((group) => group.articles.length > 0);
  const unscaled = scale ? [] : articles.filter((a) => a.scales.length === 0);
  return (
    <div className="page">
      <h1>Guide de l’action locale et métropolitaine</h1>
      <p className="page__lead">
        Qui décide de quoi, du quartier à la région, et comment s’y prendre pour agir : des fiches écrites par les Métropotes et relues par l’équipe.
      </p>
      <p className="guide-links">
        <a href="/guide.pdf">Télécharger le guide complet (PDF)</a>
        <Link to="/guide/acteurs">Annuaire des acteurs</Link>
        {signedIn ? <Link to="/guide/ecrire">Écrire une fiche</Link> : null}
      </p>

      <Form method="get" action="/guide/recherche" className="filter" role="search" aria-label="Chercher dans le guide">
        <div className="field">
          <label htmlFor="recherche-q">Chercher dans le guide</label>
          <input id="recherche-q" name="q" type="search" required />
        </div>
        <button type="submit" className="button">
          Chercher
        </button>
      </Form>

      <Form method="get" className="filter" aria-label="Filtrer les fiches">
        <div className="field">
          <label htmlFor="filtre-echelle">Échelle</label>
          <select id="filtre-echelle" name="echelle" defaultValue={scale ?? ''} key={scale ?? ''}>
            <option value="">Toutes les échelles</option>
            {SCALES.map((s) => (
              <option key={s} value={s}>
                {SCALE_LABELS[s]}
              </option>
            ))}
          </select>
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
        {scale || theme ? (
          <Link to="/guide" className="filter__reset">
            Voir toutes les fiches
          </Link>
        ) : null}
      </Form>

      <p className="results-count" role="status">
        {totalCount === 0 ? 'Aucune fiche pour ce choix pour le moment.' : `${totalCount} fiche${totalCount > 1 ? 's' : ''}.`}
      </p>

      {groups.map((group) => (
        <section key={group.scale} aria-labelledby={`echelle-${group.scale}`}>
          <h2 id={`echelle-${group.scale}`}>{SCALE_LABELS[group.scale]}</h2>
          <ul className="guide-list">
            {group.articles.map((article) => (
              <li key={article.id}>
                <GuideCard article={article} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {unscaled.length ? (
        <section aria-labelledby="echelle-autres">
          <h2 id="echelle-autres">Autres fiches</h2>
          <ul className="guide-list">
            {unscaled.map((article) => (
              <li key={article.id}>
                <GuideCard article={article} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
