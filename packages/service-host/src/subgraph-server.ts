import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { type TokenVerifier, InvalidTokenError } from '@metropotes/auth';
import { withTimeout, type Logger } from '@metropotes/config';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type DocumentNode } from 'graphql';
import { randomUUID, timingSafeEqual, createHash } from 'node:crypto';
import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER, type BaseContext } from './context';
import { INTERNAL_MESSAGE, isKnownErrorCode } from './errors';
import { listenHttp } from './http-listener';

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
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9\-_.:]{1,100}$/;

export function requestIdOf(req: Request): string {
  const given = req.header(REQUEST_ID_HEADER);
  return given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Constant-time comparison of secrets of any length (hashing first evens the lengths). */
export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The path as logged: the secrets some paths carry (a member's calendar feed, `/calendar/<secret>.ics`; a digest's
 * unsubscribe link, `/unsubscribe/<token>`) are masked, so that no log line holds a usable one.
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/calendar\/[^/]+\.ics$/, '/calendar/[masqué].ics').replace(/^\/unsubscribe\/.+$/, '/unsubscribe/[masqué]');
}

/** One JSON log line per request, with the request id the gateway passed on (and the path without its secrets). */
export function requestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req);
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const body = req.body as { operationName?: unknown } | undefined;
      logger.info(
        {
          requestId,
          method: req.method,
          path: loggablePath(req.path),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          operation: typeof body?.operationName === 'string' ? body.operationName : undefined,
        },
        'request',
      );
    });
    next();
  };
}

export async function readinessReport(checks: Record<string, () => Promise<void>>) {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), 2000);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, `down: ${(error as Error).message}`] as const;
      }
    }),
  );
  const report = Object.fromEntries(entries);
  return { ready: entries.every(([, s]) => s === 'ok'), checks: report };
}

/** Logs unexpected errors with the request id; formatError then masks them. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error(
              { requestId: contextValue?.requestId, err: error.originalError ?? error, path: error.path },
              'unexpected error',
            );
          }
        },
      };
    },
  };
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

/** The database (or Redis) does not answer: a failure of the infrastructure, not of the request. */
export function isDependencyDown(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const e = current as { code?: unknown; message?: unknown; originalError?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection is closed|Stream isn't writeable|ECONNREFUSED/i.test(e.message)) {
      return true;
    }
    current = e.originalError ?? e.driverError ?? e.cause;
  }
  return false;
}

function dependencyDownError(formatted: { path?: readonly (string | number)[] }, service: string) {
  return {
    message: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    path: formatted.path,
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: service },
  };
}

/** Known errors keep their code and French message; anything else is masked. */
export function maskError(formatted: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }) {
  const code = formatted.extensions?.code;
  if (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: INTERNAL_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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
    plugins: [errorLoggingPlugin(logger) as ApolloServerPlugin<C>, ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
