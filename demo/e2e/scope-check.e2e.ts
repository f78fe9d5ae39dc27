import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { API_ORIGIN, APP, resetStack } from './stack.js';

// The bridge's own source, as the dev server serves it: a probe page imports it with its own options.
const BRIDGE = `/@fs${fileURLToPath(new URL('../../src/index.ts', import.meta.url))}`;

test.beforeEach(async ({ request }) => resetStack(request));

/**
 * Opens a blank page under /app/ (not the demo app, which registers the worker with its own options), then
 * registers the worker with `options` and reports how `ready` settled and what the browser registered.
 */
async function probe(page: Page, options: Record<string, unknown>) {
  await page.route(`${APP}/app/probe.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' }),
  );
  await page.goto(`${APP}/app/probe.html`);
  return page.evaluate(
    async ({ bridge, options }) => {
      const { registerBearerWorker } = (await import(bridge)) as typeof import('../../src/index.js');
      const started = performance.now();
      const outcome = await registerBearerWorker(options as never).ready.then(
        () => 'ready',
        (e: { name: string; code: string }) => `${e.name}: ${e.code}`,
      );
      return { outcome, ms: performance.now() - started, controlled: navigator.serviceWorker.controller !== null };
    },
    { bridge: BRIDGE, options: { apiOrigins: [API_ORIGIN], ...options } },
  );
}

const registrations = (page: Page) =>
  page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));

test('a scope that does not cover authBasePath: ready rejects with scope-mismatch and nothing is registered', async ({
  page,
}) => {
  const result = await probe(page, { scope: '/app/' });
  expect(result).toMatchObject({ outcome: 'BearerWorkerError: scope-mismatch', controlled: false });
  expect(await registrations(page)).toEqual([]);
});

test('a worker that refuses its scope: ready rejects with registration-failed at once, not after the control timeout', async ({
  page,
}) => {
  // The page believes Better Auth lives under /app/auth; the worker was built for /api/auth and refuses to install.
  const result = await probe(page, { scope: '/app/', authBasePath: '/app/auth', controlTimeoutMs: 60000 });
  expect(result).toMatchObject({ outcome: 'BearerWorkerError: registration-failed', controlled: false });
  expect(result.ms).toBeLessThan(10000);
  await expect.poll(() => registrations(page)).toEqual([]);
  // Nothing guards Better Auth's path in this scope, so nothing must pretend to: no worker controls the probe.
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
});

test('the same probe with a covering scope is ready and controlled (the probe itself works)', async ({ page }) => {
  const result = await probe(page, {});
  expect(result).toMatchObject({ outcome: 'ready', controlled: true });
});
