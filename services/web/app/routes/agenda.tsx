import { Form, Link, redirect } from 'react-router';
import { AgendaMonth } from '../components/agenda-month';
import { CommuneSelect } from '../components/commune-select';
import { EventCard } from '../components/event-card';
import { graphql } from '../graphql/generated';
import type { EventKind, Theme } from '../graphql/generated/graphql';
import { queryOrThrow } from '../graphql/gateway.server';
import { EVENT_KIND_LABELS } from '../lib/event-labels';
import { THEME_LABELS, themeParam } from '../lib/guide-labels';
import { pageTitle } from '../lib/meta';
import { dayName, daysOfMonth, monthName, nextDay, parisMidnight, parisMonth, parseDay, parseMonth, shiftMonth } from '../lib/paris-dates';
import { staticPage } from '../lib/static-page';
import { webContext } from '../lib/web-context.server';
import type { Route } from './+types/agenda';

/** Reads without JavaScript, and "Voir plus" is a plain link: no client script (lib/static-page.ts). */
export const handle = staticPage;

const PAGE_SIZE = 10;
/** The month view asks for one page of the API's largest size; a busier month says so and links to the list. */
const MONTH_SIZE = 100;
const COMMUNE_CODE = /^\d[0-9AB]\d{3}$/;
/** An EPT's SIREN (9 digits) or Paris' INSEE code (75056). */
const TERRITORY_CODE = /^(\d{9}|75056)$/;
const KINDS = Object.keys(EVENT_KIND_LABELS) as EventKind[];

/**
 * One request per page, in either view: a page of events (after a cursor, or a whole month) and the territories
 * with their communes for the filter.
 */
