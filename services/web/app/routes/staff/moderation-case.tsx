import { nextDay, parisDayStart } from '@metropotes/french-time';
import { formatParisTime } from '../../lib/display-time';
import { data, Form, Link, redirect } from 'react-router';
import { ErrorSummary, SubmitButton, type FormResultView } from '../../components/form-fields';
import { ModerationTarget } from '../../components/moderation-target';
import { graphql } from '../../graphql/generated';
import type { ModerationAction } from '../../graphql/generated/graphql';
import { gatewayRequest, queryOrThrow } from '../../graphql/gateway.server';
import { formFailure, formRefusal, formValues, text } from '../../lib/forms.server';
import { retryAfterHeaders } from '../../lib/headers';
import { pageTitle } from '../../lib/meta';
import { ACTION_LABELS, CASE_STATUS_LABELS, CONTENT_TYPE_LABELS, oneOf, REASON_LABELS } from '../../lib/moderation-labels';
import { useStaffViewer } from '../../lib/staff-viewer';
import { staticPage } from '../../lib/static-page';
import { useNow } from '../../lib/use-now';
import { currentSession } from '../../session/session.server';
import { DecisionConfirmation } from './moderation';
import type { Route } from './+types/moderation-case';

export const handle = staticPage;
export const headers = retryAfterHeaders;

const ModerationCaseQuery = graphql(`
  query StaffModerationCase($id: ID!) {
    moderationCase(id: $id) {
      id
      status
      targetType
      targetId
      openedAt
      resolvedAt
      reportCount
      trustedReportCount
      assignee {
        id
        displayName
      }
      target {
        ...ModerationTarget
      }
      reports {
        id
        reason
        details
        createdAt
        reporter {
          id
          displayName
        }
      }
      decisions {
        id
        action
        reason
        createdAt
        automatic
        appliedAt
        requiresApplication
        suspendedUntil
        moderatorRole
        moderator {
          id
          displayName
        }
      }
    }
  }
`);

/** The first open case (the queue's order): after a decision, the next one to show. */
const NextOpenCaseQuery = graphql(`
  query StaffNextOpenCase {
    moderationQueue(filter: { status: OPEN }, first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`);

const DecideCase = graphql(`
  mutation StaffDecideCase($caseId: ID!, $input: DecideCaseInput!) {
    decideCase(caseId: $caseId, input: $input) {
      id
      status
    }
  }
`);

const AssignCase = graphql(`
  mutation StaffAssignCase($caseId: ID!, $memberId: ID) {
    assignCase(caseId: $caseId, memberId: $memberId) {
      id
      assignee {
        id
      }
    }
  }
`);

const LABELS = { action: 'Décision', reason: 'Motif', suspendedUntil: 'Fin de la suspension' };

/** Sanctions of a member (only a member's case offers them). */
const SANCTIONS: readonly ModerationAction[] = ['WARN', 'SUSPEND', 'BAN'];

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Dossier de modération') }, { name: 'robots', content: 'noindex' }];

