import { data, Form, Link, redirect } from 'react-router';
import { EventCard } from '../components/event-card';
import { GroupMessages } from '../components/group-messages';
import { ReportForm } from '../components/report-form';
import { SubmitButton } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure, formValues, text } from '../lib/forms.server';
import { retryAfterHeaders } from '../lib/headers';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/group';
import { staticPage } from '../lib/static-page';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

export const headers = retryAfterHeaders;

const GroupPageQuery = graphql(`
  query GroupPage($id: ID!) {
    group(id: $id) {
      id
      name
      description
      website
      memberCount
      viewerRole
      visibility
      commune {
        name
      }
      events(first: 20) {
        ...EventCard
      }
      members {
        role
        member {
          id
          displayName
        }
      }
      viewerReceivesMessages
      messages(first: 10) {
        id
        subject
        body
        sentAt
        author {
          displayName
        }
      }
    }
  }
`);

const SendGroupMessage = graphql(`
  mutation SendGroupMessage($input: SendGroupMessageInput!) {
    sendGroupMessage(input: $input) {
      id
    }
  }
`);

const SetGroupMessagesReception = graphql(`
  mutation SetGroupMessagesReception($groupId: ID!, $receive: Boolean!) {
    setGroupMessagesReception(groupId: $groupId, receive: $receive) {
      id
      viewerReceivesMessages
    }
  }
`);

const JoinGroup = graphql(`
  mutation JoinGroup($groupId: ID!) {
    joinGroup(groupId: $groupId) {
      id
      viewerRole
    }
  }
`);

const LeaveGroup = graphql(`
  mutation LeaveGroup($groupId: ID!) {
    leaveGroup(groupId: $groupId) {
      id
      viewerRole
    }
  }
`);

export async function loader({ params, context }: Route.LoaderArgs) {
  const result = await queryOrThrow(context, GroupPageQuery, { id: params.id });
  if (!result.group) throw data({ message: "Ce groupe n'existe pas, ou il n'est pas visible." }, { status: 404 });
  return { group: result.group, signedIn: currentSession(context) !== null };
}

export const meta: Route.MetaFunction = ({ loaderData }) =>
  loaderData
    ? [
        { title: pageTitle(loaderData.group.name) },
        { name: 'description', content: loaderData.group.description?.slice(0, 200) ?? `Le groupe ${loaderData.group.name} des Métropotes.` },
      ]
    : [{ title: pageTitle('Groupe introuvable') }];

/** Join or leave the group, then back to its page (which says where the member stands). */
export async function action({ request, params, context }: Route.ActionArgs) {
  const here = `/groupes/${params.id}`;
  if (!currentSession(context)) return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const form = await request.formData();
  const intent = text(form, 'intent');
  if (intent === 'send-message') {
    const values = formValues(form);
    const sent = await gatewayRequest(context, SendGroupMessage, {
      input: { groupId: params.id, subject: text(form, 'subject'), body: String(form.get('body') ?? '') },
    });
    if (!sent.ok) {
      if (sent.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
      return formFailure(sent.failure, values);
    }
    return redirect(`${here}#titre-messages`, 303);
  }
  const result =
    intent === 'messages-off' || intent === 'messages-on'
      ? await gatewayRequest(context, SetGroupMessagesReception, { groupId: params.id, receive: intent === 'messages-on' })
      : intent === 'leave'
        ? await gatewayRequest(context, LeaveGroup, { groupId: params.id })
        : await gatewayRequest(context, JoinGroup, { groupId: params.id });
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
    return data(
      { error: result.failure.message },
      {
        status: result.failure.code === 'RATE_LIMITED' ? 429 : 400,
        headers: result.failure.retryAfter ? { 'retry-after': String(result.failure.retryAfter) } : undefined,
      },
    );
  }
  return redirect(here, 303);
}

export default function GroupPage({ loaderData, actionData }: Route.ComponentProps) {
  const { group, signedIn } = loaderData;
  const here = `/groupes/${group.id}`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/groupes">Groupes</Link>
      </p>
      <h1>{group.name}</h1>
      <p className="muted">
        {group.memberCount} membre{group.memberCount > 1 ? 's' : ''}
        {group.commune ? ` · ${group.commune.name}` : ''}
      </p>
      {group.visibility === 'MEMBERS' ? <p className="muted">Groupe visible des membres du réseau seulement.</p> : null}
      {group.description ? <p>{group.description}</p> : null}
      {group.website ? (
        <p>
          <a href={group.website} rel="noopener nofollow">
            Site du groupe
          </a>
        </p>
      ) : null}

      <section aria-labelledby="titre-adhesion">
        <h2 id="titre-adhesion">Faire partie du groupe</h2>
        <div role="status">
          {group.viewerRole ? (
            <p className="notice notice--success">Vous êtes membre de ce groupe{group.viewerRole === 'ADMIN' ? ', et vous l’animez' : ''}.</p>
          ) : null}
          {actionData && 'error' in actionData ? <p className="notice notice--error">{actionData.error}</p> : null}
          {actionData && 'formError' in actionData && actionData.formError ? <p className="notice notice--error">{actionData.formError}</p> : null}
        </div>
        {!signedIn ? (
          <p>
            <Link className="button" to={`/connexion?retour=${encodeURIComponent(here)}`}>
              Se connecter pour rejoindre le groupe
            </Link>
          </p>
        ) : (
          <Form method="post">
            {group.viewerRole ? (
              <SubmitButton name="intent" value="leave" className="button button--secondary" pendingText="Un instant…">
                Quitter le groupe
              </SubmitButton>
            ) : (
              <SubmitButton name="intent" value="join" pendingText="Un instant…">
                Rejoindre le groupe
              </SubmitButton>
            )}
          </Form>
        )}
      </section>

      {group.viewerRole === 'ADMIN' ? (
        <section aria-labelledby="titre-animer">
          <h2 id="titre-animer">Animer le groupe</h2>
          <ul>
            <li>
              <Link to={`/evenements/proposer?groupe=${encodeURIComponent(group.id)}`}>Proposer un événement pour ce groupe</Link>
            </li>
            <li>
              <Link to={`${here}/gerer`}>Gérer le groupe</Link> (présentation, membres et rôles)
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="titre-evenements">
        <h2 id="titre-evenements">Prochains événements du groupe</h2>
        {group.events.length > 0 ? (
          <ul className="event-list">
            {group.events.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Aucun événement à venir pour l’instant.</p>
        )}
      </section>

      {group.members.length > 0 ? (
        <section aria-labelledby="titre-membres">
          <h2 id="titre-membres">Membres</h2>
          <ul>
            {group.members.map(({ member, role }) => (
              <li key={member.id}>
                <Link to={`/membres/${member.id}`}>{member.displayName}</Link>
                {role === 'ADMIN' ? ' (anime le groupe)' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {group.messages ? (
        <GroupMessages
          groupId={group.id}
          messages={group.messages}
          receives={group.viewerReceivesMessages ?? null}
          canWrite={group.viewerRole === 'ADMIN'}
          returnTo={here}
          result={actionData && 'fieldErrors' in actionData ? actionData : undefined}
        />
      ) : null}

      {signedIn ? <ReportForm targetType="GROUP" targetId={group.id} returnTo={here} /> : null}
    </div>
  );
}
