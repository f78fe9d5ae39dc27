// The README's quick start, as a user runs it: Better Auth on the app's origin in `vite` (dev),
// `vite preview` and the production Node server; the API on its own origin verifying the worker's JWT.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectApiRefusesBadBodies, tokenForNewUser } from '../../e2e-support/bad-bodies.js';
import { expectRefusesWithoutSecret } from '../../e2e-support/missing-secret.js';
import { exampleDir, run, startServer, VITE_BIN, type RunningServer } from '../../e2e-support/start-server.js';
import { expectNothingOutsideServed, NAVIGATION, rawRequest } from '../../e2e-support/traversal.js';
import { watchWorker } from '../../e2e-support/watch-worker.js';

const APP = 'http://localhost:5302';
const API = 'http://localhost:8302';
const cwd = exampleDir('vite-react');
const env = {
  APP_ORIGIN: APP,
  VITE_API_ORIGIN: API,
  API_PORT: '8302',
  PORT: '5302',
  BETTER_AUTH_SECRET: 'example-e2e-secret-example-e2e-secret',
  // One app, one database, served three ways (a new database would mean new signing keys, which the
  // API's JWKS cache would refuse for its 30 s cooldown).
  AUTH_DB: join(mkdtempSync(join(tmpdir(), 'bw-example-vite-react-')), 'auth.sqlite'),
};

let api: RunningServer;
test.beforeAll(async () => {
  api = await startServer(['--import', 'tsx', 'server/api.ts'], { cwd, env, readyUrl: `${API}/api/tasks` });
  await run([VITE_BIN, 'build', '--logLevel', 'warn'], { cwd, env });
});
test.afterAll(async () => api?.stop());

const servers: Record<string, string[]> = {
  'vite (dev)': [VITE_BIN, '--port', '5302', '--strictPort'],
  'vite preview': [VITE_BIN, 'preview', '--port', '5302', '--strictPort'],
  'production server (Hono)': ['--import', 'tsx', 'server/production.ts'],
};