export async function loader({ params, context }: Route.LoaderArgs) {
  const result = await queryOrThrow(context, ModerationCaseQuery, { id: params.id });
  if (!result.moderationCase) throw data({ message: "Ce dossier de modération n'existe pas." }, { status: 404 });
  return { moderationCase: result.moderationCase };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const here = `/equipe/moderation/${params.id}`;
  const session = currentSession(context);
  if (!session) return redirect(`/connexion?retour=${encodeURIComponent(here)}`);
  const form = await request.formData();
  const values = formValues(form);
  const intent = text(form, 'intent');

  if (intent === 'assign' || intent === 'unassign') {
    const result = await gatewayRequest(context, AssignCase, { caseId: params.id, memberId: intent === 'assign' ? session.member.id : null });
    if (!result.ok) return formFailure(result.failure, values);
    return redirect(here, 303);
  }

  const action = oneOf(ACTION_LABELS, text(form, 'action'));
  const reason = text(form, 'reason');
  const until = text(form, 'suspendedUntil');
  const errors: Record<string, string> = {};
  if (!action) errors.action = 'Choisissez une décision.';
  if (!reason) errors.reason = 'Indiquez le motif de la décision.';
  let suspendedUntil: Date | null = null;
  if (action === 'SUSPEND') {
    // The chosen day is the last one of the suspension: it ends when the next Paris day starts.
    suspendedUntil = until ? parisDayStart(nextDay(until)) : null;
    if (!suspendedUntil) errors.suspendedUntil = 'Indiquez le dernier jour de la suspension.';
  }
  if (Object.keys(errors).length) return formRefusal(errors, values);
  const result = await gatewayRequest(context, DecideCase, {
    caseId: params.id,
    input: { action: action!, reason, suspendedUntil: suspendedUntil?.toISOString() ?? null },
  });
  if (!result.ok) return formFailure(result.failure, values);
  // The next open case, with a confirmation of this decision; the queue when none is left.
  const next = await gatewayRequest(context, NextOpenCaseQuery, {});
  const nextId = next.ok ? next.data.moderationQueue.edges.find((edge) => edge.node.id !== params.id)?.node.id : undefined;
  const done = new URLSearchParams({ fait: action!, dossier: params.id });
  return redirect(nextId ? `/equipe/moderation/${nextId}?${done.toString()}` : `/equipe/moderation?${done.toString()}`, 303);
}

