import { formatParisTime } from '../../lib/display-time';
import { data, Form, Link, redirect, useSearchParams } from 'react-router';
import { ErrorSummary, SubmitButton, type FormResultView } from '../../components/form-fields';
import { REPORT_REASON_LABELS } from '../../components/report-form';
import { graphql } from '../../graphql/generated';
import type { MemberRole } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { VISIBILITY_LABELS } from '../../lib/member-labels';
import { pageTitle } from '../../lib/meta';
import { CASE_STATUS_LABELS, MODERATION_ACTION_LABELS, ROLE_LABELS, weeksLabel, weeksSince } from '../../lib/staff-labels';
import { useStaffViewer } from '../../lib/staff-viewer';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import type { Route } from './+types/member';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One member as staff see them, and the moderation cases about them, in one request. */
const StaffMemberQuery = graphql(`
  query StaffMember($id: ID!) {
    member(id: $id) {
      id
      displayName
      email
      emailVerified
      role
      joinedAt
      profileVisibility
      neighbourhood
      commune {
        name
      }
      isNewcomer
      welcomedAt
      welcomeNote
      welcomedBy {
        displayName
      }
      buddy {
        id
        displayName
      }
      suggestedBuddies(first: 5) {
        id
        displayName
        commune {
          name
        }
      }
      moderationState
      warnings {
        id
        reason
        createdAt
      }
      moderationHistory {
        id
        action
        reason
        automatic
        createdAt
        suspendedUntil
        moderator {
          displayName
        }
      }
    }
    moderationQueue(filter: { targetType: MEMBER, targetId: $id }, first: 10) {
      totalCount
      edges {
        node {
          id
          status
          reportCount
          openedAt
          resolvedAt
          reports {
            id
            reason
            details
            createdAt
          }
        }
      }
    }
  }
`);

const StaffSetMemberRole = graphql(`
  mutation StaffSetMemberRole($memberId: ID!, $role: MemberRole!) {
    setMemberRole(memberId: $memberId, role: $role) {
      id
      role
    }
  }
`);

const StaffAssignBuddy = graphql(`
  mutation StaffAssignBuddy($memberId: ID!, $buddyId: ID!) {
    assignBuddy(memberId: $memberId, buddyId: $buddyId) {
      id
    }
  }
`);

const StaffWelcomeMember = graphql(`
  mutation StaffWelcomeMember($memberId: ID!, $note: String) {
    welcomeMember(memberId: $memberId, note: $note) {
      id
    }
  }
`);

const ROLES = Object.keys(ROLE_LABELS) as MemberRole[];

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: pageTitle(`${loaderData?.member.displayName ?? 'Membre'} – console`) },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ params, context }: Route.LoaderArgs) {
  if (!UUID.test(params.id)) throw data({ message: 'Ce membre est introuvable.' }, { status: 404 });
  const result = await queryOrThrow(context, StaffMemberQuery, { id: params.id });
  if (!result.member) throw data({ message: 'Ce membre est introuvable.' }, { status: 404 });
  return { member: result.member, cases: result.moderationQueue.edges.map((edge) => edge.node), caseCount: result.moderationQueue.totalCount };
}

type ActionResult = FormResultView & { intent: string };

export async function action({ request, params, context }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = text(form, 'intent');
  const values = formValues(form);
  const refused = (response: ReturnType<typeof formFailure>) => data<ActionResult>({ ...response.data, intent }, response.init ?? undefined);
  const memberId = params.id;
  if (intent === 'role') {
    const role = text(form, 'role');
    if (!(ROLES as string[]).includes(role)) return refused(formRefusal({ role: 'Choisissez un rôle.' }, values));
    // The API refuses anyone but an admin (FORBIDDEN): the form is shown to admins only, a forged one gets the refusal.
    const result = await gatewayRequest(context, StaffSetMemberRole, { memberId, role: role as MemberRole });
    return result.ok ? redirect(`/equipe/membres/${memberId}?fait=role`, 303) : refused(formFailure(result.failure, values));
  }
  if (intent === 'buddy') {
    const buddyId = text(form, 'buddyId');
    if (!buddyId) return refused(formRefusal({ buddyId: 'Choisissez un binôme parmi les suggestions.' }, values));
    const result = await gatewayRequest(context, StaffAssignBuddy, { memberId, buddyId });
    return result.ok ? redirect(`/equipe/membres/${memberId}?fait=binome`, 303) : refused(formFailure(result.failure, values));
  }
  if (intent === 'welcome') {
    const result = await gatewayRequest(context, StaffWelcomeMember, { memberId, note: text(form, 'note') || null });
    return result.ok ? redirect('/equipe/accueil?fait=accueil&n=1', 303) : refused(formFailure(result.failure, values));
  }
  return refused(formRefusal({}, values, "Cette action n'existe pas."));
}

