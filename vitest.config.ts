import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'backend', root: './backend', include: ['src/**/*.spec.ts'], environment: 'node', sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'system',
          root: './tests',
          include: ['**/*.test.ts'],
          exclude: ['bench/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // each file starts its own backend processes; two at a time suit a 2-core machine
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
