import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts', 'test/layouts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    restoreMocks: true,
  },
});
