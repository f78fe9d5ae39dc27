// The seed's own stack as a user runs it: Next.js App Router with Better Auth on the app's origin, in
// `next dev` (Turbopack) and `next build && next start`, and the FastAPI tasks API on its own origin,
// checking the worker's JWT against Better Auth's JWKS.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expectRefusesWithoutSecret } from '../../e2e-support/missing-secret.js';
import { exampleDir, run, startServer, type RunningServer } from '../../e2e-support/start-server.js';
import { expectNothingOutsideServed } from '../../e2e-support/traversal.js';

const require = createRequire(import.meta.url);
const NEXT_BIN = join(dirname(require.resolve('next/package.json')), 'dist/bin/next');
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-fastapi and friends (scripts/ensure-python.mjs)

const APP = 'http://localhost:3402';
const API = 'http://localhost:8402';
const cwd = exampleDir('next-fastapi');
const env = {
  BETTER_AUTH_URL: APP,
  NEXT_PUBLIC_API_BASE_URL: `${API}/api`,
  BETTER_AUTH_SECRET: 'example-e2e-secret-example-e2e-secret',
  // One database for both servers: the same signing keys, so the API's cached JWKS stays right.
  AUTH_DB: join(mkdtempSync(join(tmpdir(), 'bw-example-next-')), 'auth.sqlite'),
  NEXT_TELEMETRY_DISABLED: '1',
};

interface ApiCall {
  method: string;
  path: string;
  bearer: boolean;
  status: number;
  token: { fingerprint: string; iat: number } | null;
}
const apiCalls = async (): Promise<ApiCall[]> => (await (await fetch(`${API}/test/calls`)).json()).calls;

let api: RunningServer;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  api = await startServer(['-B', '-m', 'uvicorn', 'main:app', '--port', '8402'], {
    command: PYTHON,
    cwd: join(cwd, 'api'),
    env: { APP_ORIGIN: APP, API_TEST_HOOKS: '1' },
    readyUrl: `${API}/health`,
  });
  // Built once; `next dev` writes to .next/dev, so the build survives the dev run.
  await run([NEXT_BIN, 'build'], { cwd, env });
});
test.afterAll(async () => api?.stop());

const servers: Record<string, { args: string[]; devWorker: boolean }> = {
  'next dev (Turbopack)': { args: [NEXT_BIN, 'dev', '--port', '3402'], devWorker: true },
  'next start': { args: [NEXT_BIN, 'start', '--port', '3402'], devWorker: false },
};

