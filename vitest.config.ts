import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Unit tests see the inspector's counters, as the demo's worker does.
  define: { __BEARER_WORKER_INSPECTOR__: 'true' },
  test: {
    include: [
      'src/**/*.test.ts',
      'protocol/**/*.test.ts',
      'config/**/*.test.ts',
      'sw/**/*.test.ts',
      'vite/**/*.test.ts',
      'cli/**/*.test.ts',
      'next/**/*.test.ts',
      'examples/*.test.ts',
      'demo/servers/**/*.test.ts',
      'demo/app/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20000,
  },
});
