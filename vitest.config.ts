import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure functions, fast) and `integration` (a booted Strapi on a real
 * database, real GraphQL over HTTP, a real Astro build, a real browser). The integration project
 * runs its files one at a time: each boots its own CMS and the machine has 2 cores.
 * TEST_DB=postgres runs the integration project against the local PostgreSQL.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'site/src/**/*.test.ts',
            'site/publisher/**/*.test.ts',
            'site/renderer/**/*.test.ts',
            'cms/src/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