/** The month view's one request: a lighter event than the list's card (a month asks up to MONTH_SIZE of them). */
const AgendaMonthQuery = graphql(`
  query AgendaMonth($filter: AgendaFilter, $first: Int!) {
    agenda(filter: $filter, first: $first) {
      edges {
        node {
          ...AgendaMonthEvent
        }
      }
      pageInfo {
        hasNextPage
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

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

/** The filters as the address holds them (French names); `du` and `au` as typed, checked in `dates`. */
export interface AgendaParams {
  commune: string | null;
  territoire: string | null;
  type: EventKind | null;
  theme: Theme | null;
  du: string;
  au: string;
  vue: 'liste' | 'mois';
  mois: string | null;
}

/** The agenda's address for these filters (and a cursor or a month). Empty filters are left out. */
export function agendaHref(params: AgendaParams, extra: { apres?: string; mois?: string; vue?: 'liste' | 'mois' } = {}): string {
  const search = new URLSearchParams();
  const vue = extra.vue ?? params.vue;
  if (vue === 'mois') search.set('vue', 'mois');
  if (params.territoire) search.set('territoire', params.territoire);
  if (params.commune) search.set('commune', params.commune);
  if (params.type) search.set('type', params.type);
  if (params.theme) search.set('theme', params.theme);
  if (vue === 'liste') {
    if (params.du) search.set('du', params.du);
    if (params.au) search.set('au', params.au);
  }
  const mois = extra.mois ?? (vue === 'mois' ? params.mois : null);
  if (vue === 'mois' && mois) search.set('mois', mois);
  if (extra.apres) search.set('apres', extra.apres);
  const query = search.toString();
  return query ? `/agenda?${query}` : '/agenda';
}

const DATE_FORMAT_ERROR = "Cette date n'est pas valide : choisissez-la dans le calendrier, ou écrivez-la ainsi : 01/06/2026.";

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  // The GET form sends its empty fields too (territoire=&type=…): the address is cleaned of them, to share or bookmark.
  const kept = new URLSearchParams([...url.searchParams].filter(([, value]) => value.trim() !== ''));
  if (kept.toString() !== url.searchParams.toString()) throw redirect(kept.size ? `/agenda?${kept.toString()}` : '/agenda');
  const get = (name: string) => url.searchParams.get(name) ?? '';
  const now = context.get(webContext).clock.now();
  const commune = COMMUNE_CODE.test(get('commune')) ? get('commune') : null;
  const territoire = TERRITORY_CODE.test(get('territoire')) ? get('territoire') : null;
  const type = (KINDS as string[]).includes(get('type')) ? (get('type') as EventKind) : null;
  const theme = themeParam(get('theme'));
  const vue = get('vue') === 'mois' ? 'mois' : 'liste';
  const mois = vue === 'mois' ? (parseMonth(get('mois')) ?? parisMonth(now)) : null;
  const params: AgendaParams = { commune, territoire, type, theme, du: get('du').trim(), au: get('au').trim(), vue, mois };

  // The dates of the list view, in Paris time: from the start of `du` to the end of `au`.
  const errors: { du?: string; au?: string } = {};
  const from = params.du ? parseDay(params.du) : null;
  const to = params.au ? parseDay(params.au) : null;
  if (params.du && !from) errors.du = DATE_FORMAT_ERROR;
  if (params.au && !to) errors.au = DATE_FORMAT_ERROR;
  if (from && to && to < from) errors.au = 'La date de fin doit être le même jour que la date de début, ou après.';
  const useDates = vue === 'liste' && !errors.du && !errors.au;

  const filter = {
    communeCode: commune,
    territoryCode: territoire,
    kinds: type ? [type] : null,
    themes: theme ? [theme] : null,
    ...(vue === 'mois' && mois
      ? { from: parisMidnight(`${mois}-01`).toISOString(), to: parisMidnight(`${shiftMonth(mois, 1)}-01`).toISOString() }
      : {
          from: useDates && from ? parisMidnight(from).toISOString() : null,
          to: useDates && to ? parisMidnight(nextDay(to)).toISOString() : null,
        }),
  };
  const after = vue === 'liste' ? url.searchParams.get('apres') || null : null;
  const [list, month] =
    vue === 'mois'
      ? [null, await queryOrThrow(context, AgendaMonthQuery, { filter, first: MONTH_SIZE })]
      : [await queryOrThrow(context, AgendaQuery, { filter, first: PAGE_SIZE, after }), null];
  const data = (list ?? month)!;

  const communes = data.territories.flatMap((t) => t.communes);
  return {
    events: list?.agenda.edges.map((edge) => edge.node) ?? [],
    monthEvents: month?.agenda.edges.map((edge) => edge.node) ?? [],
    monthTruncated: month?.agenda.pageInfo.hasNextPage ?? false,
    nextCursor: list?.agenda.pageInfo.hasNextPage ? list.agenda.pageInfo.endCursor : null,
    totalCount: list?.agenda.totalCount ?? 0,
    territories: data.territories,
    params,
    errors,
    placeName: commune
      ? (communes.find((c) => c.code === commune)?.name ?? null)
      : territoire
        ? (data.territories.find((t) => t.code === territoire)?.name ?? null)
        : null,
    period: useDates && (from || to) ? { from, to } : null,
    continued: after !== null,
  };
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData ? heading(loaderData.placeName, loaderData.params) : 'Agenda') },
  { name: 'description', content: 'Les rendez-vous des Métropotes : pots du pote, ateliers, formations, Métrokawa et missions.' },
];

function heading(placeName: string | null, params: AgendaParams): string {
  const where = placeName ? ` à ${placeName}` : '';
  return params.vue === 'mois' && params.mois ? `Agenda${where} : ${monthName(params.mois)}` : `Agenda${where}`;
}

/** « du lundi 1er juin au mardi 30 juin », « à partir du … », « jusqu'au … ». */
function periodText(period: { from: string | null; to: string | null }): string {
  if (period.from && period.to)
    return period.from === period.to ? `le ${dayName(period.from)}` : `du ${dayName(period.from)} au ${dayName(period.to)}`;
  if (period.from) return `à partir du ${dayName(period.from)}`;
  return `jusqu'au ${dayName(period.to!)}`;
}