export default function ModerationCasePage({ loaderData, actionData }: Route.ComponentProps) {
  const { moderationCase: c } = loaderData;
  const viewer = useStaffViewer();
  const now = useNow();
  const result = actionData as FormResultView | undefined;
  const target = c.target;
  const targetIsStaff = target?.__typename === 'Member' && (target.role === 'STAFF' || target.role === 'ADMIN');
  // Sanctions are for a member; of a STAFF or ADMIN member, for admins only (the API refuses anyway).
  const actions = (Object.keys(ACTION_LABELS) as ModerationAction[]).filter(
    (a) => !SANCTIONS.includes(a) || (target?.__typename === 'Member' && (!targetIsStaff || viewer.role === 'ADMIN')),
  );
  const mine = c.assignee?.id === viewer.id;
  const chosen = result?.values.action ?? '';
  const reasonError = result?.fieldErrors.reason;
  const untilError = result?.fieldErrors.suspendedUntil;
  const actionError = result?.fieldErrors.action;
  const journal = new URLSearchParams({ type: c.targetType, cible: c.targetId });
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/equipe/moderation">Modération</Link>
      </p>
      <DecisionConfirmation nextShown />
      <h1>
        Dossier : {CONTENT_TYPE_LABELS[c.targetType].toLowerCase()} signalé{c.targetType === 'GUIDE_ARTICLE' ? 'e' : ''}
      </h1>
      <p>
        <strong>{CASE_STATUS_LABELS[c.status]}</strong> · ouvert {formatParisTime(c.openedAt, { now })}
        {c.resolvedAt ? ` · traité ${formatParisTime(c.resolvedAt, { now })}` : ''} · {c.reportCount} signalement{c.reportCount > 1 ? 's' : ''} (
        {c.trustedReportCount} de confiance)
      </p>

      <section aria-labelledby="titre-prise" className="mod-section">
        <h2 id="titre-prise">Prise en charge</h2>
        <p>{c.assignee ? (mine ? 'Vous vous en occupez.' : `${c.assignee.displayName} s'en occupe.`) : "Personne ne s'en occupe encore."}</p>
        <Form method="post">
          <SubmitButton className="button button--secondary" name="intent" value={mine ? 'unassign' : 'assign'}>
            {mine ? "Je ne m'en occupe plus" : "Je m'en occupe"}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="titre-contenu" className="mod-section">
        <h2 id="titre-contenu">Le contenu, tel que les membres le voyaient</h2>
        <ModerationTarget target={target} />
      </section>

      <section aria-labelledby="titre-signalements" className="mod-section">
        <h2 id="titre-signalements">Signalements</h2>
        <ul className="mod-reports">
          {c.reports.map((report) => (
            <li key={report.id}>
              <p>
                <strong>{REASON_LABELS[report.reason]}</strong> — {report.reporter?.displayName ?? 'un·e ancien·ne membre'},{' '}
                {formatParisTime(report.createdAt, { now })}
              </p>
              {report.details ? <blockquote>{report.details}</blockquote> : <p className="muted">Sans précisions.</p>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="titre-decider" className="mod-section">
        <h2 id="titre-decider">Décider</h2>
        {c.status === 'RESOLVED' ? (
          <p>Ce dossier est traité ; une nouvelle décision (par exemple rétablir le contenu) s'ajoute à son historique.</p>
        ) : null}
        <Form method="post" className="mod-decide">
          <ErrorSummary result={result} labels={LABELS} />
          <input type="hidden" name="intent" value="decide" />
          <fieldset className={`field${actionError ? ' field--error' : ''}`} aria-describedby={actionError ? 'champ-action-erreur' : undefined}>
            <legend id="champ-action">
              Décision<span className="field__required"> (obligatoire)</span>
            </legend>
            {actionError ? (
              <p className="field__error" id="champ-action-erreur">
                {actionError}
              </p>
            ) : null}
            {actions.map((a) => (
              <div className="choice" key={a}>
                <input type="radio" id={`decision-${a}`} name="action" value={a} defaultChecked={chosen === a} />
                <label htmlFor={`decision-${a}`}>{ACTION_LABELS[a]}</label>
              </div>
            ))}
          </fieldset>
          {actions.includes('SUSPEND') ? (
            <div className={`field${untilError ? ' field--error' : ''}`}>
              <label htmlFor="champ-suspendedUntil">{LABELS.suspendedUntil}</label>
              <p className="field__hint" id="champ-suspendedUntil-aide">
                Pour une suspension seulement : son dernier jour (heure de Paris).
              </p>
              {untilError ? (
                <p className="field__error" id="champ-suspendedUntil-erreur">
                  {untilError}
                </p>
              ) : null}
              <input
                type="date"
                id="champ-suspendedUntil"
                name="suspendedUntil"
                defaultValue={result?.values.suspendedUntil ?? ''}
                aria-invalid={untilError ? true : undefined}
                aria-describedby={['champ-suspendedUntil-aide', untilError ? 'champ-suspendedUntil-erreur' : null].filter(Boolean).join(' ')}
              />
            </div>
          ) : null}
          <div className={`field${reasonError ? ' field--error' : ''}`}>
            <label htmlFor="champ-reason">
              {LABELS.reason}
              <span className="field__required"> (obligatoire)</span>
            </label>
            <p className="field__hint" id="champ-reason-aide">
              Il reste dans l'historique et le journal ; un·e membre averti·e le lit.
            </p>
            {reasonError ? (
              <p className="field__error" id="champ-reason-erreur">
                {reasonError}
              </p>
            ) : null}
            <textarea
              id="champ-reason"
              name="reason"
              rows={3}
              maxLength={2000}
              aria-required="true"
              defaultValue={result?.values.reason ?? ''}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={['champ-reason-aide', reasonError ? 'champ-reason-erreur' : null].filter(Boolean).join(' ')}
            />
          </div>
          <SubmitButton pendingText="Enregistrement…">Enregistrer la décision</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="titre-historique" className="mod-section">
        <h2 id="titre-historique">Historique des décisions</h2>
        {c.decisions.length === 0 ? (
          <p>Aucune décision pour le moment.</p>
        ) : (
          <ol className="mod-history">
            {c.decisions.map((d) => (
              <li key={d.id}>
                <p>
                  <strong>{ACTION_LABELS[d.action]}</strong> — {formatParisTime(d.createdAt, { now })},{' '}
                  {d.automatic ? 'automatiquement (signalements de confiance)' : `par ${d.moderator?.displayName ?? 'un·e ancien·ne membre'}`}
                  {d.suspendedUntil ? `, jusqu'au ${formatParisTime(d.suspendedUntil, { now })}` : ''}
                </p>
                <p>Motif : {d.reason}</p>
                {d.requiresApplication ? (
                  <p className="muted">{d.appliedAt ? `Appliquée ${formatParisTime(d.appliedAt, { now })}.` : 'En cours d’application.'}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <p>
          <Link to={`/equipe/moderation/journal?${journal.toString()}`}>Le journal de ce contenu</Link>
        </p>
      </section>
    </div>
  );
}
