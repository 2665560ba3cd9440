// `npm run dev -w @metropotes/web`: the site alone with Vite's dev server (hot reload), in front of a gateway already
// running (GATEWAY_URL, default http://127.0.0.1:4000/graphql). The Express app and the React Router build both come
// from Vite's module graph, so that they share one instance of each module (the request context above all).
import { createLogger } from '@metropotes/config';
import { resolve } from 'node:path';
import type { ServerBuild } from 'react-router';
import type * as AppModule from './server/app';
import { webConfigFrom } from './server/env';

async function main(): Promise<void> {
  const config = webConfigFrom(process.env);
  const logger = createLogger('web', config.logLevel);
  const { createServer } = await import('vite');
  const vite = await createServer({ root: __dirname, server: { middlewareMode: true }, appType: 'custom' });
  const { createWebApp } = (await vite.ssrLoadModule(resolve(__dirname, 'server/app.ts'))) as typeof AppModule;
  const web = createWebApp({
    // No page cache with hot reload: an edited page would not show until the gateway's generation moves.
    config: { ...config, pageCache: { ...config.pageCache, enabled: false } },
    logger,
    build: () => vite.ssrLoadModule('virtual:react-router/server-build') as Promise<ServerBuild>,
    contentDirectory: resolve(__dirname, 'content'),
    before: (express) => express.use(vite.middlewares),
  });
  web.handler.listen(config.listen.port, config.listen.host, () => {
    logger.info({ url: `http://localhost:${config.listen.port}`, gateway: config.gatewayUrl }, 'web (development, hot reload) listening');
  });
}

void main();
