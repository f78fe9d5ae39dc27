import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import {
  API,
  API_ORIGIN,
  APP,
  JWT_PATTERN,
  PASSWORD,
  resetStack,
  serverStats,
  setFaults,
  signUp,
  stopWorkers,
  waitControlled,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

/** Creates a task through the UI while the API cannot be reached; returns the id the worker queued it under. */
async function createWhileDown(page: Page, title: string): Promise<string> {
  await page.getByTestId('new-task-title').fill(title);
  await page.getByTestId('add-task').click();
  const pending = page.getByTestId('task-pending').filter({ hasText: title });
  await expect(pending).toContainText('pending');
  return (await pending.getAttribute('data-queued-id'))!;
}

/** The API unreachable for the browser and its worker (the auth server, on the app's origin, stays up). */
async function apiDown(context: BrowserContext): Promise<() => Promise<void>> {
  const pattern = `${API_ORIGIN}/**`;
  await context.route(pattern, (route) => route.abort('internetdisconnected'));
  return () => context.unroute(pattern);
}

/** A write made while the API is down, then the worker stopped and the API back: only a replay sends it. */
async function queuedThenStopped(page: Page, context: BrowserContext, title: string) {
  const { userId } = await signUp(page);
  const apiUp = await apiDown(context);
  const id = await createWhileDown(page, title);
  const stoppedAt = await stopWorkers(page);
  await apiUp();
  return { userId, id, stoppedAt };
}

const queueStatus = (page: Page) => page.evaluate(() => window.bearerWorker.queueStatus());
const tasksNamed = async (page: Page, userId: string, title: string) =>
  page.evaluate(
    async ({ url, title }) => {
      const res = await fetch(url);
      return ((await res.json()) as { tasks: Array<{ title: string }> }).tasks.filter((t) => t.title === title).length;
    },
    { url: `${API}/v1/${userId}/tasks`, title },
  );
/** Stops every service worker of the browser through DevTools' protocol, from any tab (even a blank one). */
async function stopAllWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}
/** The POSTs the API received: [Idempotency-Key, status, the token's sub]. */
const postsSent = async (request: APIRequestContext) =>
  (await serverStats(request)).api.log
    .filter((e) => e.method === 'POST')
    .map((e) => [e.idempotencyKey, e.status, e.tokenSub]);
/** What the worker keeps in IndexedDB, as the page's own script could read it. */
const storedQueue = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('bearer-worker-offline-writes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('writes').objectStore('writes').getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
        };
      }),
  );

test('a task created offline is pending, then exists exactly once when the browser is back online', async ({
  page,
  context,
  request,
}) => {
  const { userId } = await signUp(page);
  // Chromium's offline emulation (context.setOffline) does not make the worker's own fetch fail: the API is
  // cut at the network instead, for the page and its worker alike.
  const apiUp = await apiDown(context);
  const id = await createWhileDown(page, 'Written offline');

  // Kept without its token: no Authorization header and no JWT anywhere in what the worker stored.
  const stored = await storedQueue(page);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ id, method: 'POST', sub: userId });
  const names = (stored[0] as { headers: Array<[string, string]> }).headers.map(([n]) => n);
  expect(names).not.toContain('authorization');
  expect(JSON.stringify(stored)).not.toMatch(JWT_PATTERN);
  expect((await queueStatus(page)).pending).toHaveLength(1);
  expect((await serverStats(request)).api.log.filter((e) => e.method === 'POST')).toEqual([]);

  // Back online: the browser's `online` event (offline and back) makes the page ask the worker to replay.
  await apiUp();
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(page.getByTestId('task-item').filter({ hasText: 'Written offline' })).toHaveCount(1);
  await expect(page.getByTestId('task-pending')).toHaveCount(0);
  await expect(page.getByTestId('queue-replayed')).toHaveText('1');

  // Replaying again, or the same key sent again, applies nothing twice.
  await page.evaluate(() => window.bearerWorker.replayQueue());
  const again = await page.evaluate(
    async ({ url, id }) =>
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': id },
          body: JSON.stringify({ title: 'Written offline' }),
        })
      ).status,
    { url: `${API}/v1/${userId}/tasks`, id },
  );
  expect(again).toBe(201);
  expect(await tasksNamed(page, userId, 'Written offline')).toBe(1);

  const posts = (await serverStats(request)).api.log.filter((e) => e.method === 'POST');
  expect(posts.map((e) => [e.idempotencyKey, e.status, e.tokenSub, !!e.idempotentRepeat])).toEqual([
    [id, 201, userId, false],
    [id, 201, userId, true],
  ]);
});

