// Better Auth on its own origin: the worker built with `authOrigin` (sw-auth-origin.js) on a page with the
// bridge (auth-origin.html), the app on one localhost port and Better Auth on another. Two ports of one
// host are two origins of one site, as auth.example.com and app.example.com are.
import { expect, test, type Page } from '@playwright/test';
import {
  API,
  APP,
  AUTH_ORIGIN,
  JWT_PATTERN,
  PASSWORD,
  pageFetch,
  resetStack,
  resetStats,
  serverStats,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

/** A call to the auth origin from the page, with the session cookie, as Better Auth's client makes it. */
function authFetch(page: Page, path: string, body?: unknown) {
  return page.evaluate(
    async ({ url, body }) => {
      const res = await fetch(url, {
        method: body === undefined ? 'GET' : 'POST',
        credentials: 'include',
        ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return { status: res.status, code: res.headers.get('x-bearer-worker-error'), body: await res.text() };
    },
    { url: AUTH_ORIGIN + path, body },
  );
}

async function openPage(page: Page): Promise<void> {
  await page.goto('/auth-origin.html');
  await page.evaluate(() => window.bearerWorker.ready);
  expect(await page.evaluate(() => window.bearerWorker.isControlled())).toBe(true);
}

let users = 0;
async function signUp(page: Page): Promise<string> {
  const email = `elsewhere${Date.now()}-${++users}@example.test`;
  expect(
    (await authFetch(page, '/api/auth/sign-up/email', { email, password: PASSWORD, name: 'Elsewhere' })).status,
  ).toBe(200);
  return JSON.parse((await authFetch(page, '/api/auth/get-session')).body).user.id;
}

test('Better Auth on another origin: sign-up there, calls with its token, its token endpoint refused to the page, sign-out seen', async ({
  page,
  context,
  request,
}) => {
  await openPage(page);
  const alice = await signUp(page);
  await resetStats(request);

  // The worker mints at the auth origin with the cookie, and the API accepts that issuer's token.
  expect((await pageFetch(page, `${API}/v1/${alice}/tasks`)).status).toBe(200);
  let stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.api.log.map((e) => [e.bearer, e.status])).toEqual([[true, 200]]);
  expect((await page.evaluate(() => window.bearerWorker.status())).token?.claims.iss).toBe(AUTH_ORIGIN);

  // The auth server would hand this browser's session a JWT, readable by the app's origin (CORS with
  // credentials)…
  const direct = await context.request.get(`${AUTH_ORIGIN}/api/auth/token`, { headers: { origin: APP } });
  expect(direct.headers()['access-control-allow-origin']).toBe(APP);
  expect(direct.headers()['access-control-allow-credentials']).toBe('true');
  expect(await direct.text()).toMatch(JWT_PATTERN);
  // …but the page's own requests for it never get past the worker, however spelled.
  await resetStats(request);
  for (const path of ['/api/auth/token', '/API/auth/%74oken', '/api/auth//token']) {
    const refused = await authFetch(page, path);
    expect(refused).toMatchObject({ status: 403, code: 'token-endpoint-blocked' });
    expect(refused.body).not.toMatch(JWT_PATTERN);
  }
  expect((await serverStats(request)).auth.tokenRequests).toBe(0);

  // A session switch made against the auth origin: the next call carries the new user's token.
  const bob = await signUp(page);
  await resetStats(request);
  expect((await pageFetch(page, `${API}/v1/${bob}/tasks`)).status).toBe(200);
  expect((await serverStats(request)).api.log.map((e) => e.status)).toEqual([200]);

  // The page-load hint reaches the worker (on the app's origin) and mints ahead of the first call.
  await resetStats(request);
  await openPage(page);
  await expect.poll(async () => (await serverStats(request)).auth.tokenRequests).toBe(1);
  expect((await serverStats(request)).api.log).toEqual([]);

  // Sign-out made against the auth origin: the worker sees it go by, and the bridge redirects.
  void page.evaluate((url) => {
    void fetch(url, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  }, `${AUTH_ORIGIN}/api/auth/sign-out`);
  await page.waitForURL(/\/blank\.html$/);
  expect(await page.evaluate(() => sessionStorage.getItem('signed-out'))).toBe('user');
  expect((await serverStats(request)).auth.signOut).toBe(1);
  await resetStats(request);
  expect((await pageFetch(page, `${API}/v1/${bob}/tasks`)).status).toBe(401);
  stats = await serverStats(request);
  // No second sign-out: the page's was the one.
  expect(stats.auth.signOut).toBe(0);
  expect(stats.api.log.map((e) => [e.bearer, e.status])).toEqual([[false, 401]]);
});

test("the bridge's signOut() ends the session on the auth origin (the worker's POST carries the cookie)", async ({
  page,
  request,
}) => {
  await openPage(page);
  const user = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${user}/tasks`)).status).toBe(200);
  await resetStats(request);

  void page.evaluate(() => window.bearerWorker.signOut().catch(() => {}));
  await page.waitForURL(/\/blank\.html$/);
  const stats = await serverStats(request);
  expect(stats.auth.signOut).toBe(1);
  // The auth server has no session for this browser any more.
  expect((await authFetch(page, '/api/auth/get-session')).body).toBe('null');
});