async function signUpAndAddTask(page: Page, email: string) {
  await page.goto(APP + '/');
  await page.getByPlaceholder('Name (sign-up)').fill('Ada');
  await page.getByPlaceholder('Email').fill(email);
  await page.getByPlaceholder('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('user-email')).toHaveText(email);
  await page.getByPlaceholder('New task').fill('Buy milk');
  await page.getByRole('button', { name: 'Add' }).click();
  // The API answers 200/201 only to a JWT it verified against the JWKS: the worker attached one.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('tasks').getByRole('listitem')).toHaveText(['Buy milk']);
}

for (const [name, args] of Object.entries(servers)) {
  test(`${name}: sign up on the app's origin; plain fetch() to the API carries the worker's token`, async ({
    page,
  }) => {
    const app = await startServer(args, { cwd, env, readyUrl: `${APP}/api/auth/ok` });
    try {
      await signUpAndAddTask(page, `ada-${Date.now()}@example.test`);
      const probe = await page.evaluate(async (api) => {
        const withoutWorker = await fetch(`${api}/api/tasks`, { headers: { authorization: 'Bearer not-a-jwt' } });
        const token = await fetch('/api/auth/token');
        return { withoutWorker: withoutWorker.status, token: token.status, sw: await (await fetch('/sw.js')).text() };
      }, API);
      // Control: a request with its own Authorization is left alone, and the API refuses it.
      expect(probe.withoutWorker).toBe(401);
      // The page cannot mint a token itself; the worker refuses the token endpoint.
      expect(probe.token).toBe(403);
      expect(probe.sw).toContain(API);

      // Sign out through the worker: the bridge goes to the login page.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(`${APP}/login`);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    } finally {
      await app.stop();
    }
  });
}

test('the token endpoint reaches the worker, and is refused, under every spelling, even as a navigation', async ({
  page,
}) => {
  const app = await startServer(servers['production server (Hono)']!, {
    cwd,
    env,
    readyUrl: `${APP}/api/auth/ok`,
  });
  try {
    await signUpAndAddTask(page, `ada-${Date.now()}@example.test`);
    const spellings = [
      '/api/auth/token',
      '/api/auth/token/',
      '/api/auth//token',
      '//api/auth/token',
      '/api/auth/%74oken',
      '/api/auth/token;x',
      '/API/AUTH/TOKEN',
      '/Api/Auth/Token?x=1',
    ];
    // The default worker's rules are in force: a stopped worker stays stopped for a same-origin asset…
    const worker = await watchWorker(page);
    await worker.stop();
    expect(await page.evaluate(async () => (await fetch('/index.html')).status)).toBe(200);
    expect(worker.woke()).toBe(false);
    // …and every spelling of the token endpoint still reaches it.
    const seen = await page.evaluate(async (paths) => {
      const out: Record<string, string[]> = {};
      for (const path of paths) {
        // An iframe is a navigation (the Static Routing rules send other navigations to the network) and a
        // no-cors fetch is readable here (same origin): both must meet the worker's refusal.
        const iframe = document.createElement('iframe');
        iframe.src = location.origin + path;
        await new Promise((r) => ((iframe.onload = r), document.body.append(iframe)));
        const res = await fetch(location.origin + path, { mode: 'no-cors' });
        out[path] = [iframe.contentDocument!.body.textContent!, res.headers.get('x-bearer-worker-error') ?? ''];
        iframe.remove();
      }
      return out;
    }, spellings);
    for (const path of spellings) {
      expect(seen[path], path).toEqual([
        expect.stringContaining('"code":"token-endpoint-blocked"'),
        'token-endpoint-blocked',
      ]);
    }
  } finally {
    await app.stop();
  }
});

test('production server: dist/ and nothing else, under every traversal spelling; the worker never stale', async () => {
  const app = await startServer(servers['production server (Hono)']!, {
    cwd,
    env,
    readyUrl: `${APP}/api/auth/ok`,
  });
  try {
    const dist = (path: string) => readFileSync(join(cwd, 'dist', path));
    // What it must serve, it serves: the worker (revalidated every time), hashed assets, app routes.
    const sw = await rawRequest(APP, '/sw.js');
    expect([sw.status, sw.body.equals(dist('sw.js'))]).toEqual([200, true]);
    expect(sw.head).toMatch(/^cache-control: no-cache$/im);
    const asset = readdirSync(join(cwd, 'dist/assets'))[0]!;
    const cached = await rawRequest(APP, `/assets/${asset}`);
    expect([cached.status, cached.body.equals(dist(`assets/${asset}`))]).toEqual([200, true]);
    expect(cached.head).toMatch(/^cache-control: max-age=31536000, immutable$/im);
    const route = await rawRequest(APP, '/login', NAVIGATION);
    expect([route.status, route.body.equals(dist('index.html'))]).toEqual([200, true]);
    expect(route.head).toMatch(/^cache-control: no-cache$/im);

    await expectNothingOutsideServed(APP, {
      canaryDir: cwd,
      mounts: [['', 1]],
      secret: env.BETTER_AUTH_SECRET,
      page: dist('index.html'),
    });
  } finally {
    await app.stop();
  }
});

test('the API answers malformed, wrongly shaped and oversized bodies with 400 or 413, and lives on', async () => {
  const app = await startServer(servers['production server (Hono)']!, {
    cwd,
    env,
    readyUrl: `${APP}/api/auth/ok`,
  });
  try {
    await expectApiRefusesBadBodies(API, APP, await tokenForNewUser(APP));
  } finally {
    await app.stop();
  }
});

test('without BETTER_AUTH_SECRET the production server refuses to start; `vite` (dev) says it uses a dev secret', async () => {
  await expectRefusesWithoutSecret(servers['production server (Hono)']!, { cwd, env, origin: APP });
  const devEnv = {
    ...env,
    BETTER_AUTH_SECRET: undefined,
    NODE_ENV: undefined,
    AUTH_DB: join(mkdtempSync(join(tmpdir(), 'bw-dev-')), 'a.db'),
  };
  const dev = await startServer(servers['vite (dev)']!, { cwd, env: devEnv, readyUrl: `${APP}/api/auth/ok` });
  try {
    expect((await fetch(`${APP}/api/auth/ok`)).status).toBe(200);
    expect(dev.output()).toContain('BETTER_AUTH_SECRET is not set: using a dev-only secret');
  } finally {
    await dev.stop();
  }
});
