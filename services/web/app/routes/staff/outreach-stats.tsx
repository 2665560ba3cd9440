import { formatParisTime } from '../../lib/display-time';
import { Form, Link } from 'react-router';
import { TerritoryChart } from '../../components/staff/territory-chart';
import { graphql } from '../../graphql/generated';
import type { ProspectSourceKind } from '../../graphql/generated/graphql';
import { queryOrThrow } from '../../graphql/gateway.server';
import { webContext } from '../../lib/web-context.server';
import { pageTitle } from '../../lib/meta';
import { SOURCE_KIND_LABELS } from '../../lib/prospect-labels';
import { parisDayStart } from '@metropotes/french-time';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/outreach-stats';

export const handle = staticPage;

/** Outreach figures for a period of Paris days [du, au] (both included), by territory and by source. */
const StaffOutreachStatsQuery = graphql(`
  query StaffOutreachStats($from: DateTime!, $to: DateTime!) {
    outreachStats(from: $from, to: $to) {
      from
      to
      total {
        spotted
        contacted
        joined
        conversionRate
      }
      byTerritory {
        territory {
          code
          name
        }
        spotted
        contacted
        joined
        conversionRate
        memberCount
      }
      bySource {
        sourceKind
        spotted
        contacted
        joined
        conversionRate
      }
    }
  }
`);

export const meta: Route.MetaFunction = () => [
  { title: pageTitle('Chiffres du repérage – console de l’équipe') },
  { name: 'robots', content: 'noindex' },
];

const DAY = 86_400_000;
const parisDayOf = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(instant);

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const { clock } = context.get(webContext);
  const today = parisDayOf(clock.now());
  // By default the last 90 days, today included.
  let first = url.searchParams.get('du') ?? '';
  let last = url.searchParams.get('au') ?? '';
  let error: string | null = null;
  if (!parisDayStart(last)) last = today;
  if (!parisDayStart(first)) first = parisDayOf(new Date(parisDayStart(last)!.getTime() - 89 * DAY + 12 * 3600_000));
  if (first > last) {
    error = 'La date de début doit précéder la date de fin : voici les 90 jours qui finissent à la date de fin.';
    first = parisDayOf(new Date(parisDayStart(last)!.getTime() - 89 * DAY + 12 * 3600_000));
  }
  // The day after `last`, at midnight in Paris: noon avoids the daylight-saving days.
  const end = parisDayStart(parisDayOf(new Date(parisDayStart(last)!.getTime() + DAY + 12 * 3600_000)))!;
  const data = await queryOrThrow(context, StaffOutreachStatsQuery, { from: parisDayStart(first)!.toISOString(), to: end.toISOString() });
  return { stats: data.outreachStats, first, last, error };
}

const percent = (rate: number) => `${Math.round(rate * 100)} %`;

const SERIES = [
  { key: 'spotted', label: 'repérés', className: 'outreach-chart__spotted' },
  { key: 'contacted', label: 'contactés', className: 'outreach-chart__contacted' },
  { key: 'joined', label: 'inscrits', className: 'outreach-chart__joined' },
] as const;

export default function StaffOutreachStats({ loaderData }: Route.ComponentProps) {
  const { stats, first, last, error } = loaderData;
  const now = useNow();
  const period = `du ${formatParisTime(stats.from, { now, style: 'date' })} au ${formatParisTime(new Date(new Date(stats.to).getTime() - 1), { now, style: 'date' })}`;
  const caption = `Contacts repérés, contactés et inscrits par territoire de la Métropole, ${period}`;
  return (
    <div className="page staff-page">
      <p>
        <Link to="/equipe/reperage">← Retour au repérage</Link>
      </p>
      <h1>Chiffres du repérage</h1>
      <Form method="get" className="filter" aria-label="Choisir la période">
        <div className="field">
          <label htmlFor="periode-du">Du</label>
          <input type="date" id="periode-du" name="du" defaultValue={first} key={first} />
        </div>
        <div className="field">
          <label htmlFor="periode-au">Au (inclus)</label>
          <input type="date" id="periode-au" name="au" defaultValue={last} key={last} />
        </div>
        <button type="submit" className="button">
          Voir
        </button>
      </Form>
      {error ? <p className="notice notice--warning">{error}</p> : null}

      <p>
        {period.charAt(0).toUpperCase() + period.slice(1)} : <strong>{stats.total.spotted}</strong> repérés, <strong>{stats.total.contacted}</strong>{' '}
        contactés, <strong>{stats.total.joined}</strong> inscrits ({percent(stats.total.conversionRate)} des contactés).
      </p>

      <section aria-labelledby="titre-territoires">
        <h2 id="titre-territoires">Par territoire</h2>
        <figure className="outreach-figure">
          <TerritoryChart
            rows={stats.byTerritory.map((r) => ({
              key: r.territory.code,
              name: r.territory.name,
              values: { spotted: r.spotted, contacted: r.contacted, joined: r.joined },
            }))}
            series={SERIES}
            caption={caption}
          />
        </figure>
        <div className="table-wrapper" role="region" aria-label="Tableau par territoire (défile horizontalement)" tabIndex={0}>
          <table className="staff-table">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Territoire</th>
                <th scope="col">Repérés</th>
                <th scope="col">Contactés</th>
                <th scope="col">Inscrits</th>
                <th scope="col">Inscrits / contactés</th>
                <th scope="col">Membres aujourd’hui</th>
              </tr>
            </thead>
            <tbody>
              {stats.byTerritory.map((row) => (
                <tr key={row.territory.code}>
                  <th scope="row">{row.territory.name}</th>
                  <td>{row.spotted}</td>
                  <td>{row.contacted}</td>
                  <td>{row.joined}</td>
                  <td>{percent(row.conversionRate)}</td>
                  <td>{row.memberCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="titre-sources">
        <h2 id="titre-sources">Par origine</h2>
        <div className="table-wrapper" role="region" aria-label="Tableau par origine (défile horizontalement)" tabIndex={0}>
          <table className="staff-table">
            <caption>Contacts par origine du repérage, {period}</caption>
            <thead>
              <tr>
                <th scope="col">Origine</th>
                <th scope="col">Repérés</th>
                <th scope="col">Contactés</th>
                <th scope="col">Inscrits</th>
                <th scope="col">Inscrits / contactés</th>
              </tr>
            </thead>
            <tbody>
              {stats.bySource.map((row) => (
                <tr key={row.sourceKind}>
                  <th scope="row">{SOURCE_KIND_LABELS[row.sourceKind as ProspectSourceKind]}</th>
                  <td>{row.spotted}</td>
                  <td>{row.contacted}</td>
                  <td>{row.joined}</td>
                  <td>{percent(row.conversionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
