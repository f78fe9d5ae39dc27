import { defineConfig } from 'vitest/config';

// The offline queue's hooks are on in both: only workers built with offlineWrites carry them, and its tests
// need them.
const inspector = (on: boolean) => ({ __BEARER_WORKER_INSPECTOR__: String(on), __BEARER_WORKER_OFFLINE__: 'true' });

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20000,
    // Files share their worker's module cache instead of each importing everything again (better-auth, vite,
    // fast-check): about 15 s of work instead of 50. Each test file restores the globals and timers it
    // stubs, and none depends on the order of files (`npx vitest run --sequence.shuffle` shows it).
    isolate: false,
    projects: [
      {
        // Everything, with the worker's inspector compiled in, as the demo's worker has it.
        extends: true,
        define: inspector(true),
        test: {
          name: 'inspector',
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
        },
      },
      {
        // The worker's behaviour tests again as shipped: production builds leave the inspector out.
        extends: true,
        define: inspector(false),
        test: { name: 'production', include: ['sw/**/*.test.ts'] },
      },
    ],
  },
});
