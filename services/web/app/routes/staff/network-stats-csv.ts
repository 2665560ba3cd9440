import { stringify } from 'csv-stringify/sync';
import { redirect } from 'react-router';
import { gatewayRequest } from '../../graphql/gateway.server';
import { frenchDay, kindName, readPeriod, NetworkStatsDocument, summaryRows, territoryName } from '../../lib/network-stats';
import { webContext } from '../../lib/web-context.server';
import { currentSession } from '../../session/session.server';
import type { Route } from './+types/network-stats-csv';

const STATUS: Record<string, number> = { FORBIDDEN: 403, BAD_USER_INPUT: 400, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

/**
 * /equipe/bilan.csv?du=&au=: the figures of /equipe/bilan as a spreadsheet — UTF-8 with a BOM, `;` as separator, as
 * the registrations' CSV. Three blocks one after the other: the headline figures, by territory, by kind of event. A
 * resource route: the console layout's loader does not run, so it checks the visitor itself; who may read the figures
 * is the API's decision (staff).
 */
export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const back = `/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`;
  if (!currentSession(context)) throw redirect(back);
  const textResponse = (message: string, status: number) =>
    new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const reading = readPeriod(url, context.get(webContext).clock.now());
  if (!reading.period) return textResponse(Object.values(reading.fieldErrors).join(' '), 400);
  const result = await gatewayRequest(context, NetworkStatsDocument, reading.period);
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') throw redirect(back);
    return textResponse(result.failure.message, STATUS[result.failure.code] ?? 500);
  }
  const stats = result.data.networkStats;
  const rows: (string | number)[][] = [
    ['Bilan du réseau Métropotes', `du ${frenchDay(stats.from)} au ${frenchDay(stats.to)} (jours de Paris, inclus)`],
    [],
    ['Chiffre', 'Valeur'],
    ...summaryRows(stats),
    [],
    ['Territoire (commune des membres)', 'Participant·es', 'Participations', 'Nouveaux membres'],
    ...stats.byTerritory.map((r) => [territoryName(r), r.participants, r.participations, r.newMembers]),
    [],
    ['Type d’événement', 'Événements tenus', 'Participant·es', 'Participations'],
    ...stats.byKind.map((r) => [kindName(r), r.events, r.participants, r.participations]),
  ];
  const csv = stringify(rows, { bom: true, delimiter: ';', record_delimiter: 'windows' });
  const fileName = `bilan-${stats.from}-${stats.to}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    },
  });
}
