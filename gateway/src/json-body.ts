import express, { type RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `express.json()` for the GraphQL endpoint, with a short road for the request nearly every client sends: a POST of
 * `application/json` (UTF-8) with a Content-Length within the limit and no Content-Encoding. That one is read with two
 * listeners and parsed with `JSON.parse`; body-parser's general machinery (on-finished, raw-body's stream handling,
 * iconv, its debug calls) was a tenth of the gateway's CPU on `{ __typename }`. Anything else (a compressed or chunked
 * body, another charset or type, a body over the limit) goes through `express.json()` itself, so every refusal (413,
 * 415, 400) is the one body-parser gives. A malformed JSON body is refused the way body-parser refuses it (400,
 * `entity.parse.failed`), the empty body is `{}`, and only an object or an array is accepted (body-parser's strict mode).
 */
export function jsonBody(options: {
  limitBytes: number;
  /** Called with the raw body before it is parsed (body-parser's `verify`). */
  verify?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void;
}): RequestHandler {
  const general = express.json({ limit: options.limitBytes, verify: options.verify });
  return (req, res, next) => {
    const length = Number(req.headers['content-length']);
    if (
      req.method !== 'POST' ||
      !(length >= 0 && length <= options.limitBytes) ||
      req.headers['content-encoding'] !== undefined ||
      req.headers['transfer-encoding'] !== undefined ||
      !isUtf8Json(req.headers['content-type']) ||
      req.readableEnded
    ) {
      general(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      if (received !== length) {
        next(httpError(400, 'request size did not match content length', { type: 'request.size.invalid' }));
        return;
      }
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
      try {
        options.verify?.(req, res, raw);
      } catch (error) {
        next(httpError(403, error instanceof Error ? error.message : String(error), { type: 'entity.verify.failed' }));
        return;
      }
      const text = raw.toString('utf8');
      if (text.length === 0) {
        req.body = {};
        next();
        return;
      }
      const first = text.trimStart()[0];
      try {
        if (first !== '{' && first !== '[') throw new SyntaxError(`Unexpected token ${first ?? 'end'} in JSON (strict mode)`);
        req.body = JSON.parse(text) as unknown;
      } catch (error) {
        next(httpError(400, (error as Error).message, { type: 'entity.parse.failed', body: text }));
        return;
      }
      next();
    };
    const onError = (error: Error) => {
      cleanUp();
      next(httpError(400, error.message, { type: 'request.aborted' }));
    };
    const cleanUp = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  };
}

/** `application/json`, with no parameter or `charset=utf-8` (any case, spaces around `;`), as clients send it. */
function isUtf8Json(type: string | undefined): boolean {
  if (type === undefined) return false;
  const semicolon = type.indexOf(';');
  const media = (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase();
  if (media !== 'application/json') return false;
  if (semicolon === -1) return true;
  const parameters = type
    .slice(semicolon + 1)
    .trim()
    .toLowerCase();
  return parameters === 'charset=utf-8' || parameters === 'charset="utf-8"';
}

/** An error as body-parser's (http-errors) are seen by Express's error handler: status, `expose`, `type`. */
function httpError(status: number, message: string, extra: { type: string; body?: string }): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, ...extra });
}
