import { Form, Link } from 'react-router';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { ACTOR_KIND_LABELS, SCALE_LABELS, SCALES, scaleParam } from '../lib/guide-labels';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/guide-actors';

const ActorsQuery = graphql(`
  query GuideActors($filter: ActorFilter, $after: String) {
    actors(filter: $filter, first: 50, after: $after) {
      edges {
        node {
          id
          name
          kind
          scale
          description
          website
          contact
          commune {
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
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: pageTitle('Annuaire des acteurs') },
  {
    name: 'description',
    content: 'Les institutions et organisations de la vie publique, du quartier à la région, vers lesquelles le guide oriente.',
  },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const scale = scaleParam(url.searchParams.get('echelle'));
  const after = url.searchParams.get('apres') || null;
  const data = await queryOrThrow(context, ActorsQuery, { filter: scale ? { scale } : null, after });
  return {
    actors: data.actors.edges.map((edge) => edge.node),
    totalCount: data.actors.totalCount,
    nextCursor: data.actors.pageInfo.hasNextPage ? data.actors.pageInfo.endCursor : null,
    scale,
  };
}

export default function GuideActorsPage({ loaderData }: Route.ComponentProps) {
  const { actors, totalCount, nextCursor, scale } = loaderData;
  const more = new URLSearchParams();
  if (scale) more.set('echelle', scale);
  if (nextCursor) more.set('apres', nextCursor);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/guide">Guide</Link>
      </p>
      <h1>Annuaire des acteurs</h1>
      <p className="page__lead">
        Mairies, conseils de quartier, territoires, département, Métropole, région, associations : qui contacter pour agir.
      </p>
      <Form method="get" className="filter" aria-label="Filtrer les acteurs">
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
        <button type="submit" className="button">
          Filtrer
        </button>
      </Form>
      <p className="results-count" role="status">
        {totalCount === 0 ? 'Aucun acteur pour ce choix.' : `${totalCount} acteur${totalCount > 1 ? 's' : ''}.`}
      </p>
      <ul className="guide-list">
        {actors.map((actor) => (
          <li key={actor.id} className="guide-card">
            <h2 className="guide-card__title">{actor.name}</h2>
            <p className="muted">
              {ACTOR_KIND_LABELS[actor.kind]} · {SCALE_LABELS[actor.scale]}
              {actor.commune ? ` · ${actor.commune.name}` : ''}
            </p>
            {actor.description ? <p>{actor.description}</p> : null}
            {actor.website || actor.contact ? (
              <p>
                {actor.website ? <a href={actor.website}>Site web de {actor.name}</a> : null}
                {actor.website && actor.contact ? ' · ' : ''}
                {actor.contact}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {nextCursor ? (
        <p className="pager">
          <Link className="button button--secondary" to={`/guide/acteurs?${more.toString()}`}>
            Voir plus d’acteurs
          </Link>
        </p>
      ) : null}
    </div>
  );
}
