import { stringify } from 'csv-stringify/sync';
import { redirect } from 'react-router';
import { graphql } from '../../graphql/generated';
import type { StaffEventAttendeesExportQuery, StaffEventWaitlistExportQuery } from '../../graphql/generated/graphql';
import { gatewayRequest, type ApiFailure, type GatewayResult } from '../../graphql/gateway.server';
import { parisDateAndTime } from '@metropotes/french-time';
import { currentSession } from '../../session/session.server';
import type { Route } from './+types/event-registrations-csv';

/** A registration whose member the API does not show (a profile the viewer may not see). */
const HIDDEN_MEMBER = 'Un membre';

/**
 * /equipe/evenements/<id>/inscriptions.csv: the registrations of an event as a spreadsheet. UTF-8 with a BOM (so that
 * Excel reads « Hélène » right), `;` as separator (French spreadsheets read `,` as the decimal mark), quoted by
 * csv-stringify. A resource route: the console layout's loader does not run for it, so it checks the visitor itself;
 * who may read the registrations is the API's decision (staff and the event's organizer).
 */
// Two documents, one list each: asked together, the gateway's cost limit refuses them.
const AttendeesPage = graphql(`
  query StaffEventAttendeesExport($id: ID!, $after: String) {
    event(id: $id) {
      id
      title
      startsAt
      attendees(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            createdAt
            member {
              displayName
              email
            }
          }
        }
      }
    }
  }
`);

const WaitlistPage = graphql(`
  query StaffEventWaitlistExport($id: ID!, $after: String) {
    event(id: $id) {
      id
      waitlist(first: 100, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            createdAt
            waitlistPosition
            member {
              displayName
              email
            }
          }
        }
      }
    }
  }
`);

const STATUS: Record<string, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_USER_INPUT: 400, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };

const HEADER = ['Statut', 'Position en liste d’attente', 'Nom', 'Adresse e-mail', 'Inscrit·e le (heure de Paris)'];

const when = (instant: string) => {
  const { date, time } = parisDateAndTime(instant);
  return `${date} ${time}`;
};

/** « atelier-budget-participatif » for the file name: ASCII letters and digits. */
const slug = (title: string) =>
  title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50) || 'evenement';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  if (!currentSession(context)) throw redirect(`/connexion?retour=${encodeURIComponent(url.pathname)}`);
  const textResponse = (message: string, status: number) =>
    new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const refusal = (failure: ApiFailure) => {
    if (failure.code === 'UNAUTHENTICATED') throw redirect(`/connexion?retour=${encodeURIComponent(url.pathname)}`);
    return textResponse(failure.message, STATUS[failure.code] ?? 500);
  };
  const NOT_FOUND = 'Cet événement n’existe pas, ou plus.';
  const FORBIDDEN = 'Seuls l’équipe et l’organisateur·rice voient les inscriptions de cet événement.';
  const rows: string[][] = [];
  let event: { title: string; startsAt: string } | undefined;
  // Every page of both lists, 100 a request: the confirmed by registration time, then the waitlist by position.
  let after: string | null = null;
  do {
    const result: GatewayResult<StaffEventAttendeesExportQuery> = await gatewayRequest(context, AttendeesPage, { id: params.id, after });
    if (!result.ok) return refusal(result.failure);
    const found: StaffEventAttendeesExportQuery['event'] = result.data.event;
    if (!found) return textResponse(NOT_FOUND, 404);
    if (!found.attendees) return textResponse(FORBIDDEN, 403);
    event = found;
    for (const { node } of found.attendees.edges)
      rows.push(['Confirmé·e', '', node.member?.displayName ?? HIDDEN_MEMBER, node.member?.email ?? '', when(node.createdAt)]);
    after = found.attendees.pageInfo.hasNextPage ? (found.attendees.pageInfo.endCursor ?? null) : null;
  } while (after);
  do {
    const result: GatewayResult<StaffEventWaitlistExportQuery> = await gatewayRequest(context, WaitlistPage, { id: params.id, after });
    if (!result.ok) return refusal(result.failure);
    const found: StaffEventWaitlistExportQuery['event'] = result.data.event;
    if (!found) return textResponse(NOT_FOUND, 404);
    if (!found.waitlist) return textResponse(FORBIDDEN, 403);
    for (const { node } of found.waitlist.edges) {
      rows.push([
        'En liste d’attente',
        String(node.waitlistPosition ?? ''),
        node.member?.displayName ?? HIDDEN_MEMBER,
        node.member?.email ?? '',
        when(node.createdAt),
      ]);
    }
    after = found.waitlist.pageInfo.hasNextPage ? (found.waitlist.pageInfo.endCursor ?? null) : null;
  } while (after);
  const csv = stringify([HEADER, ...rows], { bom: true, delimiter: ';', record_delimiter: 'windows' });
  const fileName = `inscriptions-${parisDateAndTime(event!.startsAt).date}-${slug(event!.title)}.csv`;
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'private, no-store',
    },
  });
}
