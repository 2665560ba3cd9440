import { Form, Link } from 'react-router';
import { ErrorSummary, FieldFrame } from '../../components/form-fields';
import { TerritoryChart } from '../../components/staff/territory-chart';
import { gatewayRequest, failureResponse } from '../../graphql/gateway.server';
import { pageTitle } from '../../lib/meta';
import {
  frenchDay,
  kindName,
  PERIOD_LABELS,
  periodFieldErrors,
  readPeriod,
  NetworkStatsDocument,
  summaryRows,
  territoryKey,
  territoryName,
  type NetworkStats,
} from '../../lib/network-stats';
import { staticPage } from '../../lib/static-page';
import { webContext } from '../../lib/web-context.server';
import type { Route } from './+types/network-stats';

export const handle = staticPage;

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Bilan du réseau – console de l’équipe') }, { name: 'robots', content: 'noindex' }];

/**
 * /equipe/bilan: the network's figures for the association and its funders (issue #19) for a period of Paris days
 * (?du=&au=, both included; by default the last 12 months), as tables, a bar chart by territory and the CSV link.
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const { clock } = context.get(webContext);
  const reading = readPeriod(url, clock.now());
  let stats: NetworkStats | null = null;
  let fieldErrors = reading.fieldErrors;
  if (reading.period) {
    const result = await gatewayRequest(context, NetworkStatsDocument, reading.period);
    if (result.ok) stats = result.data.networkStats;
    else if (result.failure.code === 'BAD_USER_INPUT') fieldErrors = periodFieldErrors(result.failure.fieldErrors);
    else throw failureResponse(result.failure);
  }
  return { stats, values: reading.values, fieldErrors };
}

const SERIES = [
  { key: 'participants', label: 'participant·es', className: 'outreach-chart__joined' },
  { key: 'participations', label: 'participations', className: 'outreach-chart__contacted' },
] as const;

function PeriodField({ name, error, value }: { name: 'du' | 'au'; error?: string; value: string }) {
  return (
    <FieldFrame name={name} label={PERIOD_LABELS[name]!} error={error}>
      {(control) => (
        <input
          type="date"
          id={control.id}
          name={name}
          defaultValue={value}
          key={value}
          aria-invalid={control.invalid}
          aria-describedby={control.describedBy}
        />
      )}
    </FieldFrame>
  );
}

export default function StaffNetworkStats({ loaderData }: Route.ComponentProps) {
  const { stats, values, fieldErrors } = loaderData;
  const result = Object.keys(fieldErrors).length ? { fieldErrors, values } : undefined;
  const period = stats ? `du ${frenchDay(stats.from)} au ${frenchDay(stats.to)}` : '';
  const csv = stats ? `/equipe/bilan.csv?${new URLSearchParams({ du: stats.from, au: stats.to })}` : null;
  return (
    <div className="page staff-page">
      <h1>Bilan du réseau</h1>
      <p>
        Qui est venu aux événements, de quels territoires, et combien de nouveaux membres sont venus : les chiffres de l’association et de ses
        financeurs. Une présence compte quand elle est notée « présent·e » (ou par le code de la salle).
      </p>
      <ErrorSummary result={result} labels={PERIOD_LABELS} />
      <Form method="get" className="filter" aria-label="Choisir la période">
        <PeriodField name="du" value={values.du} error={fieldErrors.du} />
        <PeriodField name="au" value={values.au} error={fieldErrors.au} />
        <button type="submit" className="button">
          Voir
        </button>
      </Form>

      {stats ? (
        <>
          <p>
            <a href={csv!} download>
              Télécharger le bilan en CSV
            </a>{' '}
            (tableur, séparateur « ; »).
          </p>

          <section aria-labelledby="titre-chiffres">
            <h2 id="titre-chiffres">En bref, {period}</h2>
            <div className="table-wrapper" role="region" aria-label="Chiffres clés (défile horizontalement)" tabIndex={0}>
              <table className="staff-table">
                <caption>Chiffres clés {period}</caption>
                <tbody>
                  {summaryRows(stats).map(([label, value]) => (
                    <tr key={label}>
                      <th scope="row">{label}</th>
                      <td>{value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="titre-territoires">
            <h2 id="titre-territoires">Par territoire</h2>
            <figure className="outreach-figure">
              <TerritoryChart
                rows={stats.byTerritory.map((r) => ({
                  key: territoryKey(r),
                  name: territoryName(r),
                  values: { participants: r.participants, participations: r.participations },
                }))}
                series={SERIES}
                caption={`Participant·es et participations par territoire (commune des membres), ${period}`}
              />
            </figure>
            <div className="table-wrapper" role="region" aria-label="Tableau par territoire (défile horizontalement)" tabIndex={0}>
              <table className="staff-table">
                <caption>Par territoire de la Métropole (commune des membres aujourd’hui), {period}</caption>
                <thead>
                  <tr>
                    <th scope="col">Territoire</th>
                    <th scope="col">Participant·es</th>
                    <th scope="col">Participations</th>
                    <th scope="col">Nouveaux membres</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byTerritory.map((row) => (
                    <tr key={territoryKey(row)}>
                      <th scope="row">{territoryName(row)}</th>
                      <td>{row.participants}</td>
                      <td>{row.participations}</td>
                      <td>{row.newMembers}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="titre-types">
            <h2 id="titre-types">Par type d’événement</h2>
            <div className="table-wrapper" role="region" aria-label="Tableau par type d’événement (défile horizontalement)" tabIndex={0}>
              <table className="staff-table">
                <caption>Par type d’événement, {period}</caption>
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col">Événements tenus</th>
                    <th scope="col">Participant·es</th>
                    <th scope="col">Participations</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byKind.map((row) => (
                    <tr key={row.kind}>
                      <th scope="row">{kindName(row)}</th>
                      <td>{row.events}</td>
                      <td>{row.participants}</td>
                      <td>{row.participations}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
      <p>
        <Link to="/equipe/reperage/chiffres">Voir aussi les chiffres du repérage</Link>
      </p>
    </div>
  );
}
