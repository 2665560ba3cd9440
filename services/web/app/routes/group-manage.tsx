import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import { ChoiceGroup } from '../components/choice-group';
import { CommuneField } from '../components/commune-select';
import { ErrorSummary, FieldFrame, SubmitButton, TextField, type FormResultView } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import type { GroupRole, GroupVisibility } from '../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../graphql/gateway.server';
import { formFailure, formValues, text } from '../lib/forms.server';
import { retryAfterHeaders } from '../lib/headers';
import { pageTitle } from '../lib/meta';
import { staticPage } from '../lib/static-page';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/group-manage';

/** Reads and submits without JavaScript: no client script (lib/static-page.ts). */
export const handle = staticPage;

export const headers = retryAfterHeaders;

const GroupManagePageQuery = graphql(`
  query GroupManagePage($id: ID!) {
    me {
      id
      role
    }
    group(id: $id) {
      id
      name
      description
      website
      visibility
      viewerRole
      commune {
        code
      }
      members {
        role
        member {
          id
          displayName
        }
      }
    }
    territories {
      ...CommuneChoices
    }
  }
`);

const UpdateGroup = graphql(`
  mutation UpdateGroup($input: UpdateGroupInput!) {
    updateGroup(input: $input) {
      id
    }
  }
`);

const SetGroupMemberRole = graphql(`
  mutation SetGroupMemberRole($input: SetGroupMemberRoleInput!) {
    setGroupMemberRole(input: $input) {
      id
    }
  }
`);