test('sign out while a write is queued: it is dropped and never sent', async ({ page, context, request }) => {
  await signUp(page);
  const apiUp = await apiDown(context);
  const id = await createWhileDown(page, 'Never sent');
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
  await expect.poll(async () => (await queueStatus(page)).dropped).toBe(1);
  await apiUp();
  await page.evaluate(() => window.bearerWorker.replayQueue());
  expect((await queueStatus(page)).pending).toEqual([]);
  expect(await storedQueue(page)).toEqual([]);
  const { api } = await serverStats(request);
  expect(api.log.filter((e) => e.idempotencyKey === id || e.method === 'POST')).toEqual([]);
});

test('another user signs in while a write is queued: nothing is sent under the new user', async ({
  page,
  context,
  request,
}) => {
  const alice = await signUp(page);
  // Bob has an account of his own.
  const bobEmail = `bob-${Date.now()}@example.test`;
  const made = await request.post(`${APP}/api/auth/sign-up/email`, {
    headers: { origin: APP },
    data: { email: bobEmail, password: PASSWORD, name: 'Bob' },
  });
  expect(made.ok()).toBe(true);

  const apiUp = await apiDown(context);
  const id = await createWhileDown(page, 'Alice offline');
  // Bob signs in on this browser without Alice signing out (the worker sees the sign-in go by).
  const signedIn = await page.evaluate(
    async ({ email, password }) =>
      (
        await fetch('/api/auth/sign-in/email', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        })
      ).status,
    { email: bobEmail, password: PASSWORD },
  );
  expect(signedIn).toBe(200);
  await apiUp();
  await page.evaluate(() => window.bearerWorker.replayQueue());
  await expect.poll(async () => (await queueStatus(page)).dropped).toBe(1);
  expect(await storedQueue(page)).toEqual([]);

  const { api } = await serverStats(request);
  expect(api.log.filter((e) => e.idempotencyKey === id || e.method === 'POST')).toEqual([]);
  // The worker does work for Bob: his token is the one in use now.
  const bob = await page.evaluate(() => window.bearerWorker.status());
  expect(bob.userId).not.toBe(alice.userId);
});

test('a write queued before the worker was stopped is replayed from IndexedDB by the next page load', async ({
  page,
  context,
  request,
}) => {
  const { userId, id, stoppedAt } = await queuedThenStopped(page, context, 'Survives');

  // A new tab: its page load wakes a worker with empty memory, which finds the write in IndexedDB.
  const next = await context.newPage();
  await next.goto('/');
  await waitControlled(next);
  await expect(next.getByTestId('task-item').filter({ hasText: 'Survives' })).toHaveCount(1);
  await expect.poll(async () => (await queueStatus(next)).pending.length).toBe(0);
  expect((await next.evaluate(() => window.bearerWorker.status())).startedAt).toBeGreaterThan(stoppedAt);
  expect(await tasksNamed(next, userId, 'Survives')).toBe(1);
  const posts = (await serverStats(request)).api.log.filter((e) => e.method === 'POST');
  expect(posts.map((e) => [e.idempotencyKey, e.status, e.tokenSub])).toEqual([[id, 201, userId]]);
});

