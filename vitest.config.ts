import { configDefaults, defineConfig } from 'vitest/config';

/** With a test PostgreSQL server, the bot suites (test/integration, test/jobs) run a second time on it. */
const postgres = Boolean(process.env.TEST_DATABASE_URL);
/** Tests of PostgreSQL alone (each skips itself without TEST_DATABASE_URL): in the postgres project only, run once. */
const POSTGRES_ONLY = ['test/e2e/pg-outage.test.ts', 'test/e2e/replicas.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 20_000,
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...(postgres ? POSTGRES_ONLY : [])],
          typecheck: { enabled: true, include: ['test/**/*.type.test.ts'] },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/integration/**/*.test.ts', 'test/jobs/**/*.test.ts', ...POSTGRES_ONLY],
                env: { TEST_BOT_DIALECT: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
