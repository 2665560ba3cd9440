import { formatParisTimeRange } from '../lib/display-time';
import { Link, useSearchParams } from 'react-router';
import { EventCard } from '../components/event-card';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { EVENT_KIND_LABELS } from '../lib/event-labels';
import { pageTitle } from '../lib/meta';
import { useNow } from '../lib/use-now';
import { webContext } from '../lib/web-context.server';
import type { Route } from './+types/home';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

const HomeQuery = graphql(`
  query Home($from: DateTime!, $weekEnd: DateTime!) {
    nextPot: agenda(filter: { kinds: [POT_DU_POTE], from: $from }, first: 1) {
      edges {
        node {
          ...EventCard
          venue {
            address
          }
        }
      }
    }
    week: agenda(filter: { from: $from, to: $weekEnd }, first: 8) {
      edges {
        node {
          ...EventCard
        }
      }
      totalCount
    }
  }
`);

const WEEK_MS = 7 * 24 * 3600 * 1000;

export const meta: Route.MetaFunction = () => [
  { title: pageTitle() },
  {
    name: 'description',
    content: "Les Métropotes : le réseau d'entraide et d'action citoyenne des habitants et des associations de la métropole parisienne.",
  },
];

/** One request: the next pot du pote and the seven days to come. */
export async function loader({ context }: Route.LoaderArgs) {
  const now = context.get(webContext).clock.now();
  const data = await queryOrThrow(context, HomeQuery, { from: now.toISOString(), weekEnd: new Date(now.getTime() + WEEK_MS).toISOString() });
  return {
    nextPot: data.nextPot.edges[0]?.node ?? null,
    week: data.week.edges.map((edge) => edge.node),
    weekTotal: data.week.totalCount,
  };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { nextPot, week, weekTotal } = loaderData;
  const now = useNow();
  const [searchParams] = useSearchParams();
  return (
    <div className="page">
      {searchParams.has('deconnecte') ? (
        <p className="notice notice--success" role="status">
          Vous êtes déconnecté·e. À bientôt !
        </p>
      ) : null}
      {searchParams.has('compte-supprime') ? (
        <p className="notice notice--success" role="status">
          Votre compte est supprimé et vous êtes déconnecté·e. Merci d'avoir été des Métropotes !
        </p>
      ) : null}
      <section className="hero" aria-labelledby="titre-accueil">
        <h1 id="titre-accueil">Agir ensemble pour nos quartiers et notre métropole</h1>
        <p className="hero__lead">
          Les Métropotes sont des habitants et des associations de toute la métropole parisienne, curieux et soucieux de l'avenir de leur quartier et
          de leur ville. On s'y retrouve chaque mois au pot du pote, on se forme, on agit.
        </p>
        <p className="hero__actions">
          <Link className="button" to="/inscription">
            Rejoindre les Métropotes
          </Link>
          <Link className="button button--secondary" to="/agenda">
            Voir l'agenda
          </Link>
        </p>
      </section>

      <section className="home-section" aria-labelledby="titre-pot">
        <h2 id="titre-pot">Le prochain pot du pote</h2>
        {nextPot ? (
          <div className="next-pot">
            <p className="next-pot__when">{formatParisTimeRange(nextPot.startsAt, nextPot.endsAt, { now })}</p>
            <h3 className="next-pot__title">
              <Link to={`/evenements/${nextPot.id}`}>{nextPot.title}</Link>
            </h3>
            {nextPot.venue ? (
              <p>
                {nextPot.venue.name}
                {nextPot.venue.address ? `, ${nextPot.venue.address}` : ''}, {nextPot.venue.commune.name}
              </p>
            ) : null}
            <p>
              Le {EVENT_KIND_LABELS.POT_DU_POTE.toLowerCase()}, c'est notre rendez-vous mensuel : on fait connaissance, on partage les nouvelles des
              quartiers et on prépare les actions à venir. Ouvert à toutes et à tous.
            </p>
          </div>
        ) : (
          <p>La date du prochain pot du pote sera bientôt annoncée.</p>
        )}
      </section>

      <section className="home-section" aria-labelledby="titre-semaine">
        <h2 id="titre-semaine">Cette semaine</h2>
        {week.length ? (
          <ul className="event-list">
            {week.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        ) : (
          <p>Rien de prévu dans les sept prochains jours : l'agenda complet montre la suite.</p>
        )}
        <p>
          <Link to="/agenda">{weekTotal > week.length ? `Tout l'agenda (${weekTotal} rendez-vous cette semaine)` : "Tout l'agenda"}</Link>
        </p>
      </section>

      <section className="home-section invitation" aria-labelledby="titre-rejoindre">
        <h2 id="titre-rejoindre">Vous aussi, devenez Métropote</h2>
        <p>
          Vous avez envie de changer les choses dans votre quartier, sans toujours savoir comment agir ? Le réseau vous propose des formations, des
          ateliers et des missions, et vous met en lien avec d'autres habitants engagés. L'inscription est gratuite.
        </p>
        <p>
          <Link className="button" to="/inscription">
            Je m'inscris
          </Link>
        </p>
      </section>
    </div>
  );
}
