import { Form, Link, redirect, useSearchParams } from 'react-router';
import { EventCard } from '../components/event-card';
import { SubmitButton } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import { formatParisTime, formatParisTimeRange } from '../lib/display-time';
import { useNow } from '../lib/use-now';
import { EVENT_KIND_LABELS } from '../lib/event-labels';
import type { Route } from './+types/my-space';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const LOG_IN = '/connexion?retour=%2Fmoi';

// One request: who, the registrations (upcoming and past, a page of each), the calendar feed, the groups, the
// training path (its lists take no `first`: each counts once; the events subgraph caps suggestions at 5).
// The gateway's cost limit (8,000) multiplies a list's cost by its `first`, literal or variable: 10 per list costs
// about 2,900, 25 would be the most that fits.
const MySpaceQuery = graphql(`
  query MySpace($upcomingAfter: String, $pastAfter: String) {
    me {
      id
      displayName
      email
      emailVerified
      commune {
        name
      }
      calendarFeedUrl
      # Self-declared (members), shown apart from the skills gained at events.
      skills
      trainingPath {
        events {
          id
          title
          kind
          startsAt
          endsAt
        }
        skillsGained {
          gainedAt
          skill {
            id
            name
          }
          event {
            id
            title
          }
        }
        suggestions {
          id
          title
          kind
          startsAt
          endsAt
          skills {
            id
            name
          }
        }
      }
      groups {
        id
        name
        memberCount
        viewerRole
      }
      # Soonest first; a page at a time ("Voir plus": the cursor in the address, ?a-venir=…).
      registrations(upcoming: true, first: 10, after: $upcomingAfter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            status
            waitlistPosition
            event {
              ...EventCard
            }
          }
        }
      }
      # Newest first (?passes=…).
      past: registrations(upcoming: false, first: 10, after: $pastAfter) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            id
            event {
              id
              title
              startsAt
              endsAt
            }
          }
        }
      }
    }
  }
`);

const ResendVerification = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

const MySpaceCancelRegistration = graphql(`
  mutation MySpaceCancelRegistration($eventId: ID!) {
    cancelRegistration(eventId: $eventId) {
      id
    }
  }
`);

const ResetMyCalendarFeed = graphql(`
  mutation ResetMyCalendarFeed {
    resetMyCalendarFeed {
      id
      calendarFeedUrl
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Mon espace') }, { name: 'robots', content: 'noindex' }];

/** The address parameters of the two lists' cursors. */
const UPCOMING_PARAM = 'a-venir';
const PAST_PARAM = 'passes';

export async function loader({ request, context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect(LOG_IN);
  const url = new URL(request.url);
  const upcomingAfter = url.searchParams.get(UPCOMING_PARAM) || null;
  const pastAfter = url.searchParams.get(PAST_PARAM) || null;
  const data = await queryOrThrow(context, MySpaceQuery, { upcomingAfter, pastAfter });
  if (!data.me) throw redirect(LOG_IN);
  return { me: data.me, upcomingContinued: upcomingAfter !== null, pastContinued: pastAfter !== null };
}

/** /moi with one list's cursor changed (null: its first page), the other list's kept, back at `anchor`. */
function listHref(searchParams: URLSearchParams, param: string, cursor: string | null, anchor: string): string {
  const params = new URLSearchParams();
  for (const name of [UPCOMING_PARAM, PAST_PARAM]) {
    const value = name === param ? cursor : searchParams.get(name);
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return `/moi${query ? `?${query}` : ''}#${anchor}`;
}

/**
 * « 23 rendez-vous à venir : les 10 premiers. »: what the page shows of a list longer than a page (nothing when the
 * whole list is there).
 */
function ListCount({ total, shown, continued, what }: { total: number; shown: number; continued: boolean; what: [string, string] }) {
  if (total <= shown && !continued) return null;
  return (
    <p className="muted">
      {total} {total > 1 ? what[1] : what[0]}
      {continued ? ` : la suite de la liste (${shown} ici).` : ` : les ${shown} premiers.`}
    </p>
  );
}

