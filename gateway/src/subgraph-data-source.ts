import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayCacheHint, GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from '@metropotes/graphql-kit';
import { GraphQLError } from 'graphql';
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import type { GatewayContext } from './context';

/** GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is a type only in @apollo/gateway's CommonJS build). */
const INCOMING_OPERATION = 'incoming operation' as GraphQLDataSourceProcessOptions['kind'];

/**
 * The gateway's hop to one subgraph: forwards the (already verified) access token and the request id, proves it is
 * the gateway with the subgraph's secret, and gives up after a timeout.
 *
 * It does what Apollo's `RemoteGraphQLDataSource` did for us (same headers, body, errors and cache policy), without
 * its fetch machinery: a profile of the gateway under load on a single-subgraph query showed undici's `fetch` (WHATWG
 * Request and Headers objects, web streams for the body) as a quarter of the gateway's CPU, and after it, node-fetch
 * `Headers` and `Request` objects (with a legacy `url.parse`) that `RemoteGraphQLDataSource` builds for every request
 * and that nothing here reads. So: headers as a plain object, one undici `Dispatcher.request` on a keep-alive agent,
 * the answer read whole as text (GraphQL answers are small and always read whole) and parsed.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  /** Keep-alive connections to the subgraph, in a bounded pool. */
  readonly agent = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 });
  private readonly origin: string;
  private readonly path: string;

  /** Anonymous reads under way, by subgraph request: identical ones share one request (`process`). */
  private readonly inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs: number,
  ) {
    const { origin, pathname, search } = new URL(url);
    this.origin = origin;
    this.path = `${pathname}${search}`;
  }

  /**
   * Identical anonymous reads at the same moment (a page everyone opens, a cache just emptied) make one subgraph
   * request: the others wait for it and get a copy of its answer. Their own response is not cached (only the first
   * one's is), and is marked uncacheable, the Cache-Control header of the shared answer being the first one's.
   */
  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const ctx = options.context as Partial<GatewayContext>;
    const incoming = options.kind === INCOMING_OPERATION && 'incomingRequestContext' in options ? options.incomingRequestContext : null;
    if (!incoming || incoming.operation?.operation !== 'query' || ctx.authorization) return this.send(options);
    const key = JSON.stringify([options.request.query, options.request.variables ?? null]);
    const pending = this.inFlight.get(key);
    if (pending) {
      const shared = await pending;
      const policy = incoming.overallCachePolicy;
      if ('restrict' in policy) policy.restrict({ maxAge: 0 });
      return { data: structuredClone(shared.data), errors: structuredClone(shared.errors), extensions: structuredClone(shared.extensions) };
    }
    const request = this.send(options);
    this.inFlight.set(key, request);
    try {
      return await request;
    } finally {
      this.inFlight.delete(key);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * One request to the subgraph, as `RemoteGraphQLDataSource.process` made it (without APQ, which we never used):
   * POST of the GraphQL request as JSON; a non-2xx answer, an answer that is not a JSON object, a network error or a
   * timeout is an error (`errorFromResponse`, `unavailable`); the answer's Cache-Control header restricts the
   * incoming request's cache policy.
   */
  private async send(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const headers = this.headers(options);
    if (!request.query) throw new Error('Missing query');
    // Only the GraphQL request is sent; its `http` (the headers Apollo asks for) is not.
    const { http: _http, ...payload } = request;
    let status: number | undefined;
    let cacheControl: string | string[] | undefined;
    let body: unknown;
    try {
      const answer = await this.agent.request({
        origin: this.origin,
        path: this.path,
        method: 'POST',
        headers,
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = answer.statusCode;
      cacheControl = answer.headers['cache-control'];
      body = parseBody(answer.headers['content-type'], await answer.body.text());
      if (status < 200 || status >= 300) throw this.errorFromResponse(status, body);
      if (!isObject(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    } catch (error) {
      throw this.unavailable(error, status);
    }
    const policy: GatewayCachePolicy | undefined =
      options.kind === INCOMING_OPERATION && 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (policy && 'restrict' in policy) policy.restrict(cacheHint(Array.isArray(cacheControl) ? cacheControl.join(', ') : cacheControl));
    return body as GatewayGraphQLResponse;
  }

  /**
   * The headers of a subgraph request: those Apollo's gateway asks for (`request.http.headers`, such as the trace
   * request of federated tracing), the content type, the gateway's secret, the request id and the verified token.
   * Names in lower case, as HTTP/1.1 sends them (and as a fetch `Headers` object gave them).
   */
  private headers({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) {
      const key = name.toLowerCase();
      headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    }
    headers['content-type'] = 'application/json';
    if (this.secret) headers[GATEWAY_SECRET_HEADER] = this.secret;
    const ctx = context as Partial<GatewayContext>;
    if (ctx.requestId) headers[REQUEST_ID_HEADER] = ctx.requestId;
    if (ctx.authorization) headers.authorization = ctx.authorization;
    return headers;
  }

  /**
   * The error of a non-2xx answer, as `RemoteGraphQLDataSource.errorFromResponse` builds it ("<status>: <status
   * text>", the answer in `extensions.response`, UNAUTHENTICATED or FORBIDDEN for a 401 or a 403) — except a subgraph
   * refusing the request's values with HTTP 400 (one of our custom scalars, such as DateTime, the gateway cannot check
   * itself), which answers a GraphQL error: the client gets that refusal, not "400: Bad Request".
   */
  private errorFromResponse(status: number, body: unknown): GraphQLError {
    const first = status === 400 ? (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | null)?.errors?.[0] : undefined;
    const code = first?.extensions?.code;
    if (typeof first?.message === 'string' && (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED')) {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    const statusText = STATUS_CODES[status] ?? '';
    return new GraphQLError(`${status}: ${statusText}`, {
      extensions: {
        response: { url: this.url, status, statusText, body },
        ...(status === 401 ? { code: 'UNAUTHENTICATED' } : status === 403 ? { code: 'FORBIDDEN' } : {}),
      },
    });
  }

  /**
   * A subgraph that does not answer (down, timeout, 5xx, an answer that is not GraphQL) yields an error naming it;
   * other fields still resolve. A refusal (a GraphQL error of a 4xx answer) is the client's to read, as it is.
   */
  private unavailable(error: unknown, status: number | undefined): unknown {
    if (error instanceof GraphQLError && error.extensions?.code !== 'INTERNAL_SERVER_ERROR' && status !== undefined && status < 500) {
      return error;
    }
    return new GraphQLError(
      `Le service « ${this.name} » ne répond pas pour le moment : une partie de la réponse manque. Réessayez dans un instant.`,
      {
        extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: this.name },
        originalError: error instanceof Error ? error : undefined,
      },
    );
  }
}

/** The body of an answer: parsed when its content type says JSON (as `RemoteGraphQLDataSource.parseBody`), else text. */
function parseBody(contentType: string | string[] | undefined, text: string): unknown {
  const type = Array.isArray(contentType) ? contentType.join(', ') : contentType;
  return type?.startsWith('application/json') || type?.startsWith('application/graphql-response+json') ? JSON.parse(text) : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The cache hint of a subgraph answer's Cache-Control header, as `RemoteGraphQLDataSource.respond` reads it: max-age
 * (0 without one), `private` or `public` (the latter winning). No header: max-age 0, the whole answer uncacheable.
 */
function cacheHint(header: string | undefined): GatewayCacheHint {
  const directives = new Map<string, string | true>();
  if (header) {
    for (const part of header.trim().split(/\s*,\s*/)) {
      const [name = '', value] = part.split(/\s*=\s*/, 2);
      directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
    }
  }
  const hint: GatewayCacheHint = { maxAge: 0 };
  const maxAge = directives.get('max-age');
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = +maxAge;
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}
