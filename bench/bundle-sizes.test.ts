import { expect, test } from 'vitest';
import { SIZE_BUDGETS, bundleSizes } from './bundle-sizes.js';
import { buildWorkerScript } from '../vite/build-worker-script.js';

test('the worker and the page bridge stay within their size ceilings (min + gzip)', async () => {
  const sizes = await bundleSizes();
  expect(sizes.worker.gzip).toBeLessThanOrEqual(SIZE_BUDGETS.worker);
  expect(sizes.bridge.gzip).toBeLessThanOrEqual(SIZE_BUDGETS.bridge);
  // A build that lost its code would pass any ceiling: make sure the bundles are real.
  expect(sizes.worker.gzip).toBeGreaterThan(2000);
  expect(sizes.bridge.gzip).toBeGreaterThan(2000);
});

test('the offline queue is compiled in only where enabled: the worker with it stays within 8 kB, the default has none of it', async () => {
  const sizes = await bundleSizes();
  expect(sizes.workerWithQueue.gzip).toBeLessThanOrEqual(SIZE_BUDGETS.workerWithQueue);
  expect(sizes.worker.gzip).toBeLessThanOrEqual(SIZE_BUDGETS.worker);
  // The queue is really in the one and really out of the other.
  expect(sizes.workerWithQueue.gzip - sizes.worker.gzip).toBeGreaterThan(1000);
});

test('the default worker carries none of the queue code (IndexedDB, Background Sync, its header)', async () => {
  const withQueue = await buildWorkerScript({ apiOrigins: ['https://api.example.com'], offlineWrites: true });
  const without = await buildWorkerScript({ apiOrigins: ['https://api.example.com'] });
  for (const mark of ['indexedDB', 'bearer-worker-offline-writes', 'x-bearer-worker-queue', 'queue-changed']) {
    expect(withQueue).toContain(mark);
    expect(without).not.toContain(mark);
  }
});
