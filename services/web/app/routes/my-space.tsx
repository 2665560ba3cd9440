import { Form, Link, redirect, useSearchParams } from 'react-router';
import { EventCard } from '../components/event-card';
import { SubmitButton } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/my-space';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const MySpaceQuery = graphql(`
  query MySpace {
    me {
      id
      displayName
      email
      emailVerified
      commune {
        name
      }
      calendarFeedUrl
      registrations(upcoming: true, first: 20) {
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
    }
  }
`);

const ResendVerification = graphql(`
  mutation ResendVerification {
    resendVerificationEmail
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Mon espace') }, { name: 'robots', content: 'noindex' }];

export async function loader({ context }: Route.LoaderArgs) {
  if (!currentSession(context)) throw redirect('/connexion?retour=%2Fmon-espace');
  const data = await queryOrThrow(context, MySpaceQuery, {});
  if (!data.me) throw redirect('/connexion?retour=%2Fmon-espace');
  return { me: data.me };
}

export async function action({ context }: Route.ActionArgs) {
  if (!currentSession(context)) return redirect('/connexion?retour=%2Fmon-espace');
  const result = await gatewayRequest(context, ResendVerification, {});
  return result.ok ? { resent: true as const } : { error: result.failure.message };
}

export default function MySpace({ loaderData, actionData }: Route.ComponentProps) {
  const { me } = loaderData;
  const [searchParams] = useSearchParams();
  const registrations = me.registrations?.edges.map((edge) => edge.node).filter((r) => r.event) ?? [];
  return (
    <div className="page">
      <h1>Mon espace</h1>
      <div role="status">
        {searchParams.has('bienvenue') ? (
          <p className="notice notice--success">
            Bienvenue parmi les Métropotes, {me.displayName} ! Nous vous avons envoyé un e-mail pour confirmer votre
            adresse.
          </p>
        ) : null}
        {actionData && 'resent' in actionData ? <p className="notice notice--success">Un nouveau lien de confirmation vient de partir.</p> : null}
        {actionData && 'error' in actionData ? <p className="notice notice--error">{actionData.error}</p> : null}
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
            <SubmitButton className="button button--secondary" pendingText="Envoi…">
              Renvoyer le lien de confirmation
            </SubmitButton>
          </Form>
        </div>
      ) : null}

      <section aria-labelledby="titre-inscriptions">
        <h2 id="titre-inscriptions">Mes prochains rendez-vous</h2>
        {registrations.length ? (
          <ul className="event-list">
            {registrations.map((registration) => (
              <li key={registration.id}>
                <EventCard event={registration.event!} />
                <p className="registration-state">
                  {registration.status === 'WAITLISTED' ? `Liste d'attente, position ${registration.waitlistPosition}` : 'Inscrit·e'}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            Aucune inscription pour le moment. <Link to="/agenda">Voir l'agenda</Link>
          </p>
        )}
        {me.calendarFeedUrl ? (
          <p>
            <a href={me.calendarFeedUrl}>Mon agenda Métropotes (abonnement .ics)</a>
          </p>
        ) : null}
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
