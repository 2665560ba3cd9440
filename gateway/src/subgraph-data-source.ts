import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from '@metropotes/graphql-kit';
import { GraphQLError } from 'graphql';
import { Agent } from 'undici';
import type { GatewayContext } from './context';
import { subgraphFetcher } from './subgraph-fetcher';

/** GraphQLDataSourceRequestKind.INCOMING_OPERATION (the enum is a type only in @apollo/gateway's CommonJS build). */
const INCOMING_OPERATION = 'incoming operation' as GraphQLDataSourceProcessOptions['kind'];

/**
 * The gateway's hop to one subgraph: forwards the (already verified) access token and the request id,
 * proves it is the gateway with the subgraph's secret, and gives up after a timeout.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly secret: string | undefined,
    timeoutMs: number,
  ) {
    // Keep-alive connections to the subgraph, in a bounded pool, with a timeout on every request.
    const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 });
    super({ url, fetcher: subgraphFetcher(agent, timeoutMs) });
    this.agent = agent;
  }

  readonly agent: Agent;

  /** Anonymous reads under way, by subgraph request: identical ones share one request (`process`). */
  private readonly inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();

  /**
   * Identical anonymous reads at the same moment (a page everyone opens, a cache just emptied) make one subgraph
   * request: the others wait for it and get a copy of its answer. Their own response is not cached (only the first
   * one's is), and is marked uncacheable, the Cache-Control header of the shared answer being the first one's.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const ctx = options.context as Partial<GatewayContext>;
    const incoming = options.kind === INCOMING_OPERATION && 'incomingRequestContext' in options ? options.incomingRequestContext : null;
    if (!incoming || incoming.operation?.operation !== 'query' || ctx.authorization) return super.process(options);
    const key = JSON.stringify([options.request.query, options.request.variables ?? null]);
    const pending = this.inFlight.get(key);
    if (pending) {
      const shared = await pending;
      const policy = incoming.overallCachePolicy;
      if ('restrict' in policy) policy.restrict({ maxAge: 0 });
      return { data: structuredClone(shared.data), errors: structuredClone(shared.errors), extensions: structuredClone(shared.extensions) };
    }
    const request = super.process(options);
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

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    if (this.secret) headers.set(GATEWAY_SECRET_HEADER, this.secret);
    const ctx = context as Partial<GatewayContext>;
    if (ctx.requestId) headers.set(REQUEST_ID_HEADER, ctx.requestId);
    if (ctx.authorization) headers.set('authorization', ctx.authorization);
  }

  /**
   * A subgraph refusing the request's values with HTTP 400 (one of our custom scalars, such as DateTime, the gateway
   * cannot check itself) answers a GraphQL error: the client gets that refusal, not "400: Bad Request".
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const generic = await super.errorFromResponse(response);
    const body = (generic.extensions.response as { body?: unknown } | undefined)?.body as
      { errors?: { message?: unknown; extensions?: { code?: unknown } }[] } | undefined;
    const first = response.status === 400 ? body?.errors?.[0] : undefined;
    const code = first?.extensions?.code;
    if (typeof first?.message === 'string' && (code === 'BAD_USER_INPUT' || code === 'GRAPHQL_VALIDATION_FAILED')) {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    return generic;
  }

  /** A subgraph that does not answer (down, timeout, 5xx) yields an error naming it; other fields still resolve. */
  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }): never {
    if (
      error instanceof GraphQLError &&
      error.extensions?.code !== 'INTERNAL_SERVER_ERROR' &&
      response?.status !== undefined &&
      response.status < 500
    ) {
      throw error;
    }
    throw new GraphQLError(`Le service « ${this.name} » ne répond pas pour le moment : une partie de la réponse manque. Réessayez dans un instant.`, {
      extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: this.name },
      originalError: error,
    });
  }
}
