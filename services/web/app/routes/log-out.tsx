import { redirect } from 'react-router';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { currentSession, sessionContext } from '../session/session.server';
import type { Route } from './+types/log-out';

const LogOut = graphql(`
  mutation LogOut($refreshToken: String!) {
    logOut(refreshToken: $refreshToken)
  }
`);

/** Log-out is a POST (a link could be followed by anyone's page): revokes the refresh token, clears the cookie. */
export async function action({ context }: Route.ActionArgs) {
  const session = currentSession(context);
  if (session) {
    // Revoked at members (the whole family: this browser's session); the cookie goes whatever the answer.
    await gatewayRequest(context, LogOut, { refreshToken: session.refreshToken });
    context.get(sessionContext).set(null);
  }
  return redirect('/?deconnecte=1', 303);
}

export function loader() {
  return redirect('/moi');
}
