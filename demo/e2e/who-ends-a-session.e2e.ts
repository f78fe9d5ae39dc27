// Only the auth server decides that a session is gone, and a failing auth server is not stormed.
import { expect, test } from '@playwright/test';
import {
  API,
  pageFetch,
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

test('an API that refuses fresh tokens (wrong issuer, audience, JWKS, clocks) is not a sign-out: token-rejected, bounded traffic, the first call after the fix succeeds', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  const url = `${API}/v1/${userId}/tasks`;
  // A token in hand, and the clock past its iat: Better Auth mints a byte-identical token within the same
  // second, which the worker never resends to an API that just refused it, so the refresh must differ.
  expect((await pageFetch(page, url)).status).toBe(200);
  const iat = (await workerStatus(page)).token!.claims.iat!;
  await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(iat);
  await setFaults(request, { apiRejectTokens: true });
  await resetStats(request);

  const answers = [];
  for (let i = 0; i < 5; i++) answers.push(await pageFetch(page, url));
  for (const a of answers) {
    expect(a.status).toBe(401);
    expect(Object.fromEntries(a.headers)['x-bearer-worker-error']).toBe('token-rejected');
  }
  let stats = await serverStats(request);
  // At most 2 API calls per request, and re-minting backs off: the first request retried once, the
  // next four went once each with the token in hand.
  expect(stats.api.requests).toBeLessThanOrEqual(2 * answers.length);
  expect(stats.api.requests).toBe(6);
  expect(stats.auth.tokenRequests).toBeLessThanOrEqual(1);
  expect(stats.auth.signOut).toBe(0);
  expect(new URL(page.url()).pathname).toBe('/');
  expect((await workerStatus(page)).session).toBe('signed-in');

  await setFaults(request, { apiRejectTokens: false });
  expect((await pageFetch(page, url)).status).toBe(200);
  stats = await serverStats(request);
  expect(stats.auth.signOut).toBe(0);
});

test('a visitor who never signed in here: 401s pass back, no sign-out call, no redirect', async ({ page, request }) => {
  await page.goto('/login');
  await waitControlled(page);
  await resetStats(request);
  const res = await pageFetch(page, `${API}/v1/nobody/tasks`);
  expect(res.status).toBe(401);
  expect(Object.fromEntries(res.headers)['x-bearer-worker-error']).toBeUndefined();
  // A second call and a status round trip: anything the first one started has had its turn.
  expect((await pageFetch(page, `${API}/v1/nobody/tasks`)).status).toBe(401);
  const status = await workerStatus(page);
  expect(status.counters.signOuts).toBe(0);
  const stats = await serverStats(request);
  expect(stats.auth.signOut).toBe(0);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(new URL(page.url()).search).toBe('');
});

test('a session that really expires while the worker is stopped still ends on the login page, once', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  expect(
    await page.evaluate(() =>
      fetch('/demo/revoke-session', { method: 'POST', headers: { 'content-type': 'application/json' } }).then(
        (r) => r.status,
      ),
    ),
  ).toBe(200);
  await stopWorkers(page);
  await resetStats(request);

  // The cold worker remembers nothing but the non-secret "a session was seen here" marker.
  void page.evaluate((url) => fetch(url).catch(() => {}), `${API}/v1/${userId}/tasks`);
  await page.waitForURL(/\/login\?session_expired=true/);
  await waitControlled(page);
  await page.reload();
  await waitControlled(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(401);
  expect(new URL(page.url()).pathname).toBe('/login');
  const stats = await serverStats(request);
  expect(stats.auth.signOut).toBe(1);
});

test('a failing token endpoint is not stormed: 100 calls, 4 at a time, make at most 10 token fetches; recovery within 10 s', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  await page.evaluate(() => window.bearerWorker.forgetToken());
  await setFaults(request, { tokenMode: 'fail' });
  await resetStats(request);

  const statuses = await page.evaluate(async (url) => {
    const out: number[] = [];
    let next = 0;
    const lane = async () => {
      while (next++ < 100) out.push((await fetch(url)).status);
    };
    await Promise.all([lane(), lane(), lane(), lane()]);
    return out;
  }, `${API}/v1/${userId}/tasks`);
  expect(statuses).toEqual(Array(100).fill(503));
  const stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBeLessThanOrEqual(10);
  expect(stats.auth.signOut).toBe(0);
  expect(stats.api.requests).toBe(0);

  await setFaults(request, { tokenMode: 'normal' });
  const back = Date.now();
  await expect
    .poll(async () => (await pageFetch(page, `${API}/v1/${userId}/tasks`)).status, { timeout: 10_000 })
    .toBe(200);
  expect(Date.now() - back).toBeLessThan(10_000);
});
