// Load, with figures from the servers' own counts.
import { expect, test, type Page } from '@playwright/test';
import {
  API,
  APP,
  callsWaitingOnToken,
  DEMO_HEADERS,
  deployAndSwap,
  openAppTab,
  resetStack,
  resetStats,
  serverStats,
  setFaults,
  signUp,
  stopWorkers,
  waitControlled,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

/**
 * `n` concurrent API calls from the page; their statuses (0 for a network error). Each has its own query
 * string, as an app's varied calls do: Chromium's HTTP cache lets only one request per URL out at a time.
 */
const burst = (page: Page, url: string, n: number) =>
  page.evaluate(
    ({ url, n }) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          fetch(`${url}?i=${i}`).then(
            (r) => r.status,
            () => 0,
          ),
        ),
      ),
    { url, n },
  );

test('1000 concurrent API calls: 0 token fetches on a warm worker, 1 on a cold one', async ({ page, request }) => {
  const { userId } = await signUp(page);
  const url = `${API}/v1/${userId}/tasks`;
  await resetStats(request);
  expect(await burst(page, url, 1000)).toEqual(Array(1000).fill(200));
  let stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(0);
  expect(stats.api.withBearer).toBe(1000);

  await stopWorkers(page);
  await resetStats(request);
  expect(await burst(page, url, 1000)).toEqual(Array(1000).fill(200));
  stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.api.withBearer).toBe(1000);
});

test('5 tabs calling while the token expires mid-burst: one token fetch per expiry, no 401', async ({
  page,
  context,
  request,
}) => {
  expect((await request.post(`${APP}/demo/settings`, { headers: DEMO_HEADERS, data: { jwtTtlSeconds: 6 } })).ok()).toBe(
    true,
  );
  const { userId } = await signUp(page);
  const tabs = [page];
  for (let i = 1; i < 5; i++) {
    const tab = await context.newPage();
    await tab.goto('/');
    await waitControlled(tab);
    tabs.push(tab);
  }
  const url = `${API}/v1/${userId}/tasks`;
  await Promise.all(tabs.map((t) => burst(t, url, 1))); // every tab has its page-load check behind it
  await resetStats(request);
  const started = Date.now();
  // Each tab calls back to back for 8 s: more than one 6 s lifetime, refreshed at half of it.
  const statuses = (
    await Promise.all(
      tabs.map((t) =>
        t.evaluate(async (url) => {
          const out: number[] = [];
          const end = Date.now() + 8000;
          while (Date.now() < end) out.push((await fetch(url)).status);
          return out;
        }, url),
      ),
    )
  ).flat();
  const elapsed = Date.now() - started;
  expect(statuses.every((s) => s === 200)).toBe(true);
  const stats = await serverStats(request);
  // A token is refreshed once half its lifetime (3 s) has passed: one fetch per refresh, whatever the tabs.
  expect(stats.auth.tokenRequests).toBeGreaterThanOrEqual(2);
  expect(stats.auth.tokenRequests).toBeLessThanOrEqual(Math.ceil(elapsed / 3000));
  expect(stats.api.byStatus['401'] ?? 0).toBe(0);
});

test('50 concurrent 401s: one refresh, every call retried once and answered, no sign-out', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  // A token minted within the same second as another is byte-identical (same claims, deterministic
  // EdDSA): let the clock pass the held token's iat, so the refresh is a different token.
  const iat = (await workerStatus(page)).token!.claims.iat!;
  await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(iat);
  // The API refuses the token the worker holds (its key rotated out); a fresh one works. It answers after
  // 200 ms, so all 50 calls leave with the refused token before the first 401 is back.
  await setFaults(request, { apiRejectNextToken: true, apiDelayMs: 200 });
  await resetStats(request);
  expect(await burst(page, `${API}/v1/${userId}/tasks`, 50)).toEqual(Array(50).fill(200));
  const stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.auth.signOut).toBe(0);
  expect(stats.api.byStatus).toEqual({ '200': 50, '401': 50 });
});

test('sign-out with 1000 requests in flight: nothing sent after it carries a token; every tab on the login page within 2 s', async ({
  page,
  context,
  request,
}) => {
  const { userId } = await signUp(page);
  const second = await openAppTab(context);
  // A slow API (100 ms an answer, six connections): most of the 1000 wait in the browser's queue.
  await setFaults(request, { apiDelayMs: 100 });
  await resetStats(request);

  const url = `${API}/v1/${userId}/tasks`;
  const authorized = (await workerStatus(page)).counters.authorized;
  await page.evaluate((url) => {
    for (let i = 0; i < 1000; i++) fetch(`${url}?i=${i}`).catch(() => {});
  }, url);
  // In flight: the worker has handed all 1000 to the network with the token (most wait behind the
  // browser's six connections to the API).
  // The worker answers status between those fetch events; on a slow machine one answer can miss the
  // message timeout, which is then just another poll.
  const sent = () =>
    workerStatus(second).then(
      (s) => s.counters.authorized,
      () => -1,
    );
  await expect.poll(sent, { timeout: 20_000 }).toBe(authorized + 1000);
  const started = Date.now();
  void second.evaluate(() => window.bearerWorker.signOut()).catch(() => {});
  await Promise.all([page, second].map((tab) => tab.waitForURL(/\/login/, { timeout: 2000, waitUntil: 'commit' })));
  expect(Date.now() - started).toBeLessThan(2000);

  // The API's log, by arrival. All 1000 were handed to the network with the token before the sign-out
  // began. The worker cuts those still queued behind the browser's six connections to the API once every
  // tab is told (at most 300 ms after the sign-out began): what arrives after the sign-out POST is what
  // left during its round trip and what was on the wire. Without the cut, every one of the ~900 queued
  // requests arrives with the token.
  await expect.poll(async () => (await serverStats(request)).auth.signOutAt).toBeGreaterThan(0);
  const stats = await serverStats(request);
  const late = stats.api.log.filter((e) => e.at > stats.auth.signOutAt && e.bearer);
  expect(late.length).toBeLessThan(100);
  expect(stats.api.withBearer).toBeLessThan(300);
  expect(stats.auth.signOut).toBe(1);
});

test('a worker update with 100 requests in flight: every request completes', async ({ page, request }) => {
  const { userId } = await signUp(page);
  // 100 requests wait in the old worker on the slow token endpoint…
  await callsWaitingOnToken(page, request, `${API}/v1/${userId}/tasks`, 100, 1500);
  // …while a new build is deployed: found on an update check, it skips waiting and takes control. Deployed
  // at the bridge's own script URL, so the bridge treats it as its own build and asks it again should
  // Chromium park it (docs/design.md, Lifecycle); a script at another URL would be a rival it leaves alone.
  expect(await deployAndSwap(page, request)).toBe(true);
  expect(await page.evaluate(() => window.inflight)).toEqual(Array(100).fill(200));
  expect((await serverStats(request)).api.withBearer).toBe(100);
});
