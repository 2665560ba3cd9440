import { formatParisTime, formatParisTimeRange } from '../../lib/display-time';
import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton } from '../../components/form-fields';
import { graphql } from '../../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/event-attendance';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const PAGE_SIZE = 60;

/**
 * /equipe/evenements/<id>/presences: who came. The registered people (confirmed, 60 a page: the gateway's cost limit) with PRESENT / ABSENT /
 * EXCUSED radios, members who came without registering (found by name with the members search, `?recherche=`), the
 * non-members counted at the door: all saved in ONE markAttendance (all or nothing). The check-in code, big, for the
 * screen at the venue. The API decides who may read and mark (staff and the organizer), and when.
 */
const StaffEventAttendanceQuery = graphql(`
  query StaffEventAttendance($id: ID!, $after: String, $first: Int!, $search: MemberFilter, $searching: Boolean!) {
    event(id: $id) {
      id
      title
      status
      startsAt
      endsAt
      attendeeCount
      walkInCount
      checkInCode
      attendedCount
      noShowCount
      attendees(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            attendance
            walkIn
            member {
              id
              displayName
              email
            }
          }
        }
      }
    }
    members(filter: $search, first: 10) @include(if: $searching) {
      edges {
        node {
          id
          displayName
          email
          commune {
            name
          }
        }
      }
    }
  }
`);

const MarkAttendance = graphql(`
  mutation StaffMarkAttendance($input: MarkAttendanceInput!) {
    markAttendance(input: $input) {
      id
      attendedCount
    }
  }
`);

const STATUSES = [
  { value: 'PRESENT', label: 'Présent·e' },
  { value: 'ABSENT', label: 'Absent·e' },
  { value: 'EXCUSED', label: 'Excusé·e' },
] as const;
type Status = (typeof STATUSES)[number]['value'];
const isStatus = (value: string): value is Status => STATUSES.some((s) => s.value === value);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Présences — console') }, { name: 'robots', content: 'noindex' }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const search = (url.searchParams.get('recherche') ?? '').trim().slice(0, 100);
  const result = await queryOrThrow(context, StaffEventAttendanceQuery, {
    id: params.id,
    after: url.searchParams.get('apres') || null,
    first: PAGE_SIZE,
    search: search ? { search } : null,
    searching: search.length > 0,
  });
  const { event } = result;
  if (!event) throw data({ message: 'Cet événement n’existe pas, ou plus.' }, { status: 404 });
  if (!event.attendees) throw data({ message: 'Seuls l’équipe et l’organisateur·rice notent les présences de cet événement.' }, { status: 403 });
  // A registration whose member the API does not show the viewer (a hidden profile) cannot be marked from here.
  const edges = event.attendees.edges.flatMap((edge) => (edge.node.member ? [{ node: { ...edge.node, member: edge.node.member } }] : []));
  const hidden = event.attendees.edges.length - edges.length;
  const registered = new Set(edges.map((e) => e.node.member.id));
  const found = (result.members?.edges ?? []).map((e) => e.node).filter((m) => !registered.has(m.id));
  return { event: { ...event, attendees: { ...event.attendees, edges } }, hidden, search, found };
}

/** Every choice of the form, in ONE markAttendance: the radios, the walk-in members checked, the non-members' count. */
export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const entries: { memberId: string; status: Status }[] = [];
  const seen = new Set<string>();
  for (const [name, value] of form) {
    if (!name.startsWith('presence-') || typeof value !== 'string' || !isStatus(value)) continue;
    const memberId = name.slice('presence-'.length);
    seen.add(memberId);
    entries.push({ memberId, status: value });
  }
  for (const value of form.getAll('sansInscription')) {
    if (typeof value !== 'string' || seen.has(value)) continue;
    seen.add(value);
    entries.push({ memberId: value, status: 'PRESENT' });
    values[`sansInscription-${value}`] = 'on';
  }
  const rawCount = text(form, 'walkInCount');
  let walkInCount: number | null = null;
  if (rawCount) {
    if (!/^\d{1,6}$/.test(rawCount)) return formRefusal({ walkInCount: 'Indiquez un nombre entier, 0 ou plus.' }, values);
    walkInCount = Number(rawCount);
  }
  const result = await gatewayRequest(context, MarkAttendance, { input: { eventId: params.id, entries, walkInCount } });
  if (!result.ok) return formFailure(result.failure, values);
  return redirect(`/equipe/evenements/${params.id}/presences?fait=presences`, 303);
}

