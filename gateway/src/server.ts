import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { createTokenVerifier, InvalidTokenError } from '@metropotes/auth';
import { createLogger, type Logger } from '@metropotes/config';
import { errorLoggingPlugin, maskError } from '@metropotes/graphql-kit';
import { graphqlMetricsPlugin, listenHttp, readinessReport } from '@metropotes/service-host';
import { createMetricsRegistry, httpMetrics, requestLogging } from '@metropotes/telemetry';
import type { Registry } from 'prom-client';
import { createRedis } from '@metropotes/jobs';
import cors from 'cors';
import express from 'express';
import { GraphQLError } from 'graphql';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { GatewayContext } from './context';
import { mountAdminQueues } from './admin-queues';
import { apolloMiddleware } from './apollo-middleware';
import { mountSubgraphRoutes } from './http-routes';
import { jsonBody } from './json-body';
import { PublicAnswerCache } from './public-answer-cache';
import {
  collapseIdenticalReads,
  emptyPublicCacheOnChange,
  PublicCacheGeneration,
  publicCachePlugin,
  signedInAnswersArePrivate,
} from './public-cache';
import { RedisKeyValueCache } from './redis-cache';
import { createArmor, QUERY_LIMITS } from './security/armor';
import { costLimitPlugin } from './security/cost-limit';
import { rateLimitPlugin } from './security/rate-limit';
import type { ApolloServerPlugin } from '@apollo/server';
import { SUBGRAPHS, type GatewayConfig } from './env';
import {
  createSessionCheck,
  createSessionRevocationCheck,
  SESSION_REVOKED_MESSAGE,
  MUTATION_RECHECK_TIMEOUT_MS,
  SessionRevokedError,
  sessionOutagePlugin,
  withSessionRevocation,
} from './session-revocation';
import { TrackedSessionVersions } from './session-versions';
import { SubgraphDataSource } from './subgraph-data-source';
import { readSupergraph } from './supergraph';
import { frenchClientError } from './client-errors';

export interface RunningGateway {
  url: string;
  port: number;
  /** The gateway's metrics (HTTP, GraphQL per operation); its process serves them on GATEWAY_METRICS_PORT. */
  metrics: Registry;
  stop(): Promise<void>;
}