const DONE: Record<string, string> = {
  role: 'Le rôle a changé : ses sessions en cours se terminent, le nouveau rôle vaut à sa prochaine connexion.',
  binome: 'Le binôme est choisi.',
};

export default function StaffMember({ loaderData, actionData }: Route.ComponentProps) {
  const { member, cases, caseCount } = loaderData;
  const viewer = useStaffViewer();
  const now = useNow();
  const [searchParams] = useSearchParams();
  const done = DONE[searchParams.get('fait') ?? ''];
  const resultFor = (intent: string) => (actionData && actionData.intent === intent ? actionData : undefined);
  const roleResult = resultFor('role');
  const buddyResult = resultFor('buddy');
  const welcomeResult = resultFor('welcome');
  const suggestions = member.suggestedBuddies ?? [];
  return (
    <div className="page staff-member">
      <p>
        <Link to="/equipe/membres">← Tous les membres</Link>
      </p>
      <h1>{member.displayName}</h1>
      <div role="status">{done ? <p className="notice notice--success">{done}</p> : null}</div>

      <dl className="staff-facts">
        <dt>Rôle</dt>
        <dd>{ROLE_LABELS[member.role]}</dd>
        <dt>Adresse e-mail</dt>
        <dd>
          {member.email ?? '—'}
          {member.emailVerified === false ? ' (non confirmée)' : ''}
        </dd>
        <dt>Commune</dt>
        <dd>{[member.neighbourhood, member.commune?.name].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Inscription</dt>
        <dd>
          {formatParisTime(member.joinedAt, { now, style: 'date' })} ({weeksLabel(weeksSince(member.joinedAt, now))})
        </dd>
        <dt>Profil visible par</dt>
        <dd>{VISIBILITY_LABELS[member.profileVisibility]}</dd>
        <dt>Accueil</dt>
        <dd>
          {member.isNewcomer
            ? 'Pas encore accueilli·e'
            : member.welcomedAt
              ? `Accueilli·e le ${formatParisTime(member.welcomedAt, { now, style: 'date' })}${member.welcomedBy ? ` par ${member.welcomedBy.displayName}` : ''}`
              : 'Accueilli·e'}
          {member.welcomeNote ? (
            <>
              <br />
              Note : {member.welcomeNote}
            </>
          ) : null}
        </dd>
        <dt>Binôme</dt>
        <dd>{member.buddy ? <Link to={`/equipe/membres/${member.buddy.id}`}>{member.buddy.displayName}</Link> : 'Aucun'}</dd>
        <dt>Modération</dt>
        <dd>{member.moderationState === 'HIDDEN' ? 'Profil masqué' : 'Profil visible'}</dd>
      </dl>

      {member.isNewcomer ? (
        <section aria-labelledby="titre-accueil" className="staff-panel">
          <h2 id="titre-accueil">Accueillir</h2>
          <Form method="post" className="staff-form">
            <ErrorSummary result={buddyResult} labels={{ buddyId: 'Binôme' }} />
            <input type="hidden" name="intent" value="buddy" />
            {suggestions.length === 0 ? (
              <p>Aucun binôme suggéré : personne d'accueilli dans son territoire ne partage ses centres d'intérêt.</p>
            ) : (
              <fieldset className="choices" aria-describedby={buddyResult?.fieldErrors.buddyId ? 'champ-buddyId-erreur' : undefined}>
                <legend>Binôme suggéré (même territoire, intérêts communs)</legend>
                {buddyResult?.fieldErrors.buddyId ? (
                  <p className="field__error" id="champ-buddyId-erreur">
                    {buddyResult.fieldErrors.buddyId}
                  </p>
                ) : null}
                {suggestions.map((buddy, index) => (
                  <div key={buddy.id} className="choices__item">
                    <input
                      type="radio"
                      name="buddyId"
                      value={buddy.id}
                      id={index === 0 ? 'champ-buddyId' : `binome-${buddy.id}`}
                      defaultChecked={member.buddy?.id === buddy.id}
                    />
                    <label htmlFor={index === 0 ? 'champ-buddyId' : `binome-${buddy.id}`}>
                      {buddy.displayName}
                      {buddy.commune ? ` (${buddy.commune.name})` : ''}
                    </label>
                  </div>
                ))}
              </fieldset>
            )}
            {suggestions.length ? <SubmitButton className="button button--secondary">Choisir ce binôme</SubmitButton> : null}
          </Form>
          <Form method="post" className="staff-form">
            <ErrorSummary result={welcomeResult} labels={{ note: "Note d'accueil" }} />
            <input type="hidden" name="intent" value="welcome" />
            <div className={`field${welcomeResult?.fieldErrors.note ? ' field--error' : ''}`}>
              <label htmlFor="champ-note">Note d'accueil (pour l'équipe)</label>
              {welcomeResult?.fieldErrors.note ? (
                <p className="field__error" id="champ-note-erreur">
                  {welcomeResult.fieldErrors.note}
                </p>
              ) : null}
              <textarea
                id="champ-note"
                name="note"
                rows={3}
                maxLength={2000}
                defaultValue={welcomeResult?.values.note ?? ''}
                aria-describedby={welcomeResult?.fieldErrors.note ? 'champ-note-erreur' : undefined}
              />
            </div>
            <SubmitButton>Marquer comme accueilli·e</SubmitButton>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="titre-moderation">
        <h2 id="titre-moderation">Avertissements et sanctions</h2>
        {member.moderationHistory?.length ? (
          <ul className="staff-history">
            {member.moderationHistory.map((decision) => (
              <li key={decision.id}>
                <strong>{MODERATION_ACTION_LABELS[decision.action]}</strong>, {formatParisTime(decision.createdAt, { now })}
                {decision.suspendedUntil ? ` (jusqu'au ${formatParisTime(decision.suspendedUntil, { now })})` : ''}
                {decision.automatic ? ', automatique' : decision.moderator ? `, par ${decision.moderator.displayName}` : ''} : {decision.reason}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune sanction.</p>
        )}
        {member.warnings?.length ? (
          <>
            <h3>Avertissements reçus</h3>
            <ul className="staff-history">
              {member.warnings.map((warning) => (
                <li key={warning.id}>
                  {formatParisTime(warning.createdAt, { now })} : {warning.reason}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="titre-signalements">
        <h2 id="titre-signalements">Signalements à son sujet</h2>
        {cases.length === 0 ? (
          <p>Aucun signalement.</p>
        ) : (
          <ul className="staff-history">
            {cases.map((moderationCase) => (
              <li key={moderationCase.id}>
                <strong>Dossier {CASE_STATUS_LABELS[moderationCase.status].toLowerCase()}</strong> depuis le{' '}
                {formatParisTime(moderationCase.openedAt, { now })}, {moderationCase.reportCount} signalement
                {moderationCase.reportCount > 1 ? 's' : ''}
                <ul>
                  {moderationCase.reports.map((report) => (
                    <li key={report.id}>
                      {REPORT_REASON_LABELS[report.reason]}
                      {report.details ? ` : « ${report.details} »` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {caseCount > cases.length ? (
          <p className="muted">
            Les {cases.length} premiers dossiers sur {caseCount} (les ouverts d’abord).
          </p>
        ) : null}
      </section>

      {viewer.role === 'ADMIN' ? (
        <section aria-labelledby="titre-role" className="staff-panel">
          <h2 id="titre-role">Changer le rôle</h2>
          <Form method="post" className="staff-form">
            <ErrorSummary result={roleResult} labels={{ role: 'Rôle' }} />
            <input type="hidden" name="intent" value="role" />
            <div className={`field${roleResult?.fieldErrors.role ? ' field--error' : ''}`}>
              <label htmlFor="champ-role">Rôle</label>
              {roleResult?.fieldErrors.role ? (
                <p className="field__error" id="champ-role-erreur">
                  {roleResult.fieldErrors.role}
                </p>
              ) : null}
              <select
                id="champ-role"
                name="role"
                defaultValue={roleResult?.values.role ?? member.role}
                aria-describedby={roleResult?.fieldErrors.role ? 'champ-role-erreur' : undefined}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton>Changer le rôle</SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
