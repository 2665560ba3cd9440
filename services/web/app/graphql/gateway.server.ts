import { data as dataResponse, type RouterContextProvider } from 'react-router';
import type { WebSession } from '../../server/session-seal';
import { sessionContext } from '../session/session.server';
import { webContext } from '../lib/web-context.server';
import type { TypedDocumentString } from './generated/graphql';

/**
 * What went wrong, as a person may read it: the API's French message (never an internal one), the message of each
 * input field the API named (`extensions.field`), and for RATE_LIMITED how many seconds to wait.
 */
export interface ApiFailure {
  code: string;
  message: string;
  fieldErrors: Record<string, string>;
  retryAfter?: number;
}

export type GatewayResult<T> = { ok: true; data: T } | { ok: false; data: T | null; failure: ApiFailure };

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: { code?: unknown; field?: unknown; retryAfter?: unknown };
}

const UNEXPECTED = 'Une erreur inattendue nous empêche de répondre. Réessayez dans un instant ; si elle revient, écrivez-nous.';
const UNAVAILABLE = 'Le service des Métropotes ne répond pas pour le moment. Réessayez dans un instant.';
/** Codes whose message the API writes for people (API-CONVENTIONS.md); any other code gets our own sentence. */
const SPOKEN_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/**
 * Sends one GraphQL document to the gateway, server-side: with the session's access token (unless `session` says
 * otherwise), the visitor's address (X-Forwarded-For) and the request id, so a page and the gateway's logs meet.
 * Never throws for an API refusal: the caller decides (a form shows it, a page turns it into an error page).
 */
export async function gatewayRequest<TResult, TVariables>(
  context: Readonly<RouterContextProvider>,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { session?: WebSession | null } = {},
): Promise<GatewayResult<TResult>> {
  const web = context.get(webContext);
  const session = options.session !== undefined ? options.session : context.get(sessionContext).current;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    'x-request-id': web.requestId,
    'x-forwarded-for': web.clientIp,
  };
  if (session) headers.authorization = `Bearer ${session.accessToken}`;
  let body: { data?: TResult | null; errors?: GraphQLErrorShape[] };
  const query = document.toString();
  const started = performance.now();
  try {
    const response = await fetch(web.gatewayUrl, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: variables ?? {} }),
      signal: AbortSignal.timeout(web.gatewayTimeoutMs),
    });
    body = (await response.json()) as typeof body;
    // A visitor's page is kept no longer than its gateway answers may be (their Cache-Control: the subgraphs' hints).
    web.pageCache?.gatewayAnswer(response.headers.get('cache-control'), response.headers.get('age'));
    web.logger.debug(
      {
        requestId: web.requestId,
        operation: operationName(query),
        status: response.status,
        cacheControl: response.headers.get('cache-control'),
        ms: Math.round(performance.now() - started),
      },
      'gateway request',
    );
  } catch (error) {
    web.pageCache?.spoil();
    // fetch's own message says little ("fetch failed"): its cause says what happened (a refused or closed connection).
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    web.logger.warn({ requestId: web.requestId, err: (error as Error).message, cause: cause?.code ?? cause?.message }, 'gateway unavailable');
    return { ok: false, data: null, failure: { code: 'SERVICE_UNAVAILABLE', message: UNAVAILABLE, fieldErrors: {} } };
  }
  if (!body.errors?.length && body.data) return { ok: true, data: body.data };
  const failure = failureOf(body.errors ?? []);
  if (failure.code === 'UNAUTHENTICATED' && session) context.get(sessionContext).set(null);
  if (!SPOKEN_CODES.has(failure.code)) {
    web.logger.warn({ requestId: web.requestId, code: failure.code }, 'gateway error');
  }
  return { ok: false, data: body.data ?? null, failure };
}

/** The operation's name, for the logs (`query Agenda(…)` → Agenda). */
const operationName = (query: string) => /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';

/** The first error decides the code and the message; every error naming a field gives that field its message. */
export function failureOf(errors: GraphQLErrorShape[]): ApiFailure {
  const first = errors[0] ?? {};
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
  const fieldErrors: Record<string, string> = {};
  for (const error of errors) {
    const field = error.extensions?.field;
    if (typeof field === 'string' && typeof error.message === 'string' && !(field in fieldErrors)) {
      fieldErrors[field.replace(/^input\./, '')] = error.message;
    }
  }
  const spoken = SPOKEN_CODES.has(code) && typeof first.message === 'string' && first.message.length > 0;
  const failure: ApiFailure = {
    code,
    message: spoken ? (first.message as string) : code === 'SERVICE_UNAVAILABLE' ? UNAVAILABLE : UNEXPECTED,
    fieldErrors,
  };
  if (typeof first.extensions?.retryAfter === 'number') failure.retryAfter = first.extensions.retryAfter;
  return failure;
}

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  BAD_USER_INPUT: 400,
};

/** What an error page shows: a French message and the HTTP status it goes with. */
export interface PageError {
  message: string;
}

/** For loaders: the data, or the API's refusal thrown as an error response the error boundary shows in French. */
export async function queryOrThrow<TResult, TVariables>(
  context: Readonly<RouterContextProvider>,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const result = await gatewayRequest(context, document, variables);
  if (result.ok) return result.data;
  throw failureResponse(result.failure);
}

export function failureResponse(failure: ApiFailure) {
  const headers: HeadersInit = failure.retryAfter ? { 'retry-after': String(failure.retryAfter) } : {};
  return dataResponse<PageError>({ message: failure.message }, { status: STATUS[failure.code] ?? 500, headers });
}
