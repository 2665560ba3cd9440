import { formatParisTime, formatParisTimeRange } from '../lib/display-time';
import { data, Form, Link, redirect, useNavigation } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { ReportForm } from '../components/report-form';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formValues, text, type FormResult } from '../lib/forms.server';
import { EVENT_KIND_LABELS, placesLeftLabel } from '../lib/event-labels';
import { pageTitle, SITE_NAME } from '../lib/meta';
import { useNow } from '../lib/use-now';
import { webContext } from '../lib/web-context.server';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/event';
import { retryAfterHeaders } from '../lib/headers';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

export const headers = retryAfterHeaders;

const EventPageQuery = graphql(`
  query EventPage($id: ID!, $signedIn: Boolean!, $seriesWindow: Int!) {
    event(id: $id) {
      id
      title
      description
      descriptionHtml
      kind
      status
      startsAt
      endsAt
      startsAtLocal
      endsAtLocal
      onlineUrl
      capacity
      attendeeCount
      spotsLeft
      waitlistCount
      cancellationReason
      venue {
        name
        address
        latitude
        longitude
        commune {
          code
          name
          postalCodes
        }
      }
      organizer {
        id
        displayName
      }
      skills {
        id
        name
        description
      }
      myRegistration @include(if: $signedIn) {
        status
        waitlistPosition
        attendance
        remindersEnabled
      }
      previousOccurrence {
        id
        startsAt
      }
      nextOccurrence {
        id
        startsAt
      }
      series {
        id
        occurrences(first: $seriesWindow) {
          edges {
            node {
              id
              title
              status
              startsAt
              endsAt
            }
          }
        }
      }
    }
  }
`);

/**
 * How many of a series' occurrences the page asks for (in the same request): enough to find this one among the
 * coming ones, its neighbours and the next few.
 */
const SERIES_WINDOW = 30;
/** How many of the next occurrences the page lists. */
const SERIES_LISTED = 4;

type Occurrence = { id: string; title: string; status: string; startsAt: string; endsAt: string };

type Neighbour = { id: string; startsAt: string } | null;

/**
 * Where this event stands in its series: the occurrences just before and after it (finished or not, from the API),
 * and the next few among those not finished yet.
 */
function seriesNeighbours(current: { id: string; startsAt: string }, previous: Neighbour, next: Neighbour, occurrences: Occurrence[]) {
  const start = new Date(current.startsAt).getTime();
  const after = occurrences.filter((o) => o.id !== current.id && new Date(o.startsAt).getTime() > start);
  return { previous, next, upcoming: after.slice(0, SERIES_LISTED) };
}

const RegisterForEvent = graphql(`
  mutation RegisterForEvent($eventId: ID!) {
    registerForEvent(eventId: $eventId) {
      id
      status
    }
  }
`);

const CheckIn = graphql(`
  mutation CheckIn($eventId: ID!, $code: String!) {
    checkIn(eventId: $eventId, code: $code) {
      id
      attendance
    }
  }
`);

/** Members check in (« Je suis là ») from one hour before the start to the end, as the API allows (checkIn). */
const CHECK_IN_OPENS_BEFORE_MS = 60 * 60 * 1000;

const CancelRegistration = graphql(`
  mutation CancelRegistration($eventId: ID!) {
    cancelRegistration(eventId: $eventId) {
      id
      status
    }
  }
`);

const SetRegistrationReminders = graphql(`
  mutation SetRegistrationReminders($eventId: ID!, $enabled: Boolean!) {
    setRegistrationReminders(eventId: $eventId, enabled: $enabled) {
      id
      remindersEnabled
    }
  }
`);

/**
 * `?inscription=1`: the one-click registration link of the e-mails (the welcome's pot du pote). A GET never registers
 * (link scanners follow links): a signed-in member sees the event with a prominent « Confirmer mon inscription »
 * button, focused; a visitor logs in first and comes back here.
 */
export const ONE_CLICK_PARAM = 'inscription';

export async function loader({ params, request, context }: Route.LoaderArgs) {
  const signedIn = currentSession(context) !== null;
  const oneClick = new URL(request.url).searchParams.get(ONE_CLICK_PARAM) === '1';
  const result = await queryOrThrow(context, EventPageQuery, { id: params.id, signedIn, seriesWindow: SERIES_WINDOW });
  if (!result.event) throw data({ message: "Cet événement n'existe pas, ou il n'est pas public." }, { status: 404 });
  if (oneClick && !signedIn) {
    throw redirect(`/connexion?retour=${encodeURIComponent(`/evenements/${params.id}?${ONE_CLICK_PARAM}=1`)}`);
  }
  return { event: result.event, signedIn, oneClick, publicUrl: context.get(webContext).publicUrl };
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: pageTitle('Événement introuvable') }];
  const { event, publicUrl } = loaderData;
  const url = `${publicUrl}/evenements/${event.id}`;
  const summary = event.description
    .replace(/[#*_>`[\]()]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return [
    { title: pageTitle(event.title) },
    { name: 'description', content: summary },
    { tagName: 'link', rel: 'canonical', href: url },
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: SITE_NAME },
    { property: 'og:locale', content: 'fr_FR' },
    { property: 'og:title', content: event.title },
    { property: 'og:description', content: summary },
    { property: 'og:url', content: url },
    { 'script:ld+json': eventJsonLd(event, url) },
  ];
};

