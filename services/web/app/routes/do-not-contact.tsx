import { Form } from 'react-router';
import { ErrorSummary, SubmitButton } from '../components/form-fields';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { formFailure, text } from '../lib/forms.server';
import { pageTitle } from '../lib/meta';
import type { Route } from './+types/do-not-contact';
import { retryAfterHeaders } from '../lib/headers';

export const headers = retryAfterHeaders;

const DeclineProspectContact = graphql(`
  mutation DeclineProspectContact($token: String!) {
    declineProspectContact(token: $token)
  }
`);

export const meta: Route.MetaFunction = () => [{ title: pageTitle('Ne plus être contacté·e') }, { name: 'robots', content: 'noindex' }];

/**
 * The do-not-contact link of an invitation e-mail opens this page; the refusal itself is a button (a POST): mail
 * scanners that follow links do not decide in the person's place.
 */
export function loader({ request }: Route.LoaderArgs) {
  return { token: new URL(request.url).searchParams.get('token') ?? '' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const token = text(form, 'token');
  const result = await gatewayRequest(context, DeclineProspectContact, { token }, { session: null });
  if (!result.ok) {
    const failure = { ...result.failure, message: result.failure.fieldErrors.token ?? result.failure.message, fieldErrors: {} };
    return formFailure(failure, { token });
  }
  return { declined: true as const };
}

export default function DoNotContact({ loaderData, actionData }: Route.ComponentProps) {
  if (actionData && 'declined' in actionData) {
    return (
      <div className="page page--narrow">
        <h1>C'est noté</h1>
        <p className="notice notice--success" role="status">
          Nous ne vous écrirons plus. Merci de nous l'avoir dit, et belle continuation !
        </p>
      </div>
    );
  }
  const token = actionData?.values.token ?? loaderData.token;
  return (
    <div className="page page--narrow">
      <h1>Ne plus être contacté·e</h1>
      <ErrorSummary result={actionData} labels={{}} />
      {token ? (
        <>
          <p>
            L'équipe des Métropotes vous a écrit pour vous inviter à rejoindre le réseau. Si vous ne souhaitez plus recevoir de message de notre part,
            confirmez-le : nous ne vous contacterons plus.
          </p>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <SubmitButton pendingText="Envoi…">Ne plus me contacter</SubmitButton>
          </Form>
        </>
      ) : (
        <p className="notice notice--error">Ce lien est incomplet : ouvrez-le tel qu'il figure dans l'e-mail que vous avez reçu.</p>
      )}
    </div>
  );
}
