import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Apollo Server as an Express handler, as @as-integrations/express5 does it, minus two costs its profile showed on
 * every request: the legacy `url.parse` of the whole URL (only the query string is needed) and Express's `res.send`,
 * which hashes every answer for an ETag (POST answers included, which no cache revalidates) and copies it once more.
 * Mount it after `express.json()`. `answered` is told every complete answer sent (the public answers' cache keeps some).
 */
export function apolloMiddleware<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (args: { req: Request; res: Response }) => Promise<TContext>,
  answered?: (req: IncomingMessage, answer: { status: number; headers: Iterable<[string, string]>; body: string }) => void,
): RequestHandler {
  server.assertStarted('apolloMiddleware()');
  return async (req, res) => {
    if (!('body' in req)) {
      res.status(500).end('`req.body` is not set: `express.json()` must run before the GraphQL handler.');
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method.toUpperCase(), headers, search: searchOf(req.url), body: req.body },
      context: () => context({ req, res }),
    });
    for (const [key, value] of response.headers) {
      // As res.send did: a text answer (the landing page) says its charset.
      res.setHeader(key, key === 'content-type' && value.startsWith('text/') && !value.includes('charset') ? `${value}; charset=utf-8` : value);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      answered?.(req, { status: res.statusCode, headers: response.headers, body: response.body.string });
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/** The query string of a request target (`?` included, `''` if none), without a fragment: what url.parse gave. */
export function searchOf(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return '';
  const hash = url.indexOf('#', start);
  return hash === -1 ? url.slice(start) : url.slice(start, hash);
}
