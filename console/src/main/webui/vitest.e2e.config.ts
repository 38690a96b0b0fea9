import { defineConfig } from 'vitest/config';

// The browser tests: Chromium (Debian's) driven by playwright-core against the running platform (the console at
// E2E_BASE_URL, default http://localhost:8080, as `./platform run` starts it), logging in through Keycloak.
// One file at a time: they share the platform and its demo account.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['verbose'],
  },
});
