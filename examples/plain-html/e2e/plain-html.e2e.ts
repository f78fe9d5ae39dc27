// `npx bearer-worker build` in a project without Vite, and its worker in a plain HTML page served by
// Node's http: an API call carries the token.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectApiRefusesBadBodies, tokenForNewUser } from '../../e2e-support/bad-bodies.js';
import { expectRefusesWithoutSecret } from '../../e2e-support/missing-secret.js';
import { exampleDir, run, startServer, type RunningServer } from '../../e2e-support/start-server.js';
import { expectNothingOutsideServed, rawRequest } from '../../e2e-support/traversal.js';

const APP = 'http://localhost:5322';
const API = 'http://localhost:8302';
const cwd = exampleDir('plain-html');
const env = {
  APP_ORIGIN: APP,
  API_ORIGIN: API,
  API_PORT: '8302',
  PORT: '5322',
  BETTER_AUTH_SECRET: 'example-e2e-secret-example-e2e-secret',
  AUTH_DB: join(mkdtempSync(join(tmpdir(), 'bw-example-plain-')), 'auth.sqlite'),
};
const BUILD = ['build', '--api-origin', API, '--api-path-prefix', '/api', '--out', 'public/sw.js'];
const bin = (dir: string) => {
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/bearer-worker/package.json'), 'utf8'));
  return join(dir, 'node_modules/bearer-worker', pkg.bin['bearer-worker']);
};

const APP_SERVER = ['--import', 'tsx', 'server/app.ts'];
let servers: RunningServer[] = [];
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

test('the CLI needs no Vite: the same worker from a project where only bearer-worker is installed', async () => {
  // A project outside this repository: nothing but the package from the tarball, no vite to be found.
  const bare = mkdtempSync(join(tmpdir(), 'bw-no-vite-'));
  cpSync(join(cwd, 'node_modules/bearer-worker'), join(bare, 'node_modules/bearer-worker'), { recursive: true });
  expect(() => createRequire(join(bare, 'package.json')).resolve('vite')).toThrow(/Cannot find module 'vite'/);
  await run([bin(bare), ...BUILD], { cwd: bare, env: {} });
  await run([bin(cwd), ...BUILD], { cwd, env: {} });
  const worker = readFileSync(join(bare, 'public/sw.js'), 'utf8');
  expect(worker).toContain(`"apiOrigins":["${API}"],"apiPathPrefix":"/api"`);
  expect(readFileSync(join(cwd, 'public/sw.js'), 'utf8')).toBe(worker);
  // The same option checks as the Vite plugin, with the coded error.
  await expect(
    run([bin(bare), 'build', '--api-origin', 'http://api.example.com', '--out', 'x.js'], { cwd: bare, env: {} }),
  ).rejects.toThrow(/invalid-options: apiOrigins: http:\/\/api\.example\.com must use HTTPS/);
});

test('the emitted worker in a page served without Vite: plain fetch() to the API carries the token', async ({
  page,
}) => {
  await run([bin(cwd), ...BUILD], { cwd, env: {} });
  servers.push(await startServer(['--import', 'tsx', 'server/api.ts'], { cwd, env, readyUrl: `${API}/api/tasks` }));
  servers.push(await startServer(APP_SERVER, { cwd, env, readyUrl: `${APP}/api/auth/ok` }));

  await page.goto(APP + '/');
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${APP}/sw.js`);
  // Control: no session, no token; the API refuses.
  await page.locator('#load').click();
  await expect(page.locator('#out')).toHaveText('Please sign in');

  await page.getByPlaceholder('Name').fill('Ada');
  await page.getByPlaceholder('Email').fill(`ada-${Date.now()}@example.test`);
  await page.getByPlaceholder('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.locator('#out')).toHaveText('signed up');
  await page.locator('#load').click();
  await expect(page.locator('#out')).toHaveText('0 tasks'); // the API verified the worker's JWT
});

test('the server: public/ and the bridge and nothing else, under every traversal spelling', async () => {
  await run([bin(cwd), ...BUILD], { cwd, env: {} });
  servers.push(await startServer(APP_SERVER, { cwd, env, readyUrl: `${APP}/api/auth/ok` }));
  const bridge = join(cwd, 'node_modules/bearer-worker/dist');
  const sw = await rawRequest(APP, '/sw.js');
  expect([sw.status, sw.body.equals(readFileSync(join(cwd, 'public/sw.js')))]).toEqual([200, true]);
  expect(sw.head).toMatch(/^cache-control: no-cache$/im);
  const entry = await rawRequest(APP, '/bearer-worker/src/index.js');
  expect([entry.status, entry.body.equals(readFileSync(join(bridge, 'src/index.js')))]).toEqual([200, true]);
  // Only the modules the page imports: not the package's other folders.
  expect((await rawRequest(APP, '/bearer-worker/package.json')).status).toBe(404);
  expect((await rawRequest(APP, '/bearer-worker/cli/bin.js')).status).toBe(404);
  await expectNothingOutsideServed(APP, {
    canaryDir: cwd,
    // public/ is one folder below the example; the bridge (node_modules/bearer-worker/dist/src/) four.
    mounts: [
      ['', 1],
      ['/bearer-worker/src', 4],
      ['/bearer-worker/protocol', 4],
    ],
    secret: env.BETTER_AUTH_SECRET,
  });
});

test('the API answers malformed, wrongly shaped and oversized bodies with 400 or 413, and lives on', async () => {
  servers.push(await startServer(['--import', 'tsx', 'server/api.ts'], { cwd, env, readyUrl: `${API}/api/tasks` }));
  servers.push(await startServer(APP_SERVER, { cwd, env, readyUrl: `${APP}/api/auth/ok` }));
  await expectApiRefusesBadBodies(API, APP, await tokenForNewUser(APP));
});

test('without BETTER_AUTH_SECRET the server refuses to start', async () => {
  await expectRefusesWithoutSecret(APP_SERVER, { cwd, env, origin: APP });
});