export async function startGateway(
  config: GatewayConfig,
  logger: Logger = createLogger('gateway', config.logLevel),
  metrics: Registry = createMetricsRegistry('gateway'),
): Promise<RunningGateway> {
  const signatureVerifier = await createTokenVerifier(config.keys);
  const dataSources: SubgraphDataSource[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(config.supergraphPath),
    // Query plans are computed once per distinct operation; keep plenty of them warm.
    experimental_approximateQueryPlanStoreMiB: 64,
    buildService: ({ name }) => {
      const sub = config.subgraphs[name as keyof GatewayConfig['subgraphs']];
      if (!sub) throw new Error(`The supergraph names an unknown subgraph "${name}"`);
      const source = new SubgraphDataSource(name, sub.url, sub.secret, config.subgraphTimeoutMs);
      dataSources.push(source);
      return source;
    },
  });

  const redis = createRedis(config.redis.url, { name: 'gateway' });
  redis.on('error', (error) => logger.warn({ err: error.message }, 'redis unavailable'));
  // Member tokens issued before their session was closed (sanction, role change...) are refused at once; while Redis
  // cannot tell, members' GraphQL mutations are refused (sessionOutagePlugin) and reads go on.
  const sessionVersions = new TrackedSessionVersions(redis, config.redis.prefix, logger);
  const sessionState = createSessionCheck(sessionVersions, logger);
  const verifier = withSessionRevocation(signatureVerifier, createSessionRevocationCheck(sessionVersions, logger));
  const armor = createArmor();
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
    // Once the variables are known, before the query plan runs: no subgraph is called for an operation refused here.
    costLimitPlugin<GatewayContext>(QUERY_LIMITS.maxCost),
    errorLoggingPlugin(logger) as ApolloServerPlugin<GatewayContext>,
    graphqlMetricsPlugin(metrics) as ApolloServerPlugin<GatewayContext>,
    requestIdOnInternalErrors(),
    sessionOutagePlugin(),
    config.production
      ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
      : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
  ];
  // Outside production the members secret may be unset (a gateway run alone): the key is then a fixed local one.
  const accountSecret = config.subgraphs.members.secret ?? 'metropotes-local-development';
  if (config.rateLimits) plugins.push(rateLimitPlugin(redis, config.redis.prefix, config.rateLimits, accountSecret));
  // Last: its hits answer after the checks above (cost, rate limits) have run.
  const cacheGeneration = new PublicCacheGeneration(redis, config.redis.prefix);
  plugins.push(emptyPublicCacheOnChange(cacheGeneration, logger), signedInAnswersArePrivate());
  if (config.publicCache) {
    plugins.push(publicCachePlugin({ redis, prefix: config.redis.prefix, generation: cacheGeneration }), collapseIdenticalReads(cacheGeneration));
  }

  // The public cache's first level, in this process: kept answers are sent before Apollo Server's pipeline.
  const answers = config.publicCache ? new PublicAnswerCache({ generation: cacheGeneration, metrics }) : null;

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // No "Did you mean ...?": the schema is not given away through error messages.
    hideSchemaDetailsFromClientErrors: true,
    validationRules: armor.validationRules,
    // Automatic persisted queries, shared by every gateway process through Redis.
    persistedQueries: { cache: new RedisKeyValueCache(redis, `${config.redis.prefix}:apq:`), ttl: 7 * 24 * 3600 },
    formatError: (formatted) => maskError(frenchClientError(stripSyntaxPrefix(formatted))),
    plugins,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For names the client only when the web site (or another configured proxy) sends it.
  app.set('trust proxy', config.trustedProxies.length ? config.trustedProxies : false);
  app.use(httpMetrics(metrics));
  app.use(requestLogging(logger));
  app.use(helmet({ contentSecurityPolicy: config.production ? undefined : false, crossOriginEmbedderPolicy: false }));
  // First: the endpoint nearly every request is for (Express tries each route in turn).
  app.use(
    '/graphql',
    cors({ origin: config.corsOrigins, credentials: true, maxAge: 600 }),
    jsonBody({ limitBytes: 100 * 1024, verify: answers?.keepRawBody }),
    answers?.serve ?? ((_req, _res, next) => next()),
    apolloMiddleware(
      apollo,
      async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const authorization = req.header('authorization') ?? undefined;
        try {
          const viewer = await signatureVerifier.viewerFromHeader(authorization);
          const session = await sessionState(viewer);
          if (session === 'closed') throw new SessionRevokedError();
          return {
            requestId,
            viewer,
            authorization: viewer.kind === 'anonymous' ? undefined : authorization,
            clientIp: req.ip,
            sessionUnchecked: session === 'unknown',
            recheckSession: () => sessionState(viewer, MUTATION_RECHECK_TIMEOUT_MS),
          };
        } catch (error) {
          if (error instanceof SessionRevokedError) {
            throw new GraphQLError(SESSION_REVOKED_MESSAGE, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
          }
          if (!(error instanceof InvalidTokenError)) throw error;
          throw new GraphQLError(
            error.reason === 'expired' ? 'Votre session a expiré : reconnectez-vous.' : "Votre jeton d'accès n'est pas valide.",
            {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            },
          );
        }
      },
      answers?.answered,
    ),
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', async (_req, res) => {
    const report = await readinessReport(
      Object.fromEntries(
        SUBGRAPHS.map((name) => [
          name,
          async () => {
            const response = await fetch(new URL('/ready', config.subgraphs[name].url), { signal: AbortSignal.timeout(2000) });
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
          },
        ]),
      ),
    );
    res.status(report.ready ? 200 : 503).json({ service: 'gateway', ...report });
  });
  // The public cache's generation, for the web site's cache of visitors' pages (keyed by it, polled twice a second):
  // null while the gateway caches nothing (PUBLIC_CACHE=false, Redis not yet heard), so that nothing is kept.
  app.get('/public-cache/generation', (_req, res) => {
    const generation = config.publicCache ? cacheGeneration.current() : 'unknown';
    res.setHeader('cache-control', 'no-store');
    res.json({ generation: generation === 'unknown' ? null : generation });
  });
  mountSubgraphRoutes(app, config, redis);
  const closeAdminQueues = mountAdminQueues(app, redis, config.redis.prefix, verifier);
  // The first requests check sessions and rate limits in Redis, not in a client still connecting (which would refuse
  // members' writes and count in memory). Redis down at start does not stop the gateway: it listens after the wait.
  await redisReadyOrTimeout(redis, REDIS_START_WAIT_MS);
  await sessionVersions.start(redis.status === 'ready' ? REDIS_START_WAIT_MS : 0);
  if (config.publicCache) await cacheGeneration.start();
  const listener = await listenHttp(app, config.listen);
  const { url, port } = listener;
  logger.info({ url }, 'gateway listening');
  return {
    url,
    port,
    metrics,
    async stop() {
      await listener.close();
      await apollo.stop();
      await cacheGeneration.stop();
      await sessionVersions.stop();
      await Promise.all(dataSources.map((s) => s.close()));
      await closeAdminQueues();
      redis.disconnect();
    },
  };
}

const REDIS_START_WAIT_MS = 2000;

/** Resolves once Redis is ready, or after `ms` if it is not (never rejects). */
async function redisReadyOrTimeout(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.once('ready', done);
  });
}

/** graphql-armor's refusals are validation errors prefixed "Syntax Error: "; people read only our sentence. */
function stripSyntaxPrefix<T extends { message: string }>(formatted: T): T {
  return formatted.message.startsWith('Syntax Error: ') && /[àâçéèêëîïôûùœ]|La requête/.test(formatted.message)
    ? { ...formatted, message: formatted.message.slice('Syntax Error: '.length) }
    : formatted;
}

/** An unexpected error reaches the client as INTERNAL_SERVER_ERROR with the request id, to find it in the logs. */
function requestIdOnInternalErrors(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
        },
      };
    },
  };
}
