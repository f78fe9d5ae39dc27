import { expect, test } from '@playwright/test';
import {
  API,
  APP,
  DEMO_HEADERS,
  pageFetch,
  resetStack,
  resetStats,
  serverStats,
  signUp,
  stopWorkers,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

test('50 concurrent requests on a cold worker make one token fetch', async ({ page, request }) => {
  const { userId } = await signUp(page);
  const before = await stopWorkers(page);
  await resetStats(request);

  const statuses = await page.evaluate(
    (url) => Promise.all(Array.from({ length: 50 }, () => fetch(url).then((r) => r.status))),
    `${API}/v1/${userId}/tasks`,
  );

  expect(statuses).toEqual(Array(50).fill(200));
  const stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.api.withBearer).toBe(50);
  expect(stats.api.distinctTokens).toBe(1);
  expect((await workerStatus(page)).startedAt).toBeGreaterThan(before);
});

test('a stopped worker re-mints from the cookie: the next request succeeds after exactly one token fetch', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  const before = await stopWorkers(page);
  await resetStats(request);

  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);

  const stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.auth.getSession).toBe(0);
  expect(stats.api.log).toEqual([expect.objectContaining({ method: 'GET', bearer: true, status: 200 })]);
  const status = await workerStatus(page);
  expect(status.startedAt).toBeGreaterThan(before);
  expect(status.counters.tokenFetches).toBe(1);
});

test('a token near expiry is replaced before it expires: across several lifetimes neither the page nor the API sees a 401', async ({
  page,
  request,
}) => {
  expect((await request.post(`${APP}/demo/settings`, { headers: DEMO_HEADERS, data: { jwtTtlSeconds: 6 } })).ok()).toBe(
    true,
  );
  const { userId } = await signUp(page);
  await resetStats(request);
  const seen: number[] = [];

  // Keep calling the API until the server has seen three different tokens (two refreshes, > one lifetime).
  await expect
    .poll(
      async () => {
        seen.push((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status);
        return (await serverStats(request)).api.distinctTokens;
      },
      { timeout: 30_000, intervals: [200] },
    )
    .toBeGreaterThanOrEqual(3);

  expect(new Set(seen)).toEqual(new Set([200]));
  const stats = await serverStats(request);
  // Replaced in the background, well before expiry: each new token was first used while the previous one
  // had more than 1.5 s to live (refresh margin 3 s at this lifetime; a refresh only at the hard expiry,
  // 0.6 s before exp, would fail this).
  const used = stats.api.log.filter((e) => e.tokenId && e.tokenExp);
  const switches = used.slice(1).filter((e, i) => e.tokenId !== used[i]!.tokenId);
  expect(switches.length).toBeGreaterThanOrEqual(2);
  for (const e of switches) {
    const previous = used[used.indexOf(e) - 1]!;
    expect(previous.tokenExp! * 1000 - e.at).toBeGreaterThan(1500);
  }
  expect(stats.api.byStatus['401'] ?? 0).toBe(0);
  expect(stats.api.withoutBearer).toBe(0);
  const { counters } = await workerStatus(page);
  expect(counters.retries).toBe(0);
  expect(counters.refreshes).toBeGreaterThanOrEqual(2);
  expect(counters.signOuts).toBe(0);
});
