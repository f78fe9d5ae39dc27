// Shared helpers for the end-to-end specs: the real demo stack, reached the way a user or a test rig would.
import { createHash } from 'node:crypto';
import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { E2E_API_PORT as API_PORT, E2E_APP_PORT as APP_PORT, E2E_AUTH_PORT as AUTH_PORT } from '../servers/demo-env.js';
import type { DemoState } from '../servers/demo-state.js';

export const APP = `http://localhost:${APP_PORT}`;
export const API_ORIGIN = `http://localhost:${API_PORT}`;
export const API = `${API_ORIGIN}/api`;
/** The second Better Auth, on its own origin (see demo/servers/auth-origin-server.ts). */
export const AUTH_ORIGIN = `http://localhost:${AUTH_PORT}`;
export const JWT_PATTERN = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

export type DemoStats = ReturnType<DemoState['stats']>;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The demo controls answer only same-origin JSON requests: send what the app's own page would. */
export const DEMO_HEADERS = { origin: APP, 'content-type': 'application/json' };

export async function resetStack(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${APP}/demo/reset`, { headers: DEMO_HEADERS })).ok()).toBe(true);
}

export async function serverStats(request: APIRequestContext): Promise<DemoStats> {
  const res = await request.get(`${APP}/demo/stats`, { headers: DEMO_HEADERS });
  expect(res.ok()).toBe(true);
  return (await res.json()) as DemoStats;
}

export async function resetStats(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${APP}/demo/stats/reset`, { headers: DEMO_HEADERS })).ok()).toBe(true);
}

let users = 0;
/** Signs a fresh user up through the UI and waits until the worker controls the page. Returns the user id. */
export async function signUp(page: Page): Promise<{ email: string; userId: string }> {
  const email = `user${Date.now()}-${++users}@example.test`;
  await page.goto('/login');
  await page.getByTestId('show-sign-up').click();
  await page.getByTestId('name').fill('Test User');
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-up').click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await waitControlled(page);
  // The app's own first task-list call has finished, so it cannot land in a test's counts later.
  await expect(page.getByTestId('tasks-empty')).toBeVisible();
  const userId = await page.evaluate(async () => {
    const res = await fetch('/api/auth/get-session');
    return ((await res.json()) as { user: { id: string } }).user.id;
  });
  return { email, userId };
}

export const PASSWORD = 'correct horse battery';

/** Signs in through the UI from the login page the browser is on. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByTestId('email').fill(email);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-in').click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
}

export async function waitControlled(page: Page): Promise<void> {
  await page.evaluate(() => window.bearerWorker.ready);
  await expect(page.getByTestId('controlled')).toHaveText('yes');
}

/** Plain fetch from the page, exactly as app code would call the API. */
export async function pageFetch(
  page: Page,
  url: string,
  init?: { method?: string; body?: string; headers?: Record<string, string>; mode?: RequestMode },
) {
  return page.evaluate(
    async ({ url, init }) => {
      const res = await fetch(url, init);
      return { status: res.status, body: await res.text(), headers: [...res.headers.entries()] };
    },
    { url, init },
  );
}

/** The worker's status; the demo's worker is built with the inspector, so it has counters and events. */
export async function workerStatus(page: Page) {
  const status = await page.evaluate(() => window.bearerWorker.status());
  if (!status.counters || !status.events) throw new Error('the demo worker was built without the inspector');
  return status as Required<typeof status>;
}

/**
 * Stops every service worker through the DevTools protocol, so the next request meets a cold worker
 * with empty memory. Returns when the stopped instance started; a later status shows a newer time.
 */
export async function stopWorkers(page: Page): Promise<number> {
  const before = (await workerStatus(page)).startedAt;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  return before;
}

/** Sets demo faults (see demo/servers/demo-state.ts) through the same-origin JSON control endpoint. */
export async function setFaults(request: APIRequestContext, faults: Record<string, unknown>): Promise<void> {
  expect((await request.post(`${APP}/demo/faults`, { headers: DEMO_HEADERS, data: faults })).ok()).toBe(true);
}

/** Another tab of the signed-in app, controlled, with its own first task-list call done. */
export async function openAppTab(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto('/');
  await waitControlled(tab);
  await expect(tab.getByTestId('tasks-empty')).toBeVisible();
  return tab;
}

/**
 * Starts `n` API calls from `page` that wait in its worker on a slow token endpoint (the token forgotten,
 * the stats reset), and returns once the worker's one token fetch has begun. `window.inflight` holds their
 * statuses.
 */
export async function callsWaitingOnToken(
  page: Page,
  request: APIRequestContext,
  url: string,
  n: number,
  tokenDelayMs: number,
): Promise<void> {
  await page.evaluate(() => window.bearerWorker.forgetToken());
  await setFaults(request, { tokenMode: 'slow', tokenDelayMs });
  await resetStats(request);
  await page.evaluate(
    ({ url, n }) =>
      void (window.inflight = Promise.all(
        Array.from({ length: n }, (_, i) => fetch(`${url}?i=${i}`).then((r) => r.status)),
      )),
    { url, n },
  );
  await expect.poll(async () => (await serverStats(request)).auth.tokenRequests).toBe(1);
}

/**
 * Deploys a new worker build (the script's bytes change) and runs an update check from `page`: whether
 * a new build controls the page within `withinMs`. The default is far less than Chromium's five minutes
 * for a parked build and far more than a swap takes.
 */
export async function deployAndSwap(page: Page, request: APIRequestContext, withinMs = 15_000): Promise<boolean> {
  expect((await request.post(`${APP}/demo/deploy-worker`, { headers: DEMO_HEADERS })).ok()).toBe(true);
  return page.evaluate(async (withinMs) => {
    const before = navigator.serviceWorker.controller;
    const changed = new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    // The bound covers the update check too: with a swap parked, Chromium may not settle it either.
    const swapped = await Promise.race([
      navigator.serviceWorker
        .getRegistration()
        .then((reg) => reg!.update())
        .then(() => changed)
        .then(() => true),
      new Promise<boolean>((r) => setTimeout(r, withinMs, false)),
    ]);
    return swapped && navigator.serviceWorker.controller !== null && navigator.serviceWorker.controller !== before;
  }, withinMs);
}
