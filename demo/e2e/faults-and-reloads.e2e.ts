import { expect, test } from '@playwright/test';
import { API, pageFetch, resetStack, resetStats, serverStats, setFaults, signUp, workerStatus } from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

test('a failing token endpoint is not a sign-out: the caller gets a token-unavailable answer, then recovers', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  await page.evaluate(() => window.bearerWorker.forgetToken());
  await setFaults(request, { tokenMode: 'fail' });
  await resetStats(request);

  const failed = await pageFetch(page, `${API}/v1/${userId}/tasks`);
  expect(failed.status).toBe(503);
  expect(Object.fromEntries(failed.headers)['x-bearer-worker-error']).toBe('token-unavailable');
  let stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(1);
  expect(stats.auth.signOut).toBe(0);
  expect(stats.api.requests).toBe(0);
  expect(new URL(page.url()).pathname).toBe('/');
  expect((await workerStatus(page)).counters.tokenErrors).toBe(1);

  await setFaults(request, { tokenMode: 'normal' });
  // The failure is remembered (jittered backoff, under a second at first): calls meanwhile get the 503 at
  // once, without asking the auth server; the first call after the backoff mints and succeeds.
  await expect
    .poll(async () => (await pageFetch(page, `${API}/v1/${userId}/tasks`)).status, { timeout: 10_000 })
    .toBe(200);
  stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(2);
  expect(stats.api.log).toEqual([expect.objectContaining({ bearer: true, status: 200 })]);
});

test('a hard reload (no controller) is claimed by the worker without another reload', async ({ page }) => {
  const { userId } = await signUp(page);
  const cdp = await page.context().newCDPSession(page);
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  // Shift+Reload: the browser bypasses the worker for this page load.
  const reloadedAt = Date.now();
  await Promise.all([page.waitForEvent('load'), cdp.send('Page.reload', { ignoreCache: true })]);
  await expect(page.getByTestId('controlled')).toHaveText('yes');
  expect(navigations).toBe(1);
  // The page really started uncontrolled: the bridge had to ask the worker to claim it.
  // (Sign-up's own first load is claimed too: only count what happened after the reload.)
  expect((await workerStatus(page)).events.filter((e) => e.at >= reloadedAt).map((e) => e.type)).toContain(
    'page-claimed',
  );
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
});

test.describe(() => {
  // The demo's CSP limits connect-src to the app and the API: the third-party-style probe needs it lifted.
  test.use({ bypassCSP: true });
  test('requests that can never get a token do not wake a stopped worker (Static Routing API)', async ({ page }) => {
    const { userId } = await signUp(page);
    // A controlled page without the app: the demo's inspector asks the worker for its status every second,
    // which would start it again while this test waits for it to stay stopped.
    await page.goto('/demo/settings');
    const cdp = await page.context().newCDPSession(page);
    const states: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) =>
      versions.forEach((v) => states.push(v.runningStatus)),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => states.at(-1)).toBe('stopped');
    states.length = 0;

    // Same-origin non-auth fetch, a third-party-style origin, and a no-cors image: straight to the network.
    const statuses = await page.evaluate(async (api) => {
      const img = new Image();
      img.src = '/favicon.ico?probe';
      await new Promise((r) => (img.onload = img.onerror = r));
      return [
        (await fetch('/demo/settings')).status,
        (await fetch(api.replace('localhost', '127.0.0.1') + '/health')).status,
      ];
    }, API);
    expect(statuses).toEqual([200, 200]);
    expect(states.filter((s) => s === 'starting' || s === 'running')).toEqual([]);

    // Positive control: an API request does start it.
    expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
    await expect.poll(() => states.includes('running')).toBe(true);
    await cdp.detach();
  });
});
