import { expect, test } from 'vitest';
import { SIZE_BUDGETS, bundleSizes } from './bundle-sizes.js';

test('the worker and the page bridge stay within their size ceilings (min + gzip)', async () => {
  const sizes = await bundleSizes();
  expect(sizes.worker.gzip).toBeLessThanOrEqual(SIZE_BUDGETS.worker);
  expect(sizes.bridge.gzip).toBeLessThanOrEqual(SIZE_BUDGETS.bridge);
  // A build that lost its code would pass any ceiling: make sure the bundles are real.
  expect(sizes.worker.gzip).toBeGreaterThan(2000);
  expect(sizes.bridge.gzip).toBeGreaterThan(2000);
});