test('a write queued in a tab that was then closed is replayed once by a new tab of the same browser', async ({
  page,
  context,
  request,
}) => {
  const { email, userId } = await signUp(page);
  // The API cut at its server, not with context.route: with the worker stopped after its last tab closed,
  // Playwright's unroute waits on that worker's DevTools session and never returns.
  await setFaults(request, { apiUnreachable: true });
  const id = await createWhileDown(page, 'Tab closed');
  const queuedBy = (await workerStatus(page)).startedAt;
  await page.close();
  expect(context.pages()).toEqual([]);

  // A browser stops an idle worker once its tabs are gone; under Playwright it keeps running (seen still
  // running 70 s after its last tab closed), so a blank tab stops it as the browser would, before any
  // page of the app is open again.
  const next = await context.newPage();
  await stopAllWorkers(next);
  await setFaults(request, { apiUnreachable: false });
  expect(await postsSent(request)).toEqual([]);

  await next.goto('/');
  await waitControlled(next);
  await expect(next.getByTestId('user-email')).toHaveText(email);
  await expect(next.getByTestId('task-item').filter({ hasText: 'Tab closed' })).toHaveCount(1);
  await expect.poll(async () => (await queueStatus(next)).pending.length).toBe(0);
  expect((await workerStatus(next)).startedAt).toBeGreaterThan(queuedBy);
  expect(await tasksNamed(next, userId, 'Tab closed')).toBe(1);
  expect(await postsSent(request)).toEqual([[id, 201, userId]]);
});

test('a write queued before the browser was closed is replayed once when it is started again on the same profile', async ({
  playwright,
  launchOptions,
  baseURL,
  request,
}) => {
  // A browser of its own on a profile directory, as a user's is: closing it ends every tab, the worker and
  // the process; what survives is what the profile keeps on disk (cookies, the registration, IndexedDB).
  const profile = mkdtempSync(join(tmpdir(), 'bearer-worker-profile-'));
  const launch = () =>
    playwright.chromium.launchPersistentContext(profile, { ...launchOptions, serviceWorkers: 'allow', baseURL });
  let browser = await launch();
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const { email, userId } = await signUp(page);
    await setFaults(request, { apiUnreachable: true });
    const id = await createWhileDown(page, 'Browser closed');
    await browser.close();
    expect(await postsSent(request)).toEqual([]);

    // Started again, with the API reachable: the new worker finds the write in the profile's IndexedDB and
    // replays it (on the page load's replay request, or Background Sync's event if the browser fires it
    // first). The API is cut at its server here too: with context.route, closing the browser once took 30 s.
    await setFaults(request, { apiUnreachable: false });
    browser = await launch();
    const next = browser.pages()[0] ?? (await browser.newPage());
    await next.goto('/');
    await waitControlled(next);
    await expect(next.getByTestId('user-email')).toHaveText(email);
    await expect(next.getByTestId('task-item').filter({ hasText: 'Browser closed' })).toHaveCount(1);
    await expect.poll(async () => (await queueStatus(next)).pending.length).toBe(0);
    expect(await tasksNamed(next, userId, 'Browser closed')).toBe(1);
    expect(await postsSent(request)).toEqual([[id, 201, userId]]);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('Background Sync: a write queued before the worker was stopped is replayed by the sync event alone', async ({
  page,
  context,
  request,
}) => {
  // The stopped worker's own retry timer is gone with it; the page makes no API call from here on, and the
  // browser never went offline, so no online event follows: only the sync event can replay the write.
  const { userId, id } = await queuedThenStopped(page, context, 'Synced');
  const posts = async () =>
    (await serverStats(request)).api.log.filter((e) => e.method === 'POST').map((e) => [e.idempotencyKey, e.status]);
  expect(await posts()).toEqual([]);

  // What DevTools' "Background services > Sync" does: the browser fires the worker's sync event.
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${APP}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: APP,
    registrationId: await registrationId,
    tag: 'bearer-worker-offline-writes',
    lastChance: false,
  });
  await expect.poll(posts).toEqual([[id, 201]]);
  await expect(page.getByTestId('task-item').filter({ hasText: 'Synced' })).toHaveCount(1);
  expect((await serverStats(request)).api.log.find((e) => e.method === 'POST')?.tokenSub).toBe(userId);
  await cdp.detach();
});
