import { Form, Link, redirect } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, formRefusal, text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { currentSession, sessionContext } from '../session/session.server';
import type { Route } from './+types/reset-password';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const ResetPassword = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      id
    }
  }
`);

const LABELS = { newPassword: 'Nouveau mot de passe' };

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Choisir un nouveau mot de passe') }, { name: 'robots', content: 'noindex' }];

export function loader({ request }: Route.LoaderArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const token = text(form, 'token');
  const values = { token };
  if (!String(form.get('newPassword') ?? '')) return formRefusal({ newPassword: 'Choisissez un nouveau mot de passe.' }, values);
  const result = await gatewayRequest(context, ResetPassword, { token, newPassword: String(form.get('newPassword')) }, { session: null });
  if (!result.ok) return formFailure(result.failure, values);
  // Every session of the member ends with the reset (members): this browser's too.
  if (currentSession(context)) context.get(sessionContext).set(null);
  return redirect('/connexion?reinitialise=1', 303);
}

export default function ResetPasswordPage({ loaderData, actionData }: Route.ComponentProps) {
  if (!loaderData.token) {
    return (
      <div className="page page--narrow">
        <h1>Choisir un nouveau mot de passe</h1>
        <p>
          Ce lien est incomplet. Ouvrez le lien reçu par e-mail tel quel, ou <Link to="/mot-de-passe-oublie">demandez-en un nouveau</Link>.
        </p>
      </div>
    );
  }
  const tokenError = actionData?.fieldErrors.token;
  return (
    <div className="page page--narrow">
      <h1>Choisir un nouveau mot de passe</h1>
      <ErrorSummary result={actionData} labels={LABELS} />
      {tokenError ? (
        <p>
          <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
        </p>
      ) : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="token" value={loaderData.token} />
        {/* For password managers: the account the new password belongs to is not known here. */}
        <TextField
          name="newPassword"
          label={LABELS.newPassword}
          type="password"
          autoComplete="new-password"
          required
          result={actionData}
          hint="Au moins 10 caractères ; une phrase facile à retenir fait un bon mot de passe."
        />
        <SubmitButton pendingText="Enregistrement…">Enregistrer le nouveau mot de passe</SubmitButton>
      </Form>
    </div>
  );
}