export default function StaffEventAttendance({ loaderData, actionData }: Route.ComponentProps) {
  const { event, search, found } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  const done = searchParams.get('fait') === 'presences';
  const result = actionData ?? undefined;
  const kept = (name: string) => result?.values[name];
  const nextPage = () => {
    const params = new URLSearchParams(searchParams);
    params.delete('fait');
    if (event.attendees.pageInfo.endCursor) params.set('apres', event.attendees.pageInfo.endCursor);
    return `?${params.toString()}`;
  };
  const entriesError = result?.fieldErrors.entries;
  const countError = result?.fieldErrors.walkInCount;
  return (
    <div className="page staff-events staff-attendance">
      <p>
        <Link to="/equipe/evenements">← Événements</Link> · <Link to={`/equipe/evenements/${event.id}/inscriptions`}>Inscriptions</Link>
      </p>
      <h1>Présences : {event.title}</h1>
      <p>
        <time dateTime={event.startsAt}>{formatParisTimeRange(event.startsAt, event.endsAt, { now })}</time> · {event.attendedCount ?? 0} présent·e
        {(event.attendedCount ?? 0) > 1 ? 's' : ''} · {event.noShowCount ?? 0} absent·e
        {(event.noShowCount ?? 0) > 1 ? 's' : ''} · {event.walkInCount ?? 0} non-membre{(event.walkInCount ?? 0) > 1 ? 's' : ''}
      </p>
      {done ? (
        <div role="status" className="notice notice--success">
          <p>Les présences sont enregistrées.</p>
        </div>
      ) : null}

      <section className="check-in-code" aria-labelledby="titre-code">
        <h2 id="titre-code">Code « Je suis là »</h2>
        <p className="check-in-code__value" lang="fr">
          {event.checkInCode ?? '—'}
        </p>
        <p className="muted">
          À afficher à l’entrée : les membres le saisissent sur la page de l’événement, d’une heure avant le début (
          {formatParisTime(new Date(new Date(event.startsAt).getTime() - 3600_000).toISOString(), { now })}) jusqu’à la fin.
        </p>
      </section>

      <section aria-labelledby="titre-recherche">
        <h2 id="titre-recherche">Venu·es sans inscription</h2>
        <p>Cherchez d’abord les membres venus sans s’être inscrits : ils s’ajoutent au formulaire ci-dessous.</p>
        <Form method="get" className="staff-filters">
          <div className="field">
            <label htmlFor="champ-recherche">Nom du membre</label>
            <input id="champ-recherche" name="recherche" type="search" defaultValue={search} />
          </div>
          <button type="submit" className="button button--secondary">
            Chercher
          </button>
        </Form>
      </section>

      <Form method="post" className="attendance-form" noValidate>
        <ErrorSummary result={result} labels={{ walkInCount: 'Personnes non membres', entries: 'Présences' }} />
        <h2 id="titre-presences">Inscrit·es</h2>
        {entriesError ? (
          <p className="field__error" id="champ-entries">
            {entriesError}
          </p>
        ) : null}
        {event.attendees.edges.length === 0 ? (
          <p>Personne n’est inscrit.</p>
        ) : (
          <div className="table-scroll">
            <table className="staff-table">
              <caption>Présence de chaque inscrit·e{event.attendees.totalCount > PAGE_SIZE ? ` (${PAGE_SIZE} par page)` : ''}</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  {STATUSES.map((s) => (
                    <th scope="col" key={s.value}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {event.attendees.edges.map(({ node }) => {
                  const name = `presence-${node.member.id}`;
                  const chosen = kept(name) ?? node.attendance ?? '';
                  return (
                    <tr key={node.id}>
                      <th scope="row" id={`nom-${node.member.id}`}>
                        {node.member.displayName}
                        {node.walkIn ? <span className="muted"> (sans inscription)</span> : null}
                        {node.member.email ? <span className="attendance-form__email">{node.member.email}</span> : null}
                      </th>
                      {STATUSES.map((s) => (
                        <td key={s.value}>
                          <input
                            type="radio"
                            name={name}
                            value={s.value}
                            id={`${name}-${s.value}`}
                            defaultChecked={chosen === s.value}
                            aria-labelledby={`nom-${node.member.id} ${name}-${s.value}-label`}
                          />
                          <label htmlFor={`${name}-${s.value}`} id={`${name}-${s.value}-label`} className="visually-hidden">
                            {s.label}
                          </label>
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {found.length > 0 ? (
          <fieldset className="staff-fieldset">
            <legend>Membres trouvé·es pour « {search} » : cochez ceux qui sont venus</legend>
            {found.map((m) => (
              <div className="field field--checkbox" key={m.id}>
                <input
                  type="checkbox"
                  name="sansInscription"
                  value={m.id}
                  id={`sans-inscription-${m.id}`}
                  defaultChecked={kept(`sansInscription-${m.id}`) === 'on'}
                />
                <label htmlFor={`sans-inscription-${m.id}`}>
                  {m.displayName}
                  {m.email ? ` — ${m.email}` : ''}
                  {m.commune ? ` (${m.commune.name})` : ''}
                </label>
              </div>
            ))}
          </fieldset>
        ) : search ? (
          <p>Aucun membre non inscrit ne correspond à « {search} ».</p>
        ) : null}
        <div className={`field${countError ? ' field--error' : ''}`}>
          <label htmlFor="champ-walkInCount">Personnes non membres venues</label>
          <p className="field__hint" id="champ-walkInCount-aide">
            Comptées à l’entrée. Laissez vide si vous ne les avez pas comptées.
          </p>
          {countError ? (
            <p className="field__error" id="champ-walkInCount-erreur">
              {countError}
            </p>
          ) : null}
          <input
            id="champ-walkInCount"
            name="walkInCount"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            aria-invalid={countError ? true : undefined}
            aria-describedby={`champ-walkInCount-aide${countError ? ' champ-walkInCount-erreur' : ''}`}
            defaultValue={kept('walkInCount') ?? (event.walkInCount === null || event.walkInCount === undefined ? '' : String(event.walkInCount))}
          />
        </div>
        <SubmitButton pendingText="Enregistrement…">Enregistrer les présences</SubmitButton>
      </Form>
      {event.attendees.pageInfo.hasNextPage ? (
        <p className="pager">
          <Link to={nextPage()}>Inscrit·es suivant·es</Link> (enregistrez cette page d’abord)
        </p>
      ) : null}
    </div>
  );
}
