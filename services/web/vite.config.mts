import { reactRouter } from '@react-router/dev/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  environments: {
    // The server bundle's entry is our Express server (server.ts), which imports the React Router build.
    ssr: { build: { rollupOptions: { input: './server.ts' } } },
  },
  plugins: [reactRouter()],
  resolve: { tsconfigPaths: true },
  build: { sourcemap: false },
});