const RemoveGroupMember = graphql(`
  mutation RemoveGroupMember($groupId: ID!, $memberId: ID!) {
    removeGroupMember(groupId: $groupId, memberId: $memberId) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  name: 'Nom du groupe',
  description: 'Présentation',
  communeCode: 'Commune',
  website: 'Site web',
  visibility: 'Qui voit le groupe',
};

const VISIBILITY_CHOICES: { value: GroupVisibility; label: string }[] = [
  { value: 'PUBLIC', label: 'Tout le monde, visiteurs compris' },
  { value: 'MEMBERS', label: 'Les membres du réseau connectés seulement' },
];

const ROLE_LABELS: Record<GroupRole, string> = { ADMIN: 'Anime le groupe', MEMBER: 'Membre' };

/** A refusal about one member of the list, shown next to them. */
interface MemberRefusal {
  memberId: string;
  message: string;
}

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(loaderData ? `Gérer ${loaderData.group.name}` : 'Gérer un groupe') },
  { name: 'robots', content: 'noindex' },
];

/** The group's admins and staff only; others read that the page is not for them. */
export async function loader({ params, context }: Route.LoaderArgs) {
  const here = `/groupes/${params.id}/gerer`;
  if (!currentSession(context)) throw redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const result = await queryOrThrow(context, GroupManagePageQuery, { id: params.id });
  if (!result.group) throw data({ message: "Ce groupe n'existe pas, ou il n'est pas visible." }, { status: 404 });
  const staff = result.me?.role === 'STAFF' || result.me?.role === 'ADMIN';
  if (result.group.viewerRole !== 'ADMIN' && !staff) {
    throw data({ message: 'Seuls les administrateurs du groupe et l’équipe peuvent le gérer.' }, { status: 403 });
  }
  return { group: result.group, territories: result.territories, myId: result.me?.id ?? null };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const here = `/groupes/${params.id}/gerer`;
  if (!currentSession(context)) return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const form = await request.formData();
  const intent = text(form, 'intent');
  if (intent === 'role' || intent === 'remove') {
    const memberId = text(form, 'memberId');
    const result =
      intent === 'role'
        ? await gatewayRequest(context, SetGroupMemberRole, { input: { groupId: params.id, memberId, role: text(form, 'role') as GroupRole } })
        : await gatewayRequest(context, RemoveGroupMember, { groupId: params.id, memberId });
    if (!result.ok) {
      if (result.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
      return data<{ member: MemberRefusal }>(
        { member: { memberId, message: result.failure.message } },
        { status: result.failure.code === 'RATE_LIMITED' ? 429 : 400 },
      );
    }
    // Whoever removed themselves or stepped down may no longer manage it: back to the group's page.
    if (memberId === text(form, 'myId')) return redirect(`/groupes/${params.id}`, 303);
    return redirect(`${here}?${intent === 'role' ? 'role' : 'retire'}=1`, 303);
  }
  const values = formValues(form);
  const visibility = text(form, 'visibility');
  const result = await gatewayRequest(context, UpdateGroup, {
    input: {
      groupId: params.id,
      name: values.name ?? '',
      description: values.description || null,
      communeCode: values.communeCode || null,
      website: values.website || null,
      ...(visibility ? { visibility: visibility as GroupVisibility } : {}),
    },
  });
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
    return formFailure(result.failure, values);
  }
  return redirect(`${here}?enregistre=1`, 303);
}

export default function GroupManagePage({ loaderData, actionData }: Route.ComponentProps) {
  const { group, territories, myId } = loaderData;
  const [searchParams] = useSearchParams();
  const result: FormResultView | undefined = actionData && 'fieldErrors' in actionData ? actionData : undefined;
  const refusal: MemberRefusal | undefined = actionData && 'member' in actionData ? actionData.member : undefined;
  const visibility = new Set([result?.values.visibility ?? group.visibility]);
  const saved = searchParams.has('enregistre')
    ? 'La présentation du groupe est enregistrée.'
    : searchParams.has('role')
      ? 'Le rôle est changé.'
      : searchParams.has('retire')
        ? 'La personne ne fait plus partie du groupe.'
        : null;
  return (
    <div className="page page--narrow">
      <p className="breadcrumb">
        <Link to="/groupes">Groupes</Link> › <Link to={`/groupes/${group.id}`}>{group.name}</Link>
      </p>
      <h1>Gérer le groupe</h1>
      <div role="status">{saved && !actionData ? <p className="notice notice--success">{saved}</p> : null}</div>

      <section aria-labelledby="titre-presentation">
        <h2 id="titre-presentation">Présentation du groupe</h2>
        <ErrorSummary result={result} labels={LABELS} />
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="update" />
          <TextField name="name" label={LABELS.name!} required maxLength={120} result={result} defaultValue={group.name} />
          <FieldFrame name="description" label={LABELS.description!} error={result?.fieldErrors.description}>
            {(control) => (
              <textarea
                id={control.id}
                name="description"
                rows={6}
                maxLength={5000}
                defaultValue={result?.values.description ?? group.description ?? ''}
                aria-invalid={control.invalid}
                aria-describedby={control.describedBy}
              />
            )}
          </FieldFrame>
          <CommuneField
            territories={territories}
            name="communeCode"
            label={LABELS.communeCode!}
            emptyLabel="Aucune commune en particulier"
            defaultValue={result?.values.communeCode ?? group.commune?.code}
            error={result?.fieldErrors.communeCode || undefined}
          />
          <TextField
            name="website"
            label={LABELS.website!}
            hint="Adresse complète, https://…"
            result={result}
            defaultValue={group.website ?? ''}
            maxLength={300}
          />
          <ChoiceGroup
            name="visibility"
            type="radio"
            legend={LABELS.visibility!}
            choices={VISIBILITY_CHOICES}
            checked={visibility}
            error={result?.fieldErrors.visibility}
          />
          <SubmitButton pendingText="Enregistrement…">Enregistrer la présentation</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="titre-membres-gerer">
        <h2 id="titre-membres-gerer">Membres et rôles</h2>
        <p className="muted">Un groupe garde toujours au moins une personne qui l’anime.</p>
        <ul className="manage-members">
          {group.members.map(({ member, role }) => {
            const error = refusal?.memberId === member.id ? refusal.message : null;
            const errorId = `membre-${member.id}-erreur`;
            return (
              <li key={member.id} className={error ? 'field--error' : undefined}>
                <p>
                  <Link to={`/membres/${member.id}`}>{member.displayName}</Link> · {ROLE_LABELS[role]}
                  {member.id === myId ? ' (vous)' : ''}
                </p>
                {error ? (
                  <p className="field__error" id={errorId} role="alert">
                    {error}
                  </p>
                ) : null}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="memberId" value={member.id} />
                  <input type="hidden" name="myId" value={myId ?? ''} />
                  <input type="hidden" name="role" value={role === 'ADMIN' ? 'MEMBER' : 'ADMIN'} />
                  <SubmitButton name="intent" value="role" className="button button--secondary" pendingText="Un instant…">
                    {role === 'ADMIN' ? `Retirer l’animation à ${member.displayName}` : `Confier l’animation à ${member.displayName}`}
                  </SubmitButton>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="memberId" value={member.id} />
                  <input type="hidden" name="myId" value={myId ?? ''} />
                  <SubmitButton name="intent" value="remove" className="button button--secondary" pendingText="Un instant…">
                    {`Retirer ${member.displayName} du groupe`}
                  </SubmitButton>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
