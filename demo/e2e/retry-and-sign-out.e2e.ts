import { expect, test } from '@playwright/test';
import {
  API,
  openAppTab,
  pageFetch,
  resetStack,
  resetStats,
  serverStats,
  setFaults,
  sha256,
  signIn,
  signUp,
  waitControlled,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

test('the API rejects a valid-looking token once: one refresh, one retry, the POST body arrives byte-identical', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  // A token minted within the same second as the held one is byte-identical, and the worker does not
  // resend a token the API refused: let the clock pass the held token's iat, so the refresh differs.
  const iat = (await workerStatus(page)).token!.claims.iat!;
  await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(iat);
  await setFaults(request, { api401Next: 1 });
  await resetStats(request);
  const before = (await workerStatus(page)).counters;

  const body = JSON.stringify({ title: 'Ünïcödé ✓ task', description: 'line 1\nline 2 ' + 'x'.repeat(5000) });
  const res = await pageFetch(page, `${API}/v1/${userId}/tasks`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });

  expect(res.status).toBe(201);
  expect(JSON.parse(res.body).task.title).toBe('Ünïcödé ✓ task');
  const stats = await serverStats(request);
  // The API refuses the first token before reading the body (so the log has none); the retry carries it whole.
  expect(stats.api.log.map((e) => [e.method, e.status, e.bodySha256, e.bodyLength])).toEqual([
    ['POST', 401, undefined, undefined],
    ['POST', 201, sha256(body), Buffer.byteLength(body)],
  ]);
  // Both tries carried a token, and not the same one.
  expect(stats.api.log.map((e) => e.bearer)).toEqual([true, true]);
  expect(stats.api.distinctTokens).toBe(2);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.auth.signOut).toBe(0);
  const after = (await workerStatus(page)).counters;
  expect(after.refreshes - before.refreshes).toBe(1);
  expect(after.retries - before.retries).toBe(1);
});

test('a revoked session signs out once, and both open tabs end on /login?session_expired=true', async ({
  context,
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  const second = await openAppTab(context);
  await expect(second.getByTestId('user-email')).toBeVisible();

  expect(
    await page.evaluate(() =>
      fetch('/demo/revoke-session', { method: 'POST', headers: { 'content-type': 'application/json' } }).then(
        (r) => r.status,
      ),
    ),
  ).toBe(200);
  await resetStats(request);
  // The API still trusts the JWT it was given until it expires; dropping the worker's copy is the
  // same as reaching its expiry: the next call must mint again, and the session is gone.
  await page.evaluate(() => window.bearerWorker.forgetToken());

  // Both tabs call the API at once; they navigate away when told, so nobody awaits the answers here, and a
  // tab may already be leaving when its evaluate lands (its context is then destroyed: not a failure).
  const url = `${API}/v1/${userId}/tasks`;
  const leaving = () => undefined;
  await Promise.all([
    page.evaluate((url) => void [1, 2, 3].forEach(() => fetch(url).catch(() => {})), url).catch(leaving),
    second.evaluate((url) => void [1, 2].forEach(() => fetch(url).catch(() => {})), url).catch(leaving),
  ]);

  for (const tab of [page, second]) {
    await tab.waitForURL(/\/login\?session_expired=true/);
    await expect(tab.getByTestId('session-expired')).toBeVisible();
    expect(new URL(tab.url()).searchParams.get('returnTo')).toBe('/');
  }
  const stats = await serverStats(request);
  expect(stats.auth.signOut).toBe(1);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.api.withBearer).toBe(0);
  expect(stats.api.byStatus['401']).toBeGreaterThanOrEqual(1);
  await waitControlled(page);
  expect((await workerStatus(page)).counters.signOuts).toBe(1);
});

test('the call that finds the session gone gets a coded 401 (session-expired), not a network error, before the redirect', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  expect(
    await page.evaluate(() =>
      fetch('/demo/revoke-session', { method: 'POST', headers: { 'content-type': 'application/json' } }).then(
        (r) => r.status,
      ),
    ),
  ).toBe(200);
  // The API refuses the token the worker holds; the worker's refresh then finds no session.
  await setFaults(request, { api401Next: 1 });
  await resetStats(request);
  // What the call saw is kept in sessionStorage: the page is on its way to the login page meanwhile.
  await page.evaluate((url) => {
    void fetch(url).then(
      async (r) =>
        sessionStorage.setItem(
          'seen',
          JSON.stringify({ status: r.status, code: r.headers.get('x-bearer-worker-error'), body: await r.json() }),
        ),
      (e: unknown) => sessionStorage.setItem('seen', JSON.stringify({ error: String(e) })),
    );
  }, `${API}/v1/${userId}/tasks`);
  await page.waitForURL(/\/login\?session_expired=true/);
  const seen = await page.evaluate(() => JSON.parse(sessionStorage.getItem('seen') ?? 'null'));
  expect(seen).toEqual({
    status: 401,
    code: 'session-expired',
    body: expect.objectContaining({ code: 'session-expired' }),
  });
  const stats = await serverStats(request);
  expect(stats.auth.signOut).toBe(1);
  expect(stats.api.log.map((e) => [e.bearer, e.status])).toEqual([[true, 401]]);
});

test('sign-out in the UI clears the worker; the next API call carries no token; signing in again works at once', async ({
  page,
  request,
}) => {
  const { userId, email } = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  expect((await workerStatus(page)).token).not.toBeNull();

  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login$/);
  await waitControlled(page);
  // The worker's sign-out reached Better Auth: the server has no session for this browser any more.
  expect(await page.evaluate(() => fetch('/api/auth/get-session').then((r) => r.json()))).toBeNull();
  const status = await workerStatus(page);
  expect(status.token).toBeNull();
  expect(status.session).toBe('signed-out');
  await resetStats(request);

  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(401);
  const stats = await serverStats(request);
  expect(stats.api.log).toEqual([expect.objectContaining({ method: 'GET', bearer: false, status: 401 })]);
  // The login page is a new page load after a clean sign-out: it checks the session once (a server-side
  // sign-in could have happened) and the auth server says none. One check per page load, no more.
  expect(stats.auth.tokenRequests).toBe(1);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(401);
  expect((await serverStats(request)).auth.tokenRequests).toBe(1);
  expect(stats.auth.signOut).toBe(0);
  // The explicit sign-out above was the one sign-out: the 401 did not start another.
  expect((await workerStatus(page)).counters.signOuts).toBe(1);

  // Signing back in goes through the worker, which forgets its "signed out" answer at once.
  await resetStats(request);
  await signIn(page, email);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  const after = await serverStats(request);
  expect(after.auth.signIn).toBe(1);
  expect(after.api.withoutBearer).toBe(0);
  expect(after.api.withBearer).toBeGreaterThanOrEqual(1);
});