async function signUp(page: Page, email: string) {
  await page.goto(`${APP}/login`);
  // The provider registers the worker after hydration; the first visit's page is claimed, no reload.
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // Typed before hydration, React would reset the inputs: the form enables its buttons once hydrated.
  await expect(page.getByRole('button', { name: 'Sign up' })).toBeEnabled();
  await page.getByPlaceholder('Name (sign-up)').fill('Ada');
  await page.getByPlaceholder('Email').fill(email);
  await page.getByPlaceholder('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  // Sign-up hashes the password (scrypt) and `next dev` may still compile: allow for a loaded machine.
  await expect(page.getByTestId('user-email')).toHaveText(email, { timeout: 30_000 });
}

const tasks = (page: Page) => page.getByTestId('tasks').getByRole('listitem');
const titles = (page: Page) => page.getByTestId('tasks').locator('li span');

async function addTask(page: Page, title: string) {
  await page.getByPlaceholder('New task').fill(title);
  await page.getByRole('button', { name: 'Add' }).click();
  await expect(tasks(page).filter({ hasText: title })).toHaveCount(1);
}

for (const [name, { args, devWorker }] of Object.entries(servers)) {
  test(`${name}: sign up, CRUD against FastAPI with the worker's token, one retry after a 401, session expiry and sign-out in every tab`, async ({
    page,
    context,
  }) => {
    test.setTimeout(240_000);
    const app = await startServer(args, { cwd, env, readyUrl: `${APP}/api/auth/ok`, timeoutMs: 120_000 });
    try {
      // `next dev` compiles each route on its first request: compile them now, not under the test's clock.
      for (const path of ['/login', '/']) expect((await fetch(APP + path)).ok).toBe(true);
      // The worker Next serves is the one for this mode, revalidated on every load.
      const sw = await fetch(`${APP}/sw.js`);
      expect(sw.headers.get('cache-control')).toBe('no-cache');
      const script = await sw.text();
      expect(script).toContain(API);
      expect(script.includes('console.debug("[bearer-worker]"')).toBe(devWorker);

      const callsBefore = (await apiCalls()).length;
      const email = `ada-${Date.now()}@example.test`;
      await signUp(page, email);
      await expect(page.getByText('Loading…')).toHaveCount(0);

      // Create, list, update, delete: each a plain fetch() the API answers only with a verified JWT.
      await addTask(page, 'Buy milk');
      await addTask(page, 'Walk the dog');
      await tasks(page).filter({ hasText: 'Buy milk' }).getByRole('checkbox').click(); // checked once the API says so
      await expect(tasks(page).filter({ hasText: 'Buy milk' }).getByRole('checkbox')).toBeChecked();
      await page.getByRole('button', { name: 'Delete Buy milk' }).click();
      await expect(titles(page)).toHaveText(['Walk the dog']);
      await page.reload();
      await expect(titles(page)).toHaveText(['Walk the dog']);
      await expect(page.getByTestId('error')).toHaveCount(0);

      // The API refuses the next call once (as one lagging behind a key rotation would): the worker retries
      // once with a fresh token. Better Auth mints byte-identical tokens within one second (iat in seconds),
      // so the refused token is made at least a second old first: the fresh one then differs.
      const lastIat = Math.max(...(await apiCalls()).map((c) => c.token?.iat ?? 0));
      await expect.poll(() => Math.floor(Date.now() / 1000)).toBeGreaterThan(lastIat);
      await fetch(`${API}/test/refuse-next`, { method: 'POST' });
      const beforeRetry = (await apiCalls()).length;
      await addTask(page, 'After a refusal');
      await expect(page.getByTestId('error')).toHaveCount(0);
      const [refused, retried, ...rest] = (await apiCalls()).slice(beforeRetry);
      expect([refused?.method, refused?.status, retried?.method, retried?.status]).toEqual(['POST', 401, 'POST', 201]);
      expect(retried!.token!.fingerprint).not.toBe(refused!.token!.fingerprint);
      expect(rest.every((c) => c.method === 'GET' && c.status === 200)).toBe(true);

      // The page never gets the token: the worker refuses the token endpoint, and no response it can read
      // carries one.
      const probe = await page.evaluate(async (api) => {
        const token = await fetch('/api/auth/token');
        const session = await fetch('/api/auth/get-session');
        const own = await fetch(`${api}/api/v1/control/tasks`, { headers: { authorization: 'Bearer not-a-jwt' } });
        return {
          token: token.status,
          tokenBody: await token.text(),
          sessionJwt: session.headers.get('set-auth-jwt'),
          own: own.status,
          cookies: document.cookie,
        };
      }, API);
      expect(probe.token).toBe(403);
      expect(probe.tokenBody).not.toMatch(/eyJ/);
      expect(probe.sessionJwt).toBeNull();
      expect(probe.cookies).not.toMatch(/eyJ/);
      // Control: a request with its own Authorization is left alone, and the API refuses it.
      expect(probe.own).toBe(401);

      // Every call the API saw from the app carried a Bearer token it verified (bar the one refusal above).
      const fromApp = (await apiCalls()).slice(callsBefore).filter((c) => !c.path.includes('/control/'));
      expect(fromApp.length).toBeGreaterThanOrEqual(8);
      expect(fromApp.filter((c) => !c.bearer || !c.token)).toEqual([]);
      expect(fromApp.filter((c) => c.status >= 400)).toEqual([refused]);

      // The session ends on the server (revoked) while two tabs are open. The API refuses the next call; the
      // worker's fresh token fetch answers 401, so it signs out once and both tabs land on the login page
      // saying the session expired, with the way back.
      const other = await context.newPage();
      await other.goto(`${APP}/`);
      await expect(other.getByTestId('user-email')).toHaveText(email);
      await expect.poll(() => other.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
      // The email is rendered on the server; the list is the tab's own API call, after hydration. Revoked
      // before that call, the other tab would find the session gone first and send both tabs to the login
      // page before this tab's "Add" is clicked.
      await expect(titles(other)).toHaveText(['Walk the dog', 'After a refusal']);
      const beforeRevoke = (await apiCalls()).length;
      const db = new Database(env.AUTH_DB);
      try {
        db.prepare('DELETE FROM session').run();
      } finally {
        db.close();
      }
      await fetch(`${API}/test/refuse-next`, { method: 'POST' });
      await page.getByPlaceholder('New task').fill('Too late');
      await page.getByRole('button', { name: 'Add' }).click();
      const expired = `${APP}/login?session_expired=true&returnTo=%2F`;
      await expect(page).toHaveURL(expired);
      await expect(other).toHaveURL(expired);
      await expect(page.getByText('Your session expired. Please sign in again.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
      // The one-shot refusal was spent here, on "Too late" (it refuses only a token the API verified). Left
      // armed (a call without a token leaves it so), it would refuse the first call after the sign-in below,
      // whose re-minted token is byte-identical within the second: token-rejected, and an empty list.
      const verified = (await apiCalls()).slice(beforeRevoke).filter((c) => c.token);
      expect(verified.map((c) => [c.method, c.status])).toEqual([['POST', 401]]);

      // Sign in again from there, then sign out in one tab: the worker signs out once, every tab goes to
      // the login page.
      await page.getByPlaceholder('Email').fill(email);
      await page.getByPlaceholder('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('user-email')).toHaveText(email, { timeout: 30_000 });
      // The client-side navigation's list, from the API under the new session's token, with no reload.
      await expect(titles(page)).toHaveText(['Walk the dog', 'After a refusal']);
      await expect(page.getByTestId('error')).toHaveCount(0);
      await other.goto(`${APP}/`);
      await expect(other.getByTestId('user-email')).toHaveText(email);
      // The list means the provider's effect ran: the bridge that hears the sign-out exists in that tab.
      await expect(titles(other)).toHaveText(['Walk the dog', 'After a refusal']);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(`${APP}/login`);
      await expect(other).toHaveURL(`${APP}/login`);
      await other.goto(`${APP}/`);
      await expect(other).toHaveURL(`${APP}/login`);
      await other.close();
    } catch (error) {
      console.log(app.output());
      throw error;
    } finally {
      await app.stop();
    }
  });
}

test('next start: public/ and nothing else, under every traversal spelling', async () => {
  const app = await startServer(servers['next start']!.args, { cwd, env, readyUrl: `${APP}/api/auth/ok` });
  try {
    // public/ is one folder below the example, where the canary goes. Next answers `\\` and `//` with a 308
    // to the tidied path: where it sends the client must be refused too.
    await expectNothingOutsideServed(APP, {
      canaryDir: cwd,
      mounts: [['', 1]],
      secret: env.BETTER_AUTH_SECRET,
      followRedirect: true,
    });
  } finally {
    await app.stop();
  }
});

test('without BETTER_AUTH_SECRET `next start` refuses to start', async () => {
  await expectRefusesWithoutSecret(servers['next start']!.args, { cwd, env, origin: APP, bindsFirst: true });
});
