import { Form, Link } from 'react-router';
import { ErrorSummary, SubmitButton, TextField } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, formRefusal, formValues } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/forgot-password';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const RequestPasswordReset = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

const LABELS = { email: 'Adresse e-mail' };

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Mot de passe oublié') }];

export async function action({ request, context }: Route.ActionArgs) {
  const values = formValues(await request.formData());
  if (!values.email) return formRefusal({ email: 'Indiquez l’adresse e-mail de votre compte.' }, values);
  const result = await gatewayRequest(context, RequestPasswordReset, { email: values.email }, { session: null });
  if (!result.ok) return formFailure(result.failure, values);
  return { sent: true as const, email: values.email };
}

export default function ForgotPasswordPage({ actionData }: Route.ComponentProps) {
  if (actionData && 'sent' in actionData) {
    return (
      <div className="page page--narrow">
        <h1>Vérifiez votre messagerie</h1>
        <p className="notice notice--success" role="status">
          Si un compte existe pour {actionData.email}, nous venons de lui envoyer un lien pour choisir un nouveau mot de passe. Il est valable une
          heure.
        </p>
        <p>
          Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou <Link to="/mot-de-passe-oublie">recommencez</Link>.
        </p>
      </div>
    );
  }
  const result = actionData && 'fieldErrors' in actionData ? actionData : undefined;
  return (
    <div className="page page--narrow">
      <h1>Mot de passe oublié</h1>
      <p>Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
      <ErrorSummary result={result} labels={LABELS} />
      <Form method="post" className="form" noValidate>
        <TextField name="email" label={LABELS.email} type="email" autoComplete="email" required result={result} />
        <SubmitButton pendingText="Envoi…">Recevoir le lien</SubmitButton>
      </Form>
      <p>
        <Link to="/connexion">Revenir à la connexion</Link>
      </p>
    </div>
  );
}
