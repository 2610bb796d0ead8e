import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'backend',
          root: './backend',
          include: ['src/**/*.spec.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'system',
          root: './tests',
          include: ['**/*.test.ts'],
          exclude: ['bench/**', 'node_modules/**', 'content/packs-dry-run.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // each file starts its own backend processes; two at a time suit a 2-core machine
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // whole packs on the real clock with simulated teams: alone, after the rest, so votes cast the
        // moment a decision opens are not held up by other suites on a 2-core machine
        test: {
          name: 'dry-runs',
          root: './tests',
          include: ['content/packs-dry-run.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 60_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
