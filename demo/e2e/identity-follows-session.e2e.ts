// The token always belongs to the browser's current session, whatever path changed it.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  API,
  APP,
  PASSWORD,
  pageFetch,
  resetStack,
  resetStats,
  serverStats,
  signUp,
  waitControlled,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

test('a sign-in the worker never saw (the cookie changed behind its back): the reloaded page never sends the old identity, one token fetch', async ({
  page,
  context,
  request,
}) => {
  const alice = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${alice.userId}/tasks`)).status).toBe(200);

  // A server-side sign-in as Bob: the browser's cookie jar gets Bob's session, no request passes the worker.
  const email = `bob${Date.now()}@example.test`;
  const bob = await context.request.post(`${APP}/api/auth/sign-up/email`, {
    headers: { origin: APP },
    data: { email, password: PASSWORD, name: 'Bob' },
  });
  expect(bob.ok()).toBe(true);
  const bobId = ((await bob.json()) as { user: { id: string } }).user.id;
  await resetStats(request);

  await page.reload();
  await waitControlled(page);
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await expect(page.getByTestId('tasks-empty')).toBeVisible(); // the app's own first call, as Bob
  expect((await pageFetch(page, `${API}/v1/${bobId}/tasks`)).status).toBe(200);

  const stats = await serverStats(request);
  const subs = stats.api.log.filter((e) => e.bearer).map((e) => e.tokenSub);
  expect(subs.length).toBeGreaterThanOrEqual(2);
  expect(new Set(subs)).toEqual(new Set([bobId]));
  // The page-load step: one token fetch for the reloaded page, shared by every call it makes.
  expect(stats.auth.tokenRequests).toBe(1);
});

test('every page load re-validates with one token fetch at most, however many calls it makes', async ({
  page,
  context,
  request,
}) => {
  const { userId } = await signUp(page);
  // The page-load hint is answered in the worker: the worker's own requests never include it.
  const leaked: string[] = [];
  await context.route('**/__bearer-worker/**', (route) => (leaked.push(route.request().url()), route.continue()));
  for (let i = 0; i < 2; i++) {
    await resetStats(request);
    await page.reload();
    await waitControlled(page);
    await expect(page.getByTestId('tasks-empty')).toBeVisible();
    const statuses = await page.evaluate(
      (url) => Promise.all(Array.from({ length: 20 }, () => fetch(url).then((r) => r.status))),
      `${API}/v1/${userId}/tasks`,
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect((await serverStats(request)).auth.tokenRequests).toBe(1);
    // The bridge sent its hint once for this load, and the worker answered it (Better Auth would say 404).
    const hints = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.name.endsWith('/api/auth/__bearer-worker/page-loaded'))
        .map((e) => (e as PerformanceResourceTiming).responseStatus),
    );
    expect(hints).toEqual([204]);
  }
  expect(leaked).toEqual([]);
});

/**
 * Signs up, warms the worker, runs `change`, and checks the change started a new generation: the token
 * is gone and the next call mints exactly one for the session the browser holds now.
 */
async function expectNewGeneration(page: Page, request: APIRequestContext, change: () => Promise<void>) {
  const { userId } = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  const before = await workerStatus(page);
  expect(before.token).not.toBeNull();
  await change();
  const after = await workerStatus(page);
  expect(after.generation).toBe(before.generation + 1);
  expect(after.token).toBeNull();
  await resetStats(request);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  expect((await serverStats(request)).auth.tokenRequests).toBe(1);
}

test('an auth write other than sign-in (update-user) starts a new session generation', async ({ page, request }) => {
  await expectNewGeneration(page, request, async () => {
    const updated = await pageFetch(page, '/api/auth/update-user', {
      method: 'POST',
      body: JSON.stringify({ name: 'Renamed' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(updated.status).toBe(200);
  });
});

test('sessionChanged() from the app: a new generation, and the next call mints for the session the browser holds now', async ({
  page,
  request,
}) => {
  await expectNewGeneration(page, request, () => page.evaluate(() => window.bearerWorker.sessionChanged()));
});
