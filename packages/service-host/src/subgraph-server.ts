import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type TokenVerifier, InvalidTokenError } from '@metropotes/auth';
import type { Logger } from '@metropotes/config';
import {
  dependencyDownError,
  errorLoggingPlugin,
  GATEWAY_SECRET_HEADER,
  isDependencyDown,
  maskError,
  type BaseContext,
} from '@metropotes/graphql-kit';
import { httpMetrics, requestIdOf, requestLogging } from '@metropotes/telemetry';
import express, { type Express } from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Registry } from 'prom-client';
import { graphqlMetricsPlugin } from './graphql-metrics';
import { listenHttp } from './http-listener';
import { readinessReport } from './readiness';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  logger: Logger;
  verifier: TokenVerifier;
  /** When set, every request but /health and /ready must carry it (the gateway does). */
  gatewaySecret?: string;
  buildContext(base: BaseContext): Promise<C> | C;
  /** Named checks for /ready: each resolves when its dependency answers. */
  readiness: Record<string, () => Promise<void>>;
  /** Extra HTTP routes (behind the gateway-secret check). */
  routes?: (app: Express) => void;
  /** Where the HTTP and GraphQL metrics of the service go. */
  metrics: Registry;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Constant-time comparison of secrets of any length (hashing first evens the lengths). */
export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function startSubgraphServer<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
  listen: { port: number; host: string },
): Promise<RunningServer> {
  const { logger } = options;
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }]);
  const apollo = new ApolloServer<C>({
    schema,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => (isDependencyDown(error) ? dependencyDownError(formatted, options.name) : maskError(formatted)),
    // No inline tracing (ftv1): we report to no Apollo Studio, and it costs on every request.
    plugins: [
      errorLoggingPlugin(logger) as ApolloServerPlugin<C>,
      graphqlMetricsPlugin(options.metrics) as ApolloServerPlugin<C>,
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(httpMetrics(options.metrics));
  app.use(requestLogging(logger));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    const report = await readinessReport(options.readiness);
    res.status(report.ready ? 200 : 503).json({ service: options.name, ...report });
  });
  if (options.gatewaySecret) {
    const secret = options.gatewaySecret;
    app.use((req, res, next) => {
      if (secretsMatch(req.header(GATEWAY_SECRET_HEADER), secret)) return next();
      res.status(401).json({ errors: [{ message: 'Accès réservé à la passerelle.', extensions: { code: 'UNAUTHENTICATED' } }] });
    });
  }
  options.routes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = (res.locals.requestId as string | undefined) ?? requestIdOf(req);
        let viewer;
        try {
          viewer = await options.verifier.viewerFromHeader(req.header('authorization'));
        } catch (error) {
          if (!(error instanceof InvalidTokenError)) throw error;
          throw new GraphQLError(
            error.reason === 'expired' ? 'Votre session a expiré : reconnectez-vous.' : "Votre jeton d'accès n'est pas valide.",
            { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } },
          );
        }
        return options.buildContext({ viewer, requestId, log: logger.child({ requestId }), authorization: req.header('authorization') ?? undefined });
      },
    }),
  );

  const listener = await listenHttp(app, listen);
  const { url, port } = listener;
  logger.info({ url }, `${options.name} subgraph listening`);

  return {
    url,
    port,
    async stop() {
      await listener.close();
      await apollo.stop();
    },
  };
}
