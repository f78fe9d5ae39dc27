// A vite-plugin-pwa app (injectManifest) whose worker composes installTokenInjector with its precache:
// the shell works offline, API calls carry the token, third-party requests do not wake the worker, and a
// new build waits for the user (prompt-to-update) while the old one keeps attaching tokens.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectApiRefusesBadBodies, tokenForNewUser } from '../../e2e-support/bad-bodies.js';
import { expectRefusesWithoutSecret } from '../../e2e-support/missing-secret.js';
import { exampleDir, run, startServer, VITE_BIN, type RunningServer } from '../../e2e-support/start-server.js';
import { expectNothingOutsideServed, NAVIGATION, rawRequest } from '../../e2e-support/traversal.js';
import { watchWorker } from '../../e2e-support/watch-worker.js';

const APP = 'http://localhost:5312';
const API = 'http://localhost:8312';
const THIRD_PARTY = 'http://127.0.0.1:8312'; // the API's server under another origin: not an API origin
const cwd = exampleDir('pwa');
const env = {
  APP_ORIGIN: APP,
  VITE_API_ORIGIN: API,
  API_PORT: '8312',
  PORT: '5312',
  BETTER_AUTH_SECRET: 'example-e2e-secret-example-e2e-secret',
  AUTH_DB: join(mkdtempSync(join(tmpdir(), 'bw-example-pwa-')), 'auth.sqlite'),
};

let api: RunningServer;
let app: RunningServer | undefined;
test.beforeAll(async () => {
  api = await startServer(['--import', 'tsx', 'server/api.ts'], { cwd, env, readyUrl: `${API}/api/tasks` });
  await run([VITE_BIN, 'build', '--logLevel', 'warn'], { cwd, env });
});
test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});
test.afterAll(async () => api?.stop());

const PRODUCTION = ['--import', 'tsx', 'server/production.ts'];

