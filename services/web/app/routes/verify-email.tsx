import { Form, Link } from 'react-router';
import { ErrorSummary, SubmitButton } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import { currentSession } from '../session/session.server';
import type { Route } from './+types/verify-email';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const VerifyEmail = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      displayName
    }
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Confirmer mon adresse e-mail') }, { name: 'robots', content: 'noindex' }];

/**
 * The link of the confirmation e-mail opens this page; the confirmation itself is a button (a POST): mail scanners
 * that follow links do not confirm an address in the member's place.
 */
export function loader({ request, context }: Route.LoaderArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return { token, signedIn: currentSession(context) !== null };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const token = text(form, 'token');
  const result = await gatewayRequest(context, VerifyEmail, { token });
  if (!result.ok) {
    const failure = { ...result.failure, message: result.failure.fieldErrors.token ?? result.failure.message, fieldErrors: {} };
    return formFailure(failure, { token });
  }
  return { confirmed: true as const, displayName: result.data.verifyEmail.displayName };
}

export default function VerifyEmailPage({ loaderData, actionData }: Route.ComponentProps) {
  if (actionData && 'confirmed' in actionData) {
    return (
      <div className="page page--narrow">
        <h1>Adresse e-mail confirmée</h1>
        <p className="notice notice--success" role="status">
          Merci {actionData.displayName} : votre adresse e-mail est confirmée.
        </p>
        {loaderData.signedIn ? (
          <p>
            Vous êtes connecté·e. <Link to="/moi">Aller à mon espace</Link> ou <Link to="/agenda">voir l'agenda</Link>.
          </p>
        ) : (
          <p>
            <Link className="button" to="/connexion">
              Se connecter
            </Link>
          </p>
        )}
      </div>
    );
  }
  const failed = actionData && 'fieldErrors' in actionData ? actionData : undefined;
  return (
    <div className="page page--narrow">
      <h1>Confirmer mon adresse e-mail</h1>
      <ErrorSummary result={failed} labels={{}} />
      {loaderData.token ? (
        <>
          <p>Un dernier geste pour finir votre inscription : confirmez que cette adresse e-mail est bien la vôtre.</p>
          <Form method="post">
            <input type="hidden" name="token" value={loaderData.token} />
            <SubmitButton pendingText="Confirmation…">Confirmer mon adresse</SubmitButton>
          </Form>
        </>
      ) : (
        <p>
          Ce lien est incomplet. Ouvrez le lien reçu par e-mail tel quel, ou demandez-en un nouveau depuis <Link to="/moi">votre espace</Link>.
        </p>
      )}
    </div>
  );
}
