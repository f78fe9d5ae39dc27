// A PWA with its own worker (workbox precache + offline shell) that calls installTokenInjector: the
// shell works offline, API calls carry the token, and third-party requests do not wake the worker.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
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
