import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.type.test.ts'] },
    pool: 'forks',
    testTimeout: 20_000,
  },
});
