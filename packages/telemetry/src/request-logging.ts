import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A request id we accept from a caller (the site, the gateway): short, of plain characters. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9\-_.:]{1,100}$/;

/** The caller's request id if it is a safe one, else a new one. */
export function requestIdOf(req: IncomingMessage, pattern: RegExp = SAFE_REQUEST_ID): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && pattern.test(given) ? given : randomUUID();
}

/**
 * The path as logged: the secrets some paths carry (a member's calendar feed, `/calendar/<secret>.ics`; a digest's
 * unsubscribe link, `/unsubscribe/<token>`) are masked, so that no log line holds a usable one. Query strings (the
 * e-mail links' tokens) are never logged.
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/calendar\/[^/]+\.ics$/, '/calendar/[masqué].ics').replace(/^\/unsubscribe\/.+$/, '/unsubscribe/[masqué]');
}

type LoggedRequest = IncomingMessage & { originalUrl?: string; body?: unknown };
type LoggedResponse = ServerResponse & { locals?: Record<string, unknown> };

/**
 * One log line per request (pino-http), with the request id the caller passed on (or a new one, sent back in
 * X-Request-Id and kept in `res.locals.requestId`), the method, the path without its secrets, the status, the time
 * and the GraphQL operation's name. `req.log`, the request's logger, carries its request id; the logger's mixin adds
 * the trace id.
 */
export function requestLogging(logger: Logger, options: { requestIdPattern?: RegExp } = {}) {
  return pinoHttp<LoggedRequest, LoggedResponse>({
    logger,
    genReqId: (req, res) => {
      const id = requestIdOf(req, options.requestIdPattern);
      res.setHeader(REQUEST_ID_HEADER, id);
      if (res.locals) res.locals.requestId = id;
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    // The request's logger (req.log) names the request id only, not the whole request again.
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, path: loggablePath((req.originalUrl ?? req.url ?? '/').split('?')[0]!) }),
      res: (res: ServerResponse) => ({ status: res.statusCode }),
    },
    // The operation name goes into the line itself when it is written (customProps would also make a child logger
    // per request, before the body is even read).
    customSuccessObject: (req, _res, value: object) => withOperation(req, value),
    customErrorObject: (req, _res, _error, value: object) => withOperation(req, value),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    // 'silent' when the logger would drop the line anyway (LOG_LEVEL=warn: successes): pino-http then skips building it.
    customLogLevel: (_req, res, error) => {
      const level = error || res.statusCode >= 500 ? 'error' : 'info';
      return logger.isLevelEnabled(level) ? level : 'silent';
    },
  });
}

function withOperation(req: LoggedRequest, value: object): object {
  const operation = (req.body as { operationName?: unknown } | undefined)?.operationName;
  return typeof operation === 'string' ? { ...value, operation: operation.slice(0, 100) } : value;
}
