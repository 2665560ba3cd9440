import { Link, redirect } from 'react-router';
import { REPORT_REASON_LABELS, REPORTED_PARAM, ReportForm, type ReportTarget } from '../components/report-form';
import { graphql } from '../graphql/generated';
import type { ContentType, ReportReason } from '../graphql/generated/graphql';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues, localPath, text } from '../lib/forms.server';
import { retryAfterHeaders } from '../lib/headers';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/report';

export const headers = retryAfterHeaders;

const ReportContent = graphql(`
  mutation ReportContent($input: ReportContentInput!) {
    reportContent(input: $input) {
      id
    }
  }
`);

const TARGET_TYPES: readonly ReportTarget[] = ['EVENT', 'GROUP', 'MEMBER', 'GUIDE_ARTICLE', 'WATCH_ITEM', 'GROUP_MESSAGE', 'EVENT_MESSAGE'];

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Signaler un contenu') }, { name: 'robots', content: 'noindex' }];

/** The page itself is only where a refused report is shown again; a visit goes back home. */
export function loader() {
  return redirect('/');
}

/** Sends the report of the form on a page (components/report-form.tsx), then back to that page with a confirmation. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form);
  const returnTo = localPath(text(form, 'retour'), '/');
  if (!currentSession(context)) return redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
  const targetType = text(form, 'targetType') as ReportTarget;
  const targetId = text(form, 'targetId');
  const reason = text(form, 'reason');
  if (!TARGET_TYPES.includes(targetType) || !targetId) {
    return formRefusal({}, values, 'Ce contenu ne peut pas être signalé depuis cette page.');
  }
  if (!(reason in REPORT_REASON_LABELS)) return formRefusal({ reason: 'Choisissez la raison du signalement.' }, values);
  const details = text(form, 'details');
  const result = await gatewayRequest(context, ReportContent, {
    input: {
      targetType: targetType as ContentType,
      targetId,
      reason: reason as ReportReason,
      details: details || null,
      notifyOutcome: form.get('notifyOutcome') === 'oui',
    },
  });
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') return redirect(`/connexion?retour=${encodeURIComponent(returnTo)}`);
    return formFailure(result.failure, values);
  }
  const [path, query = ''] = returnTo.split('?');
  const params = new URLSearchParams(query);
  params.set(REPORTED_PARAM, 'envoye');
  return redirect(`${path}?${params.toString()}`, 303);
}

export default function ReportPage({ actionData }: Route.ComponentProps) {
  const values = actionData?.values ?? {};
  const targetType = (TARGET_TYPES as readonly string[]).includes(values.targetType ?? '') ? (values.targetType as ReportTarget) : 'EVENT';
  const returnTo = values.retour && values.retour.startsWith('/') && !values.retour.startsWith('//') ? values.retour : '/';
  return (
    <div className="page page--narrow">
      <h1>Signaler un contenu</h1>
      <p>
        <Link to={returnTo}>Revenir à la page</Link>
      </p>
      <ReportForm targetType={targetType} targetId={values.targetId ?? ''} returnTo={returnTo} result={actionData} />
    </div>
  );
}