test('offline shell from the precache, the token on API calls, third-party requests never wake the worker', async ({
  page,
}) => {
  app = await startServer(PRODUCTION, { cwd, env, readyUrl: `${APP}/api/auth/ok` });
  await page.goto(APP + '/');
  await expect(page.locator('#shell')).toHaveText('App shell loaded');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${APP}/sw.js`);

  const signUp = await page.evaluate(async () => {
    const res = await fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada', email: `ada-${Date.now()}@example.test`, password: 'correct horse battery' }),
    });
    return res.status;
  });
  expect(signUp).toBe(200);
  // The API answers 200 only to a JWT it verified against the JWKS: the injector attached one.
  await page.locator('#load').click();
  await expect(page.locator('#out')).toHaveText('0 tasks');

  // A stopped worker stays stopped for other origins (Static Routing, 'cross-origin')…
  const worker = await watchWorker(page);
  await worker.stop();
  const thirdParty = await page.evaluate(async (url) => {
    const img = new Image();
    img.src = `${url}/pixel.png`;
    await new Promise((r) => (img.onload = img.onerror = r));
    return (await fetch(`${url}/api/tasks`)).status;
  }, THIRD_PARTY);
  expect(thirdParty).toBe(401); // answered by the server itself, without a token
  expect(worker.woke()).toBe(false);
  // …while same-origin requests still reach it: they are the host's (its precache answers this one).
  expect(await page.evaluate(async () => (await fetch('/index.html')).status)).toBe(200);
  await expect.poll(worker.woke).toBe(true);

  // A cold worker mints a fresh token from the session cookie.
  await page.locator('#out').evaluate((out: HTMLOutputElement) => (out.value = ''));
  await page.locator('#load').click();
  await expect(page.locator('#out')).toHaveText('0 tasks');

  // The app server goes away: the shell, its script and its stylesheet come from the precache.
  await app.stop();
  app = undefined;
  expect((await fetch(APP).catch((e: Error) => e)) instanceof Error).toBe(true);
  await page.reload();
  await expect(page.locator('#shell')).toHaveText('App shell loaded');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(250, 250, 240)');
  await page.goto(APP + '/tasks/42'); // an app route, offline: the shell
  await expect(page.locator('#shell')).toHaveText('App shell loaded');
});

test('production server: dist/ and nothing else, under every traversal spelling; the worker never stale', async () => {
  app = await startServer(PRODUCTION, { cwd, env, readyUrl: `${APP}/api/auth/ok` });
  const dist = (path: string) => readFileSync(join(cwd, 'dist', path));
  const sw = await rawRequest(APP, '/sw.js');
  expect([sw.status, sw.body.equals(dist('sw.js'))]).toEqual([200, true]);
  expect(sw.head).toMatch(/^cache-control: no-cache$/im);
  const route = await rawRequest(APP, '/tasks/42', NAVIGATION);
  expect([route.status, route.body.equals(dist('index.html'))]).toEqual([200, true]);
  await expectNothingOutsideServed(APP, {
    canaryDir: cwd,
    mounts: [['', 1]],
    secret: env.BETTER_AUTH_SECRET,
    page: dist('index.html'),
  });
});

test('the API answers malformed, wrongly shaped and oversized bodies with 400 or 413, and lives on', async () => {
  app = await startServer(PRODUCTION, { cwd, env, readyUrl: `${APP}/api/auth/ok` });
  await expectApiRefusesBadBodies(API, APP, await tokenForNewUser(APP));
});

test('without BETTER_AUTH_SECRET the production server refuses to start', async () => {
  await expectRefusesWithoutSecret(PRODUCTION, { cwd, env, origin: APP });
});

/** Per tab, across its reloads (sessionStorage): page loads, update notices shown, API call statuses. */
type TabLog = { loads: number; notices: number; calls: number[] };
declare global {
  interface Window {
    startCalling(): void;
    stopCalling(): void;
    pending: number;
  }
}

const tabLog = (tab: Page) =>
  tab.evaluate(() => {
    const get = (k: string) => JSON.parse(sessionStorage.getItem(k) ?? '[]') as number[];
    return { loads: get('loads').length, notices: get('notices').length, calls: get('calls') } satisfies TabLog;
  });

test('prompt to update: a new build waits while both tabs keep their token, accepting reloads each tab at most once', async ({
  context,
}) => {
  app = await startServer(PRODUCTION, { cwd, env, readyUrl: `${APP}/api/auth/ok` });
  // In every page load of the app: record it, count the update notices the user sees, and (once the
  // test starts it) call the API every 150 ms, going on after a reload.
  await context.addInitScript(
    ({ app, api }) => {
      if (location.origin !== app) return;
      const get = (k: string) => JSON.parse(sessionStorage.getItem(k) ?? '[]') as number[];
      const push = (k: string, v: number) => sessionStorage.setItem(k, JSON.stringify([...get(k), v]));
      push('loads', Date.now());
      addEventListener('DOMContentLoaded', () => {
        const button = document.querySelector<HTMLButtonElement>('#update')!;
        new MutationObserver(() => !button.hidden && push('notices', Date.now())).observe(button, {
          attributeFilter: ['hidden'],
        });
      });
      window.pending = 0;
      const loop = async () => {
        // 150 ms after each answer: a build that skips waiting activates once no request is in flight.
        while (sessionStorage.getItem('calling') === '1') {
          window.pending++;
          await fetch(`${api}/api/tasks`)
            .then(
              (r) => push('calls', r.status),
              () => push('calls', 0),
            )
            .finally(() => window.pending--);
          await new Promise((r) => setTimeout(r, 150));
        }
      };
      window.startCalling = () => (sessionStorage.setItem('calling', '1'), void loop());
      window.stopCalling = () => sessionStorage.removeItem('calling');
      void loop();
    },
    { app: APP, api: API },
  );
  const [a, b] = [await context.newPage(), await context.newPage()];
  await a.goto(APP + '/');
  await a.evaluate(() => navigator.serviceWorker.ready);
  const signUp = await a.evaluate(async () => {
    const res = await fetch('/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bo', email: `bo-${Date.now()}@example.test`, password: 'correct horse battery' }),
    });
    return res.status;
  });
  expect(signUp).toBe(200);
  await b.goto(APP + '/');
  for (const tab of [a, b]) {
    await expect.poll(() => tab.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${APP}/sw.js`);
    await expect(tab.locator('#build')).toHaveText('build 1');
    await tab.evaluate(() => window.startCalling());
    await expect.poll(async () => (await tabLog(tab)).calls.length).toBeGreaterThan(3);
  }

  // Deploy build 2 while both tabs call; the browser finds it on its next update check and installs it.
  await run([VITE_BIN, 'build', '--logLevel', 'warn'], { cwd, env: { ...env, VITE_BUILD_LABEL: '2' } });
  await a.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  for (const tab of [a, b]) await expect(tab.locator('#update')).toBeVisible();
  // It waits for the user; meanwhile the old build keeps attaching tokens in both tabs.
  expect(await b.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true);
  for (const tab of [a, b]) {
    const seen = (await tabLog(tab)).calls.length;
    await expect.poll(async () => (await tabLog(tab)).calls.length).toBeGreaterThan(seen + 3);
  }

  // The calls pause for the swap itself: Chromium activates the accepted build once the old one has stopped,
  // and a request that reaches the old build while it stops restarts it and leaves the new one waiting for
  // Chromium's five-minute limit (docs/existing-pwa-worker.md, "Accepting an update while requests stream").
  for (const tab of [a, b]) await tab.evaluate(() => window.stopCalling());
  for (const tab of [a, b]) await expect.poll(() => tab.evaluate(() => window.pending)).toBe(0);

  // Accept in tab A: build 2 takes over, tab A reloads once and is closed first; tab B reloads once too.
  const reloadedA = a.waitForEvent('load', { timeout: 30_000 });
  await a.locator('#update').click();
  await reloadedA;
  await expect(a.locator('#build')).toHaveText('build 2');
  const logA = await tabLog(a);
  await a.close();
  await expect(b.locator('#build')).toHaveText('build 2', { timeout: 30_000 });
  await expect(b.locator('#update')).toBeHidden();
  await b.evaluate(() => window.startCalling());
  const reloaded = (await tabLog(b)).calls.length;
  await expect.poll(async () => (await tabLog(b)).calls.length).toBeGreaterThan(reloaded + 3);
  await b.evaluate(() => window.stopCalling());
  await expect.poll(() => b.evaluate(() => window.pending)).toBe(0);
  const logB = await tabLog(b);

  // The API answers 200 only to a token it verified: no call failed and none went without a token, in
  // either tab, before, while and after build 2 waited; the new build minted from the same session.
  for (const log of [logA, logB]) {
    expect(log.calls.length).toBeGreaterThanOrEqual(8);
    expect(log.calls.filter((s) => s !== 200)).toEqual([]);
    expect(log.notices).toBe(1);
  }
  expect([logA.loads, logB.loads]).toEqual([2, 2]);
  expect(await b.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
});

test('in dev (vite): the worker composed with its precache, the token on API calls, the shell offline', async ({
  page,
}) => {
  const dev = await startServer([VITE_BIN, '--port', '5312', '--strictPort'], {
    cwd,
    env,
    readyUrl: `${APP}/api/auth/ok`,
  });
  try {
    await page.goto(APP + '/');
    await expect(page.locator('#shell')).toHaveText('App shell loaded');
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL))
      .toBe(`${APP}/dev-sw.js?dev-sw`);
    const signUp = await page.evaluate(async () => {
      const res = await fetch('/api/auth/sign-up/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Cy', email: `cy-${Date.now()}@example.test`, password: 'correct horse battery' }),
      });
      return res.status;
    });
    expect(signUp).toBe(200);
    await page.locator('#load').click();
    await expect(page.locator('#out')).toHaveText('0 tasks');
  } finally {
    await dev.stop();
  }
  // The dev server is gone: navigations get the precached shell (in dev, vite-plugin-pwa precaches the
  // shell only; the app's modules come from the dev server).
  await page.goto(APP + '/tasks/42');
  await expect(page.locator('#shell')).toHaveText('Loading…');
});
