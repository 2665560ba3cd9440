import { Form, Link, redirect } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues, localPath, text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { currentSession, sessionContext } from '../session/session.server';
import { sessionFrom } from '../../server/session-seal';
import type { Route } from './+types/log-in';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const LogIn = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      accessToken
      refreshToken
      member {
        id
        displayName
      }
    }
  }
`);

const LABELS = { email: 'Adresse e-mail', password: 'Mot de passe' };

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Se connecter') }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const back = localPath(url.searchParams.get('retour'));
  if (currentSession(context)) throw redirect(back);
  return { back, reset: url.searchParams.has('reinitialise') };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const values = formValues(form, ['password']);
  const password = text(form, 'password');
  const missing: Record<string, string> = {};
  if (!values.email) missing.email = 'Indiquez votre adresse e-mail.';
  if (!password) missing.password = 'Indiquez votre mot de passe.';
  if (Object.keys(missing).length) return formRefusal(missing, values);
  const result = await gatewayRequest(context, LogIn, { email: values.email!, password: String(form.get('password')) }, { session: null });
  if (!result.ok) return formFailure(result.failure, values);
  context.get(sessionContext).set(sessionFrom(result.data.logIn));
  return redirect(localPath(values.retour), 303);
}

export default function LogInPage({ loaderData, actionData }: Route.ComponentProps) {
  return (
    <div className="page page--narrow">
      <h1>Se connecter</h1>
      {loaderData.reset ? (
        <p className="notice notice--success" role="status">
          Votre mot de passe a été changé : connectez-vous avec le nouveau.
        </p>
      ) : null}
      <ErrorSummary result={actionData} labels={LABELS} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="retour" value={loaderData.back} />
        <TextField name="email" label={LABELS.email} type="email" autoComplete="email" required result={actionData} />
        <TextField name="password" label={LABELS.password} type="password" autoComplete="current-password" required result={actionData} />
        <SubmitButton pendingText="Connexion…">Se connecter</SubmitButton>
      </Form>
      <p>
        <Link to="/mot-de-passe-oublie">Mot de passe oublié ?</Link>
      </p>
      <p>
        Pas encore Métropote ? <Link to="/inscription">Rejoindre le réseau</Link>
      </p>
    </div>
  );
}
