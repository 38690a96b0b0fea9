/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In `npm run dev` the dev server stands where the console app stands in `./platform run`: the same origin
// forwards each /api/v1 prefix to its service (the console app's table, docs/architecture.md), so the SPA code
// never knows about ports. /config.json is the console app's; the dev server answers the local run's values.
const services: Record<string, string> = {
  '/api/v1/events': 'http://localhost:8081',
  '/api/v1/catalog': 'http://localhost:8081',
  '/api/v1/account': 'http://localhost:8081',
  '/api/v1/views': 'http://localhost:8081',
  '/api/v1/people': 'http://localhost:8081',
  '/api/v1/integrity': 'http://localhost:8081',
  '/api/v1/restore-endpoint': 'http://localhost:8081',
  '/api/v1/exports': 'http://localhost:8082',
  '/api/v1/notifications': 'http://localhost:8083',
  '/api/v1/notification-settings': 'http://localhost:8083',
  '/api/v1/analytics': 'http://localhost:8084',
};

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'local-run-config',
      configureServer(server) {
        server.middlewares.use('/config.json', (_req, res) => {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify({
            authority: process.env.CONSOLE_OIDC_AUTHORITY ?? 'http://localhost:8180/realms/audit-platform',
            clientId: 'audit-console',
          }));
        });
      },
    },
  ],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    proxy: Object.fromEntries(Object.entries(services).map(([prefix, target]) => [prefix, { target }])),
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    // The screens show times in the browser's zone, and the tests read those times: one zone for every machine, so
    // a run does not depend on where CI stands. Tests about other zones name theirs.
    env: { TZ: 'UTC' },
    // Waiting limits, not speed checks: a loaded two-core CI machine renders a Mantine screen in seconds.
    testTimeout: 30_000,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
