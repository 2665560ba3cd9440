import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import { renderToPipeableStream, type RenderToPipeableStreamOptions } from 'react-dom/server';
import { ServerRouter, type EntryContext, type HandleErrorFunction, type RouterContextProvider } from 'react-router';
import { NonceContext } from './lib/nonce';
import { hydrates } from './lib/static-page';
import { webContext } from './lib/web-context.server';

export const streamTimeout = 5_000;

/** React Router's Node entry, with the response's CSP nonce on every script it writes. */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === 'HEAD') {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const nonce = loadContext.get(webContext).cspNonce;
  // React Router writes its nonce on every <link> too, which need none (style-src 'self'): a page that ships no
  // script gives it none, so that its HTML is the same for every visitor (the page cache keeps no page holding its
  // nonce). The error summary's inline script still gets it (NonceContext).
  const { matches } = routerContext.staticHandlerContext;
  const routerNonce = hydrates(matches.map((match) => routerContext.routeModules[match.route.id]?.handle)) ? nonce : undefined;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get('user-agent');
    // Crawlers (and people without JavaScript, who get the same HTML) wait for the whole page.
    const readyOption: keyof RenderToPipeableStreamOptions =
      (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady';
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={routerNonce} />
      </NonceContext>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          pipe(body);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // After the shell, the status is already sent: the page cache must not keep what was streamed.
          loadContext.get(webContext).pageCache?.spoil();
          if (shellRendered) loadContext.get(webContext).logger.error({ err: String(error) }, 'render failed');
        },
      },
    );
  });
}

/** Errors of loaders, actions and rendering go to the log with the request id; the page shows only French text. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const err = error instanceof Error ? { message: error.message, stack: error.stack } : String(error);
  // Without a context (React Router refused the one getLoadContext gave), there is no logger: stderr.
  if (!context) return void console.error(err);
  const web = (context as RouterContextProvider).get(webContext);
  web.pageCache?.spoil();
  web.logger.error({ requestId: web.requestId, err }, 'unexpected error');
};
