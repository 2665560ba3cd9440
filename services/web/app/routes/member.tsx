import { formatParisTime } from '../lib/display-time';
import { data, Link, redirect } from 'react-router';
import { EventCard } from '../components/event-card';
import { ReportForm } from '../components/report-form';
import { graphql } from '../graphql/generated';
import { queryOrThrow } from '../graphql/gateway.server';
import { pageTitle } from '../lib/meta';
import { useNow } from '../lib/use-now';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/member';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

/** A profile, as the API lets the viewer see it: null when its visibility does not include them. */
const MemberPageQuery = graphql(`
  query MemberPage($id: ID!) {
    member(id: $id) {
      id
      displayName
      bio
      neighbourhood
      skills
      profileVisibility
      joinedAt
      commune {
        name
      }
      groups {
        id
        name
      }
      organizedEvents {
        id
        endsAt
        ...EventCard
      }
    }
  }
`);

export async function loader({ params, context }: Route.LoaderArgs) {
  const session = currentSession(context);
  const result = await queryOrThrow(context, MemberPageQuery, { id: params.id });
  if (!result.member) {
    // Most profiles are shown to members only (the e-mails link to newcomers' profiles): a visitor signs in first.
    if (!session) throw redirect(`/connexion?retour=${encodeURIComponent(`/membres/${params.id}`)}`);
    throw data({ message: "Ce profil n'existe pas, ou son auteur ne le montre pas." }, { status: 404 });
  }
  return { member: result.member, signedIn: session !== null, itsMe: session?.member.id === result.member.id };
}

export const meta: Route.MetaFunction = ({ loaderData }) => {
  if (!loaderData) return [{ title: pageTitle('Profil introuvable') }, { name: 'robots', content: 'noindex' }];
  const { member } = loaderData;
  return [
    { title: pageTitle(member.displayName) },
    ...(member.profileVisibility === 'PUBLIC'
      ? [{ name: 'description', content: member.bio?.slice(0, 200) ?? `${member.displayName}, membre des Métropotes.` }]
      : [{ name: 'robots', content: 'noindex' }]),
  ];
};

export default function MemberPage({ loaderData }: Route.ComponentProps) {
  const { member, signedIn, itsMe } = loaderData;
  const now = useNow();
  const upcoming = member.organizedEvents.filter((event) => new Date(event.endsAt).getTime() >= new Date(now).getTime());
  const here = `/membres/${member.id}`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/membres">Membres</Link>
      </p>
      <h1>{member.displayName}</h1>
      <p className="muted">
        {[member.neighbourhood, member.commune?.name].filter(Boolean).join(', ')}
        {member.neighbourhood || member.commune ? ' · ' : ''}
        Métropote depuis <time dateTime={member.joinedAt}>{formatParisTime(member.joinedAt, { style: 'month' })}</time>
      </p>
      {member.bio ? <p className="profile__bio">{member.bio}</p> : null}
      {member.skills.length > 0 ? (
        <section aria-labelledby="titre-competences">
          <h2 id="titre-competences">Compétences à partager</h2>
          <ul>
            {member.skills.map((skill) => (
              <li key={skill}>{skill}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {member.groups.length > 0 ? (
        <section aria-labelledby="titre-groupes">
          <h2 id="titre-groupes">Groupes</h2>
          <ul>
            {member.groups.map((group) => (
              <li key={group.id}>
                <Link to={`/groupes/${group.id}`}>{group.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {upcoming.length > 0 ? (
        <section aria-labelledby="titre-evenements">
          <h2 id="titre-evenements">Organise prochainement</h2>
          <ul className="card-list">
            {upcoming.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {signedIn && !itsMe ? <ReportForm targetType="MEMBER" targetId={member.id} returnTo={here} /> : null}
    </div>
  );
}
