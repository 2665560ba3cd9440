import { useEffect, useRef, useState } from 'react';
import { Form, Link, useFetcher, useSearchParams } from 'react-router';
import { CommuneSelect } from '../components/commune-select';
import { EventCard } from '../components/event-card';
import { graphql } from '../graphql/generated';
import type { EventCardFragment } from '../graphql/generated/graphql';
import { queryOrThrow } from '../graphql/gateway.server';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/agenda';

const PAGE_SIZE = 10;
const COMMUNE_CODE = /^(\d[0-9AB]\d{3})$/;

/** One request per page: the events (a page after a cursor) and the communes of the filter. */
const AgendaQuery = graphql(`
  query Agenda($filter: AgendaFilter, $first: Int!, $after: String) {
    agenda(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          ...EventCard
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

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData?.communeName ? `Agenda à ${loaderData.communeName}` : 'Agenda') },
  { name: 'description', content: 'Les rendez-vous des Métropotes : pots du pote, ateliers, formations, Métrokawa et missions.' },
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const commune = url.searchParams.get('commune') ?? '';
  const after = url.searchParams.get('apres') || null;
  const communeCode = COMMUNE_CODE.test(commune) ? commune : null;
  const data = await queryOrThrow(context, AgendaQuery, {
    filter: communeCode ? { communeCode } : null,
    first: PAGE_SIZE,
    after,
  });
  const communeName = communeCode
    ? (data.territories.flatMap((t) => t.communes).find((c) => c.code === communeCode)?.name ?? null)
    : null;
  return {
    events: data.agenda.edges.map((edge) => edge.node),
    nextCursor: data.agenda.pageInfo.hasNextPage ? data.agenda.pageInfo.endCursor : null,
    totalCount: data.agenda.totalCount,
    territories: data.territories,
    communeCode,
    communeName,
    continued: after !== null,
  };
}

/** The address of the page after `cursor`, with the same filter. */
function moreHref(communeCode: string | null, cursor: string): string {
  const params = new URLSearchParams();
  if (communeCode) params.set('commune', communeCode);
  params.set('apres', cursor);
  return `/agenda?${params.toString()}`;
}

export default function Agenda({ loaderData }: Route.ComponentProps) {
  const { events, nextCursor, totalCount, territories, communeCode, communeName, continued } = loaderData;
  const [searchParams] = useSearchParams();
  // With JavaScript, "Voir plus" adds the next page below instead of leaving this one.
  const more = useFetcher<typeof loader>();
  const [extra, setExtra] = useState<{ events: EventCardFragment[]; nextCursor: string | null; key: string }>({ events: [], nextCursor: null, key: '' });
  const filterKey = searchParams.toString();
  const firstAdded = useRef<HTMLLIElement>(null);
  const [focusAdded, setFocusAdded] = useState(false);

  useEffect(() => {
    if (!more.data || more.state !== 'idle') return;
    const page = more.data;
    setExtra((previous) => ({
      events: [...(previous.key === filterKey ? previous.events : []), ...page.events],
      nextCursor: page.nextCursor,
      key: filterKey,
    }));
    setFocusAdded(true);
  }, [more.data, more.state, filterKey]);

  useEffect(() => {
    if (focusAdded) {
      firstAdded.current?.querySelector('a')?.focus();
      setFocusAdded(false);
    }
  }, [focusAdded]);

  const added = extra.key === filterKey ? extra.events : [];
  const cursor = extra.key === filterKey && added.length ? extra.nextCursor : nextCursor;
  const shown = events.length + added.length;
  const firstAddedIndex = events.length;

  return (
    <div className="page">
      <h1>{communeName ? `Agenda à ${communeName}` : 'Agenda'}</h1>
      <p className="page__lead">
        Les rendez-vous du réseau : pots du pote, ateliers, formations, Métrokawa et missions, ouverts aux Métropotes et
        souvent à toutes et à tous.
      </p>

      <Form method="get" className="filter" role="search" aria-label="Filtrer l'agenda">
        <div className="field">
          <label htmlFor="filtre-commune">Commune</label>
          <CommuneSelect territories={territories} name="commune" id="filtre-commune" defaultValue={communeCode ?? ''} emptyLabel="Toutes les communes" key={communeCode ?? ''} />
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
        {communeCode ? (
          <Link to="/agenda" className="filter__reset">
            Voir toutes les communes
          </Link>
        ) : null}
      </Form>

      <p className="results-count" role="status">
        {totalCount === 0
          ? communeName
            ? `Aucun rendez-vous à venir à ${communeName} pour le moment.`
            : 'Aucun rendez-vous à venir pour le moment.'
          : `${totalCount} rendez-vous à venir${communeName ? ` à ${communeName}` : ''}${continued ? ' (suite de la liste)' : ''}.`}
      </p>

      {shown ? (
        <ul className="event-list">
          {events.map((event) => (
            <li key={event.id}>
              <EventCard event={event} headingLevel={2} />
            </li>
          ))}
          {added.map((event, index) => (
            <li key={event.id} ref={index === 0 ? firstAdded : undefined} data-index={firstAddedIndex + index}>
              <EventCard event={event} headingLevel={2} />
            </li>
          ))}
        </ul>
      ) : null}

      <p className="pager">
        {cursor ? (
          <Link
            className="button button--secondary"
            to={moreHref(communeCode, cursor)}
            onClick={(click) => {
              click.preventDefault();
              more.load(moreHref(communeCode, cursor));
            }}
            aria-busy={more.state !== 'idle' || undefined}
          >
            {more.state !== 'idle' ? 'Chargement…' : 'Voir plus de rendez-vous'}
          </Link>
        ) : null}
        {continued ? <Link to={communeCode ? `/agenda?commune=${communeCode}` : '/agenda'}>Revenir au début de l'agenda</Link> : null}
      </p>
    </div>
  );
}
