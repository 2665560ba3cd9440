import type { Config } from '@react-router/dev/config';

// React Router 8: middleware, the context API, split route modules and Vite's environment API are the defaults.
export default {
  appDirectory: 'app',
  // Like every workspace, the build goes to dist/ (dist/client: static assets; dist/server: the Express server).
  buildDirectory: 'dist',
  // The package is CommonJS (its tests run under jest like the rest); the server bundle is ESM, hence .mjs.
  serverBuildFile: 'index.mjs',
  ssr: true,
} satisfies Config;
