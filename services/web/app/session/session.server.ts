import { createContext, createCookie, type MiddlewareFunction, type RouterContextProvider } from 'react-router';
import { SESSION_MAX_AGE_SECONDS, sessionCookieName, sessionFrom, type WebSession } from '../../server/session-seal';
import { graphql } from '../graphql/generated';
import { gatewayRequest } from '../graphql/gateway.server';
import { webContext } from '../lib/web-context.server';

/** The visitor's session during one request; actions replace it (log-in, log-out), the middleware writes the cookie. */
export class SessionHandle {
  changed = false;
  constructor(public current: WebSession | null) {}
  set(session: WebSession | null): void {
    this.current = session;
    this.changed = true;
  }
}

export const sessionContext = createContext<SessionHandle>();

/** Refresh when the access token has less than this left, so that it does not expire during the request. */
const REFRESH_LEEWAY_MS = 60_000;

const RefreshSession = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      member {
        id
        displayName
      }
    }
  }
`);

/**
 * The cookie: httpOnly (no script reads it), SameSite=Lax, Secure and `__Host-` prefixed in production (HTTPS only,
 * this host only). Its value is the sealed session (server/session-seal.ts); nothing about it is kept server-side.
 */
function sessionCookie(production: boolean) {
  return createCookie(sessionCookieName(production), {
    httpOnly: true,
    sameSite: 'lax',
    secure: production,
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/**
 * Root middleware: opens the sealed cookie, refreshes the tokens when the access token is about to expire (members
 * rotates the refresh token), and on the way out writes the cookie again if the session changed — or clears it.
 */
export const sessionMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const web = context.get(webContext);
  const cookie = sessionCookie(web.production);
  const sealed: unknown = await cookie.parse(request.headers.get('cookie'));
  let session = typeof sealed === 'string' ? await web.sessions.unseal(sealed) : null;
  const handle = new SessionHandle(session);
  // A cookie that no longer opens (another key, tampered with, expired): cleared.
  if (sealed && !session) handle.set(null);
  context.set(sessionContext, handle);
  if (session && session.accessExpiresAt - Date.now() < REFRESH_LEEWAY_MS) {
    session = await refreshed(context, session);
    handle.set(session);
  }
  const response = await next();
  if (handle.changed) {
    const value = handle.current ? await cookie.serialize(await web.sessions.seal(handle.current)) : await cookie.serialize('', { maxAge: 0 });
    response.headers.append('set-cookie', value);
  }
  // Pages carry who is signed in: never cached by a shared cache.
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-cache');
  return response;
};

async function refreshed(context: Readonly<RouterContextProvider>, session: WebSession): Promise<WebSession | null> {
  const web = context.get(webContext);
  const result = await web.refreshes.run(session.refreshToken, () =>
    gatewayRequest(context, RefreshSession, { refreshToken: session.refreshToken }, { session: null }),
  );
  if (result.ok) return sessionFrom(result.data.refreshSession);
  // The session is over (revoked, expired, account closed): the visitor is anonymous. The gateway being down is not
  // a reason to sign them out: keep the tokens and try again at the next request.
  if (result.failure.code === 'SERVICE_UNAVAILABLE') return session;
  web.logger.info({ requestId: web.requestId, code: result.failure.code }, 'session not refreshed');
  return null;
}

/** The signed-in member's session, or null. */
export function currentSession(context: Readonly<RouterContextProvider>): WebSession | null {
  return context.get(sessionContext).current;
}
