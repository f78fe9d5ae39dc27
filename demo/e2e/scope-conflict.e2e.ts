import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { API_ORIGIN, APP, resetStack } from './stack.js';

// The bridge's own source, as the dev server serves it: a probe page imports it with default options.
const BRIDGE = `/@fs${fileURLToPath(new URL('../../src/index.ts', import.meta.url))}`;
// Another script for the same scope, as vite-plugin-pwa's registerSW registers `/sw.js` next to the bridge's.
// (The demo's worker under another URL: to the browser, and to the bridge, a different script.)
const RIVAL = '/sw.js?rival=1';

test.beforeEach(async ({ request }) => resetStack(request));

/** A blank page under /app/ (not the demo app, which registers the worker itself); it survives reloads. */
async function openProbe(page: Page) {
  await page.route(`${APP}/app/probe.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title>' }),
  );
  await page.goto(`${APP}/app/probe.html`);
}

/** Registers the bridge; returns how `ready` settled. Its update events collect in `window.updates`. */
const registerBridge = (page: Page) =>
  page.evaluate(
    async ({ bridge, api }) => {
      const { registerBearerWorker } = (await import(bridge)) as typeof import('../../src/index.js');
      const handle = registerBearerWorker({ apiOrigins: [api] });
      const updates: string[] = ((window as unknown as { updates: string[] }).updates = []);
      handle.onUpdate((e) => updates.push(e.type === 'conflict' ? `conflict ${new URL(e.scriptURL).search}` : e.type));
      return handle.ready.then(
        () => 'ready',
        (e: { name: string; code: string }) => `${e.name}: ${e.code}`,
      );
    },
    { bridge: BRIDGE, api: API_ORIGIN },
  );

/** The app's other code registers the rival script at '/', as registerSW does on every load; resolves once it is active. */
const registerRival = (page: Page) =>
  page.evaluate(async (url) => {
    const reg = await navigator.serviceWorker.register(url, { scope: '/' });
    const rival = (sw: ServiceWorker | null) => sw?.scriptURL.endsWith(url);
    while (!(rival(reg.active) && reg.active!.state === 'activated')) {
      const sw = [reg.installing, reg.waiting, reg.active].find(rival);
      await new Promise((resolve) => (sw ? sw.addEventListener('statechange', resolve, { once: true }) : resolve(0)));
    }
  }, RIVAL);

/** The script of each worker the scope's registration holds now (the search part: '' is ours). */
const workers = (page: Page) =>
  page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration('/');
    const search = (sw: ServiceWorker | null | undefined) => (sw ? new URL(sw.scriptURL).search : null);
    return { installing: search(reg?.installing), waiting: search(reg?.waiting), active: search(reg?.active) };
  });
const updates = (page: Page) => page.evaluate(() => (window as unknown as { updates: string[] }).updates);

test('another script registered into the scope after the bridge: told once as scope-conflict, and left alone', async ({
  page,
}) => {
  await openProbe(page);
  expect(await registerBridge(page)).toBe('ready');
  expect(await workers(page)).toEqual({ installing: null, waiting: null, active: '' });

  await registerRival(page);
  await expect.poll(() => updates(page)).toEqual(['conflict ?rival=1']);
  expect(await workers(page)).toEqual({ installing: null, waiting: null, active: '?rival=1' });
});

test('registerSW and the bridge on every load: the bridge replaces the other script once, then stops (no registration war)', async ({
  page,
}) => {
  await openProbe(page);
  // An app moving to this worker: its old script holds the scope, and the bridge replaces it (once).
  await registerRival(page);
  expect(await registerBridge(page)).toBe('ready');
  expect(await workers(page)).toEqual({ installing: null, waiting: null, active: '' });

  // But the app still registers the old script too (registerSW at the load event): that is a war.
  await registerRival(page);
  await expect.poll(() => updates(page)).toEqual(['conflict ?rival=1']);

  // The next load: the bridge meets the same script in its scope and registers nothing, so nothing flips.
  await page.reload();
  expect(await registerBridge(page)).toBe('BearerWorkerError: scope-conflict');
  expect(await workers(page)).toEqual({ installing: null, waiting: null, active: '?rival=1' });
  const controller = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
  expect(controller).toBe(`${APP}${RIVAL}`);
});

test("the app registers the bridge's own script too (registerSW with the same /sw.js): one registration, no conflict", async ({
  page,
}) => {
  await openProbe(page);
  const registerSame = () =>
    page.evaluate(async () => void (await navigator.serviceWorker.register('/sw.js', { scope: '/' })));
  await registerSame();
  expect(await registerBridge(page)).toBe('ready');
  await registerSame();
  await page.reload();
  await registerSame();
  expect(await registerBridge(page)).toBe('ready');
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(1);
  expect(await workers(page)).toEqual({ installing: null, waiting: null, active: '' });
  expect(await updates(page)).toEqual([]);
});