type PageEvent = NonNullable<Awaited<ReturnType<typeof loader>>['event']>;

/** schema.org Event, for search engines and calendar apps. */
function eventJsonLd(event: PageEvent, url: string) {
  const place = event.venue
    ? {
        '@type': 'Place',
        name: event.venue.name,
        address: {
          '@type': 'PostalAddress',
          streetAddress: event.venue.address ?? undefined,
          addressLocality: event.venue.commune.name,
          postalCode: event.venue.commune.postalCodes[0],
          addressCountry: 'FR',
        },
        ...(event.venue.latitude != null && event.venue.longitude != null
          ? { geo: { '@type': 'GeoCoordinates', latitude: event.venue.latitude, longitude: event.venue.longitude } }
          : {}),
      }
    : null;
  const online = event.onlineUrl ? { '@type': 'VirtualLocation', url: event.onlineUrl } : null;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    description: event.description,
    startDate: event.startsAtLocal,
    endDate: event.endsAtLocal,
    url,
    eventStatus: event.status === 'CANCELLED' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode:
      place && online
        ? 'https://schema.org/MixedEventAttendanceMode'
        : online
          ? 'https://schema.org/OnlineEventAttendanceMode'
          : 'https://schema.org/OfflineEventAttendanceMode',
    location: [place, online].filter(Boolean),
    organizer: { '@type': 'Organization', name: "Les Métropotes (association Métropop'!)", url: new URL(url).origin },
    isAccessibleForFree: true,
    inLanguage: 'fr',
  };
}

/** Register, or cancel: the member's own registration, then back to the page (which shows where they stand). */
export async function action({ request, params, context }: Route.ActionArgs) {
  const here = `/evenements/${params.id}`;
  if (!currentSession(context)) return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const form = await request.formData();
  const intent = text(form, 'intent');
  if (intent === 'checkin') {
    const values = formValues(form);
    const code = text(form, 'code');
    if (!code)
      return data({ checkIn: { fieldErrors: { code: 'Saisissez le code affiché sur place.' }, values } satisfies FormResult }, { status: 400 });
    const checked = await gatewayRequest(context, CheckIn, { eventId: params.id, code });
    if (!checked.ok) {
      if (checked.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
      const { failure } = checked;
      const fieldCount = Object.keys(failure.fieldErrors).length;
      const checkIn: FormResult = { fieldErrors: failure.fieldErrors, values, ...(fieldCount ? {} : { formError: failure.message }) };
      const status = failure.code === 'RATE_LIMITED' ? 429 : 400;
      return data({ checkIn }, { status, headers: failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : undefined });
    }
    return redirect(here, 303);
  }
  const result =
    intent === 'cancel'
      ? await gatewayRequest(context, CancelRegistration, { eventId: params.id })
      : intent === 'reminders-off' || intent === 'reminders-on'
        ? await gatewayRequest(context, SetRegistrationReminders, { eventId: params.id, enabled: intent === 'reminders-on' })
        : await gatewayRequest(context, RegisterForEvent, { eventId: params.id });
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
    return data({ error: result.failure.message }, { status: result.failure.code === 'RATE_LIMITED' ? 429 : 400 });
  }
  return redirect(here, 303);
}