function ListPager({ nextHref, firstHref, more }: { nextHref: string | null; firstHref: string | null; more: string }) {
  if (!nextHref && !firstHref) return null;
  return (
    <p className="pager">
      {nextHref ? (
        <Link className="button button--secondary" to={nextHref}>
          {more}
        </Link>
      ) : null}
      {firstHref ? (
        <>
          {' '}
          <Link to={firstHref}>Revenir au début de la liste</Link>
        </>
      ) : null}
    </p>
  );
}

export async function action({ request, context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect(LOG_IN, 303);
  const form = await request.formData();
  const intent = text(form, 'intent');
  if (intent === 'cancel') {
    const result = await gatewayRequest(context, MySpaceCancelRegistration, { eventId: text(form, 'eventId') });
    return result.ok ? redirect('/moi?annule=1', 303) : { intent, error: result.failure.message };
  }
  if (intent === 'reset-feed') {
    const result = await gatewayRequest(context, ResetMyCalendarFeed, {});
    return result.ok ? redirect('/moi?agenda-renouvele=1#titre-agenda', 303) : { intent, error: result.failure.message };
  }
  const result = await gatewayRequest(context, ResendVerification, {});
  return result.ok ? { intent: 'resend', resent: true as const } : { intent: 'resend', error: result.failure.message };
}

type MySpaceMe = Route.ComponentProps['loaderData']['me'];

/**
 * « Mon parcours » (issue #19): the formations and ateliers attended (marked present), the skills they gave, the
 * skills the member declares on their profile (apart), and upcoming events that develop skills not gained yet.
 */
function TrainingPathSection({
  path,
  declared,
  now,
  noCertificate,
}: {
  path: MySpaceMe['trainingPath'];
  declared: MySpaceMe['skills'];
  now: string;
  noCertificate: boolean;
}) {
  return (
    <section aria-labelledby="titre-parcours">
      <h2 id="titre-parcours">Mon parcours</h2>
      <p>
        {/* A resource route (the PDF), not a page of the site: a plain link. */}
        <a href="/moi/attestation.pdf">Télécharger mon attestation (PDF)</a> : les rendez-vous où votre présence a été notée et les compétences
        acquises, avec un code que l'équipe peut vérifier (pour un CV, un service civique…).
      </p>
      {noCertificate ? (
        <p className="notice notice--info" role="status">
          Pas encore d'attestation : vous n'avez encore été noté·e présent·e à aucun rendez-vous.
        </p>
      ) : null}
      {path ? (
        <>
          <h3>Formations et ateliers suivis</h3>
          {path.events.length ? (
            <ul className="past-list">
              {path.events.map((event) => (
                <li key={event.id}>
                  {EVENT_KIND_LABELS[event.kind]} : <Link to={`/evenements/${event.id}`}>{event.title}</Link>
                  {', '}
                  {formatParisTimeRange(event.startsAt, event.endsAt, { now })}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune formation ni aucun atelier suivi pour le moment : votre présence est notée par l'équipe ou l'organisateur·rice.</p>
          )}
          <h3>Compétences acquises</h3>
          {path.skillsGained.length ? (
            <ul className="skill-list">
              {path.skillsGained.map((gained) => (
                <li key={gained.skill.id}>
                  <strong>{gained.skill.name}</strong>, acquise le {formatParisTime(gained.gainedAt, { style: 'date', now })} à «{' '}
                  <Link to={`/evenements/${gained.event.id}`}>{gained.event.title}</Link> »
                </li>
              ))}
            </ul>
          ) : (
            <p>Pas encore de compétence acquise : elles viennent avec les formations et ateliers suivis.</p>
          )}
        </>
      ) : (
        <p>Votre parcours n'est pas disponible pour le moment.</p>
      )}
      <h3>Compétences que vous déclarez</h3>
      {declared.length ? (
        <ul className="skill-list">
          {declared.map((skill) => (
            <li key={skill}>{skill}</li>
          ))}
        </ul>
      ) : (
        <p>Aucune pour le moment.</p>
      )}
      <p>
        <Link to="/moi/profil">Modifier mes compétences déclarées</Link>
      </p>
      {path?.suggestions.length ? (
        <>
          <h3>Pour aller plus loin</h3>
          <p>Prochains rendez-vous qui développent des compétences que vous n'avez pas encore acquises :</p>
          <ul className="past-list">
            {path.suggestions.map((event) => (
              <li key={event.id}>
                {EVENT_KIND_LABELS[event.kind]} : <Link to={`/evenements/${event.id}`}>{event.title}</Link>
                {', '}
                {formatParisTimeRange(event.startsAt, event.endsAt, { now })}
                {event.skills.length ? ` (${event.skills.map((s) => s.name).join(', ')})` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const ROLE_LABELS: Record<string, string> = { ADMIN: 'administrateur·rice', MEMBER: 'membre' };

export default function MySpace({ loaderData, actionData }: Route.ComponentProps) {
  const { me, upcomingContinued, pastContinued } = loaderData;
  const [searchParams] = useSearchParams();
  const upcomingNext = me.registrations?.pageInfo.hasNextPage ? me.registrations.pageInfo.endCursor : null;
  const pastNext = me.past?.pageInfo.hasNextPage ? me.past.pageInfo.endCursor : null;
  const now = useNow();
  const upcoming = me.registrations?.edges.map((edge) => edge.node).filter((r) => r.event) ?? [];
  const past = me.past?.edges.map((edge) => edge.node).filter((r) => r.event) ?? [];
  const error = actionData && 'error' in actionData ? actionData.error : null;
  return (
    <div className="page">
      <h1>Mon espace</h1>
      <div role="status">
        {searchParams.has('bienvenue') ? (
          <p className="notice notice--success">
            Bienvenue parmi les Métropotes, {me.displayName} ! Nous vous avons envoyé un e-mail pour confirmer votre adresse.
          </p>
        ) : null}
        {searchParams.has('annule') ? <p className="notice notice--success">Votre inscription est annulée.</p> : null}
        {searchParams.has('agenda-renouvele') ? (
          <p className="notice notice--success">Votre lien d'agenda a changé : l'ancien ne fonctionne plus.</p>
        ) : null}
        {actionData && 'resent' in actionData ? <p className="notice notice--success">Un nouveau lien de confirmation vient de partir.</p> : null}
        {error ? <p className="notice notice--error">{error}</p> : null}
      </div>
      <p className="signed-in">
        Vous êtes connecté·e en tant que <strong>{me.displayName}</strong>
        {me.email ? ` (${me.email})` : ''}
        {me.commune ? `, à ${me.commune.name}` : ''}.
      </p>
      {me.emailVerified === false ? (
        <div className="notice notice--info">
          <p>Votre adresse e-mail n'est pas encore confirmée : ouvrez le lien que nous vous avons envoyé.</p>
          <Form method="post">
            <SubmitButton className="button button--secondary" pendingText="Envoi…" name="intent" value="resend">
              Renvoyer le lien de confirmation
            </SubmitButton>
          </Form>
        </div>
      ) : null}
      <nav aria-label="Mon compte" className="account-links">
        <ul>
          <li>
            <Link to="/moi/profil">Mon profil</Link>
          </li>
          <li>
            <Link to="/preferences">Mes préférences d'e-mails</Link>
          </li>
          <li>
            <Link to="/moi/donnees">Mes données et mon compte</Link>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="titre-inscriptions">
        <h2 id="titre-inscriptions">Mes prochains rendez-vous</h2>
        {me.registrations ? (
          <ListCount
            total={me.registrations.totalCount}
            shown={upcoming.length}
            continued={upcomingContinued}
            what={['rendez-vous à venir', 'rendez-vous à venir']}
          />
        ) : null}
        {upcoming.length ? (
          <ul className="event-list">
            {upcoming.map((registration) => (
              <li key={registration.id} className="my-registration">
                <EventCard event={registration.event!} />
                <p className="registration-state">
                  {registration.status === 'WAITLISTED' ? `Liste d'attente, position ${registration.waitlistPosition}` : 'Inscrit·e'}
                </p>
                <Form method="post" className="registration__form">
                  <input type="hidden" name="eventId" value={registration.event!.id} />
                  <SubmitButton className="button button--secondary" name="intent" value="cancel" pendingText="Annulation…">
                    {`Annuler mon inscription à « ${registration.event!.title} »`}
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Aucune inscription pour le moment. <Link to="/agenda">Voir l'agenda</Link>
          </p>
        )}
        <ListPager
          more="Voir plus de rendez-vous à venir"
          nextHref={upcomingNext ? listHref(searchParams, UPCOMING_PARAM, upcomingNext, 'titre-inscriptions') : null}
          firstHref={upcomingContinued ? listHref(searchParams, UPCOMING_PARAM, null, 'titre-inscriptions') : null}
        />
      </section>

      {past.length || pastContinued ? (
        <section aria-labelledby="titre-passes">
          <h2 id="titre-passes">Mes rendez-vous passés</h2>
          {me.past ? (
            <ListCount total={me.past.totalCount} shown={past.length} continued={pastContinued} what={['rendez-vous passé', 'rendez-vous passés']} />
          ) : null}
          <ul className="past-list">
            {past.map((registration) => (
              <li key={registration.id}>
                <Link to={`/evenements/${registration.event!.id}`}>{registration.event!.title}</Link>
                {', '}
                {formatParisTimeRange(registration.event!.startsAt, registration.event!.endsAt, { now })}
              </li>
            ))}
          </ul>
          <ListPager
            more="Voir plus de rendez-vous passés"
            nextHref={pastNext ? listHref(searchParams, PAST_PARAM, pastNext, 'titre-passes') : null}
            firstHref={pastContinued ? listHref(searchParams, PAST_PARAM, null, 'titre-passes') : null}
          />
        </section>
      ) : null}

      <TrainingPathSection path={me.trainingPath} declared={me.skills} now={now} noCertificate={searchParams.get('attestation') === 'aucune'} />

      <section aria-labelledby="titre-agenda">
        <h2 id="titre-agenda">Mon agenda personnel</h2>
        {me.calendarFeedUrl ? (
          <>
            <p>
              Abonnez votre agenda (téléphone, Thunderbird, Google Agenda…) à ce lien : vos rendez-vous Métropotes y apparaîtront d'eux-mêmes. Il est
              personnel : qui le connaît voit vos inscriptions.
            </p>
            <label htmlFor="lien-agenda" className="feed-url__label">
              Lien d'abonnement (à copier)
            </label>
            <input id="lien-agenda" className="feed-url" type="text" readOnly value={me.calendarFeedUrl} />
            <Form method="post" className="registration__form">
              <p>Lien partagé par erreur ? Changez-le : l'ancien cessera de fonctionner.</p>
              <SubmitButton className="button button--secondary" name="intent" value="reset-feed" pendingText="Changement…">
                Changer mon lien d'agenda
              </SubmitButton>
            </Form>
          </>
        ) : (
          <p>Votre agenda personnel n'est pas disponible pour le moment.</p>
        )}
      </section>

      <section aria-labelledby="titre-groupes">
        <h2 id="titre-groupes">Mes groupes</h2>
        {me.groups.length ? (
          <ul className="group-list">
            {me.groups.map((group) => (
              <li key={group.id}>
                <Link to={`/groupes/${group.id}`}>{group.name}</Link>
                {' — '}
                {group.memberCount} membre{group.memberCount > 1 ? 's' : ''}
                {group.viewerRole ? ` (vous êtes ${ROLE_LABELS[group.viewerRole] ?? 'membre'})` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>Vous ne faites partie d'aucun groupe pour le moment.</p>
        )}
      </section>

      <section aria-labelledby="titre-session">
        <h2 id="titre-session">Session</h2>
        <Form method="post" action="/deconnexion">
          <SubmitButton className="button button--secondary" pendingText="Déconnexion…">
            Se déconnecter
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
