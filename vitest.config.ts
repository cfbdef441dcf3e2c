import { defineConfig } from 'vitest/config';

/** With a test PostgreSQL server, the bot suites (test/integration, test/jobs) run a second time on it. */
const postgres = Boolean(process.env.TEST_DATABASE_URL);

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
          typecheck: { enabled: true, include: ['test/**/*.type.test.ts'] },
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['test/integration/**/*.test.ts', 'test/jobs/**/*.test.ts'],
                env: { TEST_BOT_DIALECT: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