export default function EventPage({ loaderData, actionData }: Route.ComponentProps) {
  const { event, signedIn, oneClick } = loaderData;
  const now = useNow();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const cancelled = event.status === 'CANCELLED';
  const finished = new Date(event.endsAt).getTime() < new Date(now).getTime();
  const registration = event.myRegistration;
  const active = registration && registration.status !== 'CANCELLED' ? registration : null;
  const places = placesLeftLabel(event.spotsLeft);
  const nowMs = new Date(now).getTime();
  const checkInOpen =
    signedIn &&
    event.status === 'PUBLISHED' &&
    nowMs >= new Date(event.startsAt).getTime() - CHECK_IN_OPENS_BEFORE_MS &&
    nowMs <= new Date(event.endsAt).getTime();
  const present = registration?.attendance === 'PRESENT';
  const checkInResult = actionData && 'checkIn' in actionData ? actionData.checkIn : undefined;
  const here = `/evenements/${event.id}`;
  const series = event.series
    ? seriesNeighbours(
        event,
        event.previousOccurrence ?? null,
        event.nextOccurrence ?? null,
        event.series.occurrences.edges.map((edge) => edge.node),
      )
    : null;
  // The one-click link: the confirmation first, for a member not registered yet to an event still open.
  const confirming = oneClick && signedIn && !active && !cancelled && !finished;

  return (
    <div className="page event-page">
      <p className="breadcrumb">
        <Link to="/agenda">Agenda</Link>
      </p>
      <article>
        <header className="event-page__header">
          <p className="event-card__kind">
            <span className={`badge badge--${event.kind.toLowerCase()}`}>{EVENT_KIND_LABELS[event.kind]}</span>
            {cancelled ? <span className="badge badge--cancelled">Annulé</span> : null}
          </p>
          <h1>{event.title}</h1>
        </header>

        {confirming ? (
          <section className="notice notice--info one-click" aria-labelledby="titre-confirmer">
            <h2 id="titre-confirmer">Confirmez votre inscription</h2>
            <p>
              Vous êtes à un clic de vous inscrire
              {event.spotsLeft === 0 ? " sur la liste d'attente (l'événement est complet)" : ''}, pour le{' '}
              {formatParisTime(event.startsAt, { now, style: 'date' })}. Ouvrir le lien ne vous a pas inscrit·e : confirmez avec ce bouton.
            </p>
            {actionData && 'error' in actionData ? <p className="notice notice--error">{actionData.error}</p> : null}
            <Form method="post">
              <button type="submit" name="intent" value="register" className="button" disabled={busy} autoFocus>
                Confirmer mon inscription
              </button>
            </Form>
          </section>
        ) : null}

        {cancelled ? (
          <div className="notice notice--warning" role="note">
            <h2>Cet événement est annulé</h2>
            {event.cancellationReason ? <p>{event.cancellationReason}</p> : null}
          </div>
        ) : null}

        <dl className="event-facts">
          <div>
            <dt>Quand</dt>
            <dd>
              <time dateTime={event.startsAt}>{formatParisTimeRange(event.startsAt, event.endsAt, { now })}</time>
            </dd>
          </div>
          <div>
            <dt>Où</dt>
            <dd>
              {event.venue ? (
                <>
                  {event.venue.name}
                  <br />
                  {event.venue.address ? `${event.venue.address}, ` : ''}
                  {event.venue.commune.postalCodes[0] ? `${event.venue.commune.postalCodes[0]} ` : ''}
                  {event.venue.commune.name}
                </>
              ) : null}
              {event.onlineUrl ? (
                <>
                  {event.venue ? <br /> : null}
                  En ligne
                  {active?.status === 'CONFIRMED' ? (
                    <>
                      {' '}
                      : <a href={event.onlineUrl}>rejoindre la réunion</a>
                    </>
                  ) : (
                    ' (le lien est donné aux inscrits)'
                  )}
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>Organisé par</dt>
            <dd>{event.organizer?.displayName ?? "L'équipe d'animation des Métropotes"}</dd>
          </div>
          <div>
            <dt>Places</dt>
            <dd>
              {event.capacity === null
                ? 'Sans limite de places'
                : `${places ?? ''} (${event.attendeeCount} inscrit${event.attendeeCount > 1 ? 's' : ''} sur ${event.capacity}${
                    event.waitlistCount ? `, ${event.waitlistCount} en liste d’attente` : ''
                  })`}
            </dd>
          </div>
        </dl>

        <section className="registration" aria-labelledby="titre-inscription">
          <h2 id="titre-inscription">Inscription</h2>
          <div role="status" className="registration__status">
            {active?.status === 'CONFIRMED' ? <p className="notice notice--success">Vous êtes inscrit·e à cet événement.</p> : null}
            {active?.status === 'WAITLISTED' ? (
              <p className="notice notice--info">
                L'événement est complet : vous êtes sur la liste d'attente, en position {active.waitlistPosition}. Vous aurez une place dès qu'une
                personne se désiste, et nous vous préviendrons par e-mail.
              </p>
            ) : null}
            {!confirming && actionData && 'error' in actionData ? <p className="notice notice--error">{actionData.error}</p> : null}
            {present ? <p className="notice notice--success">Votre présence est notée : merci d’être venu·e !</p> : null}
          </div>
          {checkInOpen && !present ? (
            <Form method="post" className="check-in" aria-labelledby="titre-je-suis-la" noValidate>
              <h3 id="titre-je-suis-la">Je suis là</h3>
              <ErrorSummary result={checkInResult} labels={{ code: 'Code affiché sur place' }} />
              <input type="hidden" name="intent" value="checkin" />
              <TextField
                name="code"
                label="Code affiché sur place"
                hint="Six lettres et chiffres, sur l’écran ou l’affiche à l’entrée."
                autoComplete="off"
                required
                maxLength={20}
                result={checkInResult}
              />
              <SubmitButton pendingText="Envoi…">Je suis là</SubmitButton>
            </Form>
          ) : null}
          {cancelled || finished ? (
            <p>{cancelled ? 'Les inscriptions sont fermées.' : 'Cet événement est terminé.'}</p>
          ) : !signedIn ? (
            <p>
              <Link className="button" to={`/connexion?retour=${encodeURIComponent(here)}`}>
                Se connecter pour s'inscrire
              </Link>{' '}
              Pas encore Métropote ? <Link to="/inscription">Rejoindre le réseau</Link>
            </p>
          ) : confirming ? (
            <p>Confirmez votre inscription avec le bouton en haut de la page.</p>
          ) : (
            <Form method="post" className="registration__form">
              {active ? (
                <button type="submit" name="intent" value="cancel" className="button button--secondary" disabled={busy}>
                  {active.status === 'WAITLISTED' ? "Quitter la liste d'attente" : 'Annuler mon inscription'}
                </button>
              ) : (
                <button type="submit" name="intent" value="register" className="button" disabled={busy}>
                  {event.spotsLeft === 0 ? "M'inscrire sur la liste d'attente" : "M'inscrire"}
                </button>
              )}
            </Form>
          )}
          {active && signedIn && !cancelled && !finished ? (
            <Form method="post" className="registration__reminders">
              <input type="hidden" name="intent" value={active.remindersEnabled ? 'reminders-off' : 'reminders-on'} />
              <p>
                {active.remindersEnabled
                  ? 'Vous recevrez un rappel de cet événement par e-mail, avec l’adresse et le fichier pour votre agenda.'
                  : 'Vous ne recevrez pas de rappel pour cet événement.'}{' '}
                <button type="submit" className="button button--secondary" disabled={busy}>
                  {active.remindersEnabled ? 'Ne plus recevoir les rappels de cet événement' : 'Recevoir les rappels de cet événement'}
                </button>
              </p>
            </Form>
          ) : null}
          <p>
            <a href={`${here}/agenda.ics`} download>
              Ajouter à mon agenda
            </a>{' '}
            <span className="muted">(fichier .ics pour votre téléphone ou votre messagerie)</span>
          </p>
        </section>

        {event.descriptionHtml.trim() ? (
          <section className="event-description" aria-labelledby="titre-description">
            <h2 id="titre-description">Présentation</h2>
            {/* Sanitised by the events service (packages/markdown). */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
          </section>
        ) : null}

        {series ? (
          <section className="event-series" aria-labelledby="titre-serie">
            <h2 id="titre-serie">Les autres dates</h2>
            <p>Ce rendez-vous revient régulièrement.</p>
            {series.previous || series.next ? (
              <nav className="event-series__nav" aria-label="Dates de la série">
                {series.previous ? (
                  <Link to={`/evenements/${series.previous.id}`} rel="prev">
                    Date précédente : {formatParisTime(series.previous.startsAt, { now })}
                  </Link>
                ) : null}
                {series.next ? (
                  <Link to={`/evenements/${series.next.id}`} rel="next">
                    Date suivante : {formatParisTime(series.next.startsAt, { now })}
                  </Link>
                ) : null}
              </nav>
            ) : null}
            {series.upcoming.length ? (
              <>
                <h3>Les prochaines dates</h3>
                <ul className="event-series__dates">
                  {series.upcoming.map((occurrence) => (
                    <li key={occurrence.id}>
                      <Link to={`/evenements/${occurrence.id}`}>
                        <time dateTime={occurrence.startsAt}>{formatParisTimeRange(occurrence.startsAt, occurrence.endsAt, { now })}</time>
                      </Link>
                      {occurrence.status === 'CANCELLED' ? ' (annulé)' : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Pas d'autre date prévue pour le moment.</p>
            )}
          </section>
        ) : null}

        {event.skills.length ? (
          <section className="event-skills" aria-labelledby="titre-competences">
            <h2 id="titre-competences">Compétences travaillées</h2>
            <ul>
              {event.skills.map((skill) => (
                <li key={skill.id}>
                  <strong>{skill.name}</strong>
                  {skill.description ? <> : {skill.description}</> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
      {signedIn ? <ReportForm targetType="EVENT" targetId={event.id} returnTo={here} /> : null}
    </div>
  );
}