export default function Agenda({ loaderData }: Route.ComponentProps) {
  const { events, monthEvents, monthTruncated, nextCursor, totalCount, territories, params, errors, placeName, period, continued } = loaderData;
  const month = params.vue === 'mois' ? params.mois : null;
  const filtered = Boolean(params.commune || params.territoire || params.type || params.theme || params.du || params.au);
  const sortedTerritories = [...territories].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const where = placeName ? ` à ${placeName}` : '';
  const when = period ? ` ${periodText(period)}` : '';
  const reset = agendaHref({ commune: null, territoire: null, type: null, theme: null, du: '', au: '', vue: params.vue, mois: params.mois });

  return (
    <div className="page">
      <h1>{heading(placeName, params)}</h1>
      <p className="page__lead">
        Les rendez-vous du réseau : pots du pote, ateliers, formations, Métrokawa et missions, ouverts aux Métropotes et souvent à toutes et à tous.
      </p>

      <nav className="view-switch" aria-label="Affichage de l'agenda">
        <ul>
          <li>
            <Link to={agendaHref(params, { vue: 'liste' })} aria-current={month ? undefined : 'page'}>
              Liste
            </Link>
          </li>
          <li>
            <Link to={agendaHref(params, { vue: 'mois' })} aria-current={month ? 'page' : undefined}>
              Mois
            </Link>
          </li>
        </ul>
      </nav>

      <Form method="get" className="filter agenda-filter" role="search" aria-label="Filtrer l'agenda">
        {month ? (
          <>
            <input type="hidden" name="vue" value="mois" />
            <input type="hidden" name="mois" value={month} />
          </>
        ) : null}
        <div className="field">
          <label htmlFor="filtre-territoire">Territoire</label>
          <select id="filtre-territoire" name="territoire" defaultValue={params.territoire ?? ''}>
            <option value="">Tous les territoires</option>
            {sortedTerritories.map((territory) => (
              <option key={territory.code} value={territory.code}>
                {territory.name}
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
            defaultValue={params.commune ?? ''}
            emptyLabel="Toutes les communes"
          />
        </div>
        <div className="field">
          <label htmlFor="filtre-type">Type de rendez-vous</label>
          <select id="filtre-type" name="type" defaultValue={params.type ?? ''}>
            <option value="">Tous les types</option>
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {EVENT_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-theme">Thème</label>
          <select id="filtre-theme" name="theme" defaultValue={params.theme ?? ''}>
            <option value="">Tous les thèmes</option>
            {(Object.keys(THEME_LABELS) as Theme[])
              .sort((a, b) => THEME_LABELS[a].localeCompare(THEME_LABELS[b], 'fr'))
              .map((theme) => (
                <option key={theme} value={theme}>
                  {THEME_LABELS[theme]}
                </option>
              ))}
          </select>
        </div>
        {month ? null : (
          <>
            <DateField name="du" label="Du" value={params.du} error={errors.du} />
            <DateField name="au" label="Au" value={params.au} error={errors.au} />
          </>
        )}
        <button type="submit" className="button">
          Filtrer
        </button>
        {filtered ? (
          <Link to={reset} className="filter__reset">
            Effacer les filtres
          </Link>
        ) : null}
      </Form>

      {month ? (
        <AgendaMonth
          month={month}
          events={monthEvents}
          truncated={monthTruncated}
          previousHref={agendaHref(params, { mois: shiftMonth(month, -1) })}
          nextHref={agendaHref(params, { mois: shiftMonth(month, 1) })}
          listHref={agendaHref({ ...params, du: `${month}-01`, au: daysOfMonth(month).at(-1)! }, { vue: 'liste' })}
          where={where}
        />
      ) : (
        <>
          <p className="results-count" role="status">
            {totalCount === 0
              ? `Aucun rendez-vous à venir${where}${when} pour le moment.`
              : `${totalCount} rendez-vous à venir${where}${when}${continued ? ' (suite de la liste)' : ''}.`}
          </p>

          {events.length ? (
            <ul className="event-list">
              {events.map((event) => (
                <li key={event.id}>
                  <EventCard event={event} headingLevel={2} />
                </li>
              ))}
            </ul>
          ) : null}

          <p className="pager">
            {nextCursor ? (
              <Link className="button button--secondary" to={agendaHref(params, { apres: nextCursor })}>
                Voir plus de rendez-vous
              </Link>
            ) : null}
            {continued ? <Link to={agendaHref(params)}>Revenir au début de l'agenda</Link> : null}
          </p>
        </>
      )}
    </div>
  );
}

/** A day of the filter: a native date picker (YYYY-MM-DD), its error next to it, what was typed kept. */
function DateField({ name, label, value, error }: { name: string; label: string; value: string; error: string | undefined }) {
  const id = `filtre-${name}`;
  // A date the date input cannot hold (typed as 01/06/2026, or wrong) stays in a text box, as typed, to be corrected.
  const asText = value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    <div className={`field field--date${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="field__error" id={`${id}-erreur`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={asText ? 'text' : 'date'}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-erreur` : undefined}
        placeholder={asText ? 'jj/mm/aaaa' : undefined}
      />
    </div>
  );
}
