import { redirect, type RouterContextProvider } from 'react-router';
import { plainPage } from '../../server/plain-page';
import { currentSession } from '../session/session.server';
import { webContext } from './web-context.server';

const REQUEST_HEADERS = ['accept', 'accept-language', 'content-type', 'if-none-match', 'if-modified-since', 'user-agent'];
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified'];

/**
 * Forwards one request of the board to the gateway with the session's access token, added here and never shown to
 * the page. A visitor without a session is sent to log in; the gateway decides the rest (a member: 403; any change:
 * 403, the board is read-only), and its refusal of the board's page shows as a French page.
 */
export async function forwardToQueueBoard(request: Request, context: Readonly<RouterContextProvider>): Promise<Response> {
  const url = new URL(request.url);
  const session = currentSession(context);
  if (!session) {
    if (request.method !== 'GET') return new Response('Connectez-vous.', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    throw redirect(`/connexion?retour=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const web = context.get(webContext);
  const headers: Record<string, string> = {
    authorization: `Bearer ${session.accessToken}`,
    'x-request-id': web.requestId,
    'x-forwarded-for': web.clientIp,
  };
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  let upstream: Response;
  try {
    upstream = await fetch(new URL(url.pathname + url.search, web.gatewayUrl), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer(),
      redirect: 'manual',
      signal: AbortSignal.timeout(web.gatewayTimeoutMs),
    });
  } catch (error) {
    web.logger.warn({ requestId: web.requestId, err: (error as Error).message }, 'queue board unavailable');
    return htmlPage(503, 'Service indisponible', 'Le tableau des files de tâches ne répond pas pour le moment. Réessayez dans un instant.');
  }
  const isPage = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
  if (isPage && (upstream.status === 401 || upstream.status === 403)) {
    const text = await upstream.text();
    return htmlPage(403, 'Accès refusé', text || "Cette page est réservée à l'équipe d'animation.");
  }
  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) out.set(name, value);
  }
  if (!out.has('cache-control')) out.set('cache-control', 'private, no-store');
  return new Response(upstream.status === 304 ? null : await upstream.arrayBuffer(), { status: upstream.status, headers: out });
}

function htmlPage(status: number, title: string, text: string): Response {
  return new Response(plainPage(title, text), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' },
  });
}
