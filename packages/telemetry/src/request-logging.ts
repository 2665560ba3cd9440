import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';

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

declare module 'http' {
  interface IncomingMessage {
    /** The request's logger: the process's, with the request id (made when first used). */
    log: Logger;
  }
}

/**
 * One log line per request, with the request id the caller passed on (or a new one, sent back in X-Request-Id and
 * kept in `res.locals.requestId`), the method, the path without its secrets, the status, the time (`ms`) and the
 * GraphQL operation's name: `request` at info, or `request failed` at error for a 5xx answer. `req.log`, the
 * request's logger, carries its request id; the logger's mixin adds the trace id.
 *
 * What pino-http did, without its cost on every request: it made two child loggers per request (the request's, and
 * one for its `req`), which a profile of the gateway showed as 7–9% of its CPU on small requests, though most of
 * them never log anything but the final line (dropped at LOG_LEVEL=warn). Here the request's logger is made only
 * when something uses it, and the line only when the logger writes it.
 */
export function requestLogging(logger: Logger, options: { requestIdPattern?: RegExp } = {}) {
  return (req: LoggedRequest, res: LoggedResponse, next: () => void): void => {
    const requestId = requestIdOf(req, options.requestIdPattern);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    if (res.locals) res.locals.requestId = requestId;
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      enumerable: false,
      get: () => (child ??= logger.child({ requestId })),
    });
    const started = Date.now();
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const failed = res.statusCode >= 500;
      const level = failed ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line: Record<string, unknown> = {
        requestId,
        req: { method: req.method, path: loggablePath((req.originalUrl ?? req.url ?? '/').split('?')[0]!) },
        res: { status: res.statusCode },
        ms: Date.now() - started,
      };
      const operation = (req.body as { operationName?: unknown } | undefined)?.operationName;
      if (typeof operation === 'string') line.operation = operation.slice(0, 100);
      if (failed) line.err = new Error(`failed with status code ${res.statusCode}`);
      logger[level](line, failed ? 'request failed' : 'request');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
