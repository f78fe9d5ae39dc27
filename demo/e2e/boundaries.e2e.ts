// Boundaries that hold under every spelling — the token endpoint, the API path prefix,
// redirects, and markup that looks like script.
import { expect, test, type Page } from '@playwright/test';
import {
  API,
  API_ORIGIN,
  APP,
  JWT_PATTERN,
  PASSWORD,
  pageFetch,
  resetStack,
  resetStats,
  serverStats,
  signUp,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

/** What page script can read of a same-origin URL: by fetch, and as an iframe's document. */
async function readable(page: Page, url: string): Promise<string[]> {
  return page.evaluate(async (url) => {
    const fetched = await fetch(url).then(
      (r) => r.text(),
      (e: Error) => `fetch failed: ${e.message}`,
    );
    const framed = await new Promise<string>((resolve) => {
      const frame = document.createElement('iframe');
      frame.onload = () => {
        try {
          resolve(frame.contentDocument?.documentElement.textContent ?? '');
        } catch {
          resolve('cross-origin frame');
        }
      };
      frame.src = url;
      document.body.append(frame);
    });
    return [fetched, framed];
  }, url);
}

test('the token endpoint is unreachable from page script under every spelling a server might accept', async ({
  page,
  context,
}) => {
  await signUp(page);
  // Control: outside the browser's worker, the demo's lenient server (demo/servers/lenient-path.ts) hands
  // out a JWT to this session's cookie under most of these spellings.
  let served = 0;

  const spellings = [
    '/api/auth/token',
    '/api/auth/token/',
    '/api/auth/token//',
    '/api/auth//token',
    '/api//auth/token',
    '//api/auth/token',
    '/api/auth/%74oken',
    '/api/auth/%2574oken',
    '/api/auth/TOKEN',
    '/API/AUTH/token',
    '/api/auth/token;x=1',
    '/api/auth/token?x=1',
    '/api/auth/x/..%2ftoken',
    '/api/auth%2ftoken',
  ];
  for (const path of spellings) {
    if (JWT_PATTERN.test(await (await context.request.get(APP + path)).text())) served++;
    const [fetched, framed] = await readable(page, APP + path);
    expect(fetched, `fetch ${path}`).not.toMatch(JWT_PATTERN);
    expect(framed, `iframe ${path}`).not.toMatch(JWT_PATTERN);
  }
  expect(served).toBeGreaterThanOrEqual(10);
});

test('apiPathPrefix is a boundary: encoded separators, dot segments and ; parameters get no token', async ({
  page,
  request,
}) => {
  await signUp(page);
  await resetStats(request);
  const probes = [
    '/api/..%2fapi/health',
    '/api/%2e%2e%2fhealth',
    '/api;x/health',
    '/api/x%5c..%5chealth',
    '/api/%2E%2E/health',
  ];
  for (const [i, path] of probes.entries()) await pageFetch(page, `${API_ORIGIN}${path}?via=p${i}`);
  // A plain path under the prefix, as a control: it does get the token.
  await pageFetch(page, `${API}/health?via=control`);
  const log = (await serverStats(request)).api.log;
  const byVia = Object.fromEntries(log.map((e) => [new URL(e.path, API_ORIGIN).searchParams.get('via'), e.bearer]));
  expect(byVia).toEqual({ p0: false, p1: false, p2: false, p3: false, p4: false, control: true });
});

test('cross-origin redirects (301, 302, 303, 307, 308) drop the token; same-origin redirects keep it', async ({
  page,
  request,
}) => {
  await signUp(page);
  await resetStats(request);
  for (const status of [301, 302, 303, 307, 308]) {
    for (const to of ['cross', 'same']) {
      // The page never sees where it ends up (a cross-origin hop taints CORS); the API's log does.
      await page.evaluate(
        (url) => fetch(url, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } }).catch(() => {}),
        `${API}/redirect/${status}?to=${to}&via=${to}-${status}`,
      );
    }
  }
  const log = (await serverStats(request)).api.log;
  const landed = Object.fromEntries(
    log
      .filter((e) => e.path.startsWith('/api/health') && e.method !== 'OPTIONS')
      .map((e) => [new URL(e.path, API_ORIGIN).searchParams.get('via'), e.bearer]),
  );
  expect(landed).toEqual({
    'cross-301': false,
    'cross-302': false,
    'cross-303': false,
    'cross-307': false,
    'cross-308': false,
    'same-301': true,
    'same-302': true,
    'same-303': true,
    'same-307': true,
    'same-308': true,
  });
  // Every first hop carried the token: the drop is the redirect's doing.
  expect(log.filter((e) => e.path.startsWith('/api/redirect/')).every((e) => e.bearer)).toBe(true);
});

/** Adds <link rel=preload as=fetch crossorigin> (or prefetch) to the API and waits for the API to see it. */
async function markup(page: Page, rel: 'preload' | 'prefetch', url: string): Promise<void> {
  await page.evaluate(
    ({ rel, url }) => {
      const link = document.createElement('link');
      link.rel = rel;
      if (rel === 'preload') link.as = 'fetch';
      link.crossOrigin = 'anonymous';
      link.href = url;
      document.head.append(link);
    },
    { rel, url },
  );
}

test('markup that looks like script: by default <link rel=preload as=fetch crossorigin> gets a token; with requireHeader it does not', async ({
  page,
  context,
  request,
}) => {
  // Default worker (the demo's): the threat model says so, and this proves it.
  await signUp(page);
  await resetStats(request);
  await markup(page, 'preload', `${API}/health?via=preload-default`);
  await expect.poll(async () => (await serverStats(request)).api.log.length).toBeGreaterThan(0);
  expect((await serverStats(request)).api.log.find((e) => e.path.includes('preload-default'))?.bearer).toBe(true);

  // The same worker built with requireHeader: 'x-bearer-worker', on a page without the bridge.
  const other = await context.browser()!.newContext({ serviceWorkers: 'allow', baseURL: APP });
  const blank = await other.newPage();
  await blank.goto('/blank.html');
  const email = `marked${Date.now()}@example.test`;
  expect(
    (
      await other.request.post(`${APP}/api/auth/sign-up/email`, {
        headers: { origin: APP },
        data: { email, password: PASSWORD, name: 'Marked' },
      })
    ).ok(),
  ).toBe(true);
  await blank.evaluate(async () => {
    await navigator.serviceWorker.register('/sw-marked.js');
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await resetStats(request);
  await markup(blank, 'preload', `${API}/health?via=preload-marked`);
  await markup(blank, 'prefetch', `${API}/health?via=prefetch-marked`);
  expect((await pageFetch(blank, `${API}/health?via=plain-marked`)).status).toBe(200);
  // The marker header reaches the worker only: the API's CORS allows just authorization and content-type,
  // so a marker that went on would fail the preflight.
  expect(
    (await pageFetch(blank, `${API}/health?via=header-marked`, { headers: { 'x-bearer-worker': '1' } })).status,
  ).toBe(200);
  await expect
    .poll(async () => (await serverStats(request)).api.log.filter((e) => e.method !== 'OPTIONS').length)
    .toBe(4);
  const byVia = Object.fromEntries(
    (await serverStats(request)).api.log
      .filter((e) => e.method !== 'OPTIONS')
      .map((e) => [new URL(e.path, API_ORIGIN).searchParams.get('via'), e.bearer]),
  );
  expect(byVia).toEqual({
    'preload-marked': false,
    'prefetch-marked': false,
    'plain-marked': false,
    'header-marked': true,
  });
  await other.close();
});

test('a worker served from a sub-path (/app/sw.js, scope /) still keeps every spelling of the token endpoint', async ({
  browser,
}) => {
  const context = await browser.newContext({ serviceWorkers: 'allow', baseURL: APP });
  const page = await context.newPage();
  await page.goto('/blank.html');
  const email = `subpath${Date.now()}@example.test`;
  expect(
    (
      await context.request.post(`${APP}/api/auth/sign-up/email`, {
        headers: { origin: APP },
        data: { email, password: PASSWORD, name: 'Sub Path' },
      })
    ).ok(),
  ).toBe(true);
  const scriptURL = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.register('/app/sw.js', { scope: '/' });
    if (!navigator.serviceWorker.controller)
      await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    return registration.active?.scriptURL ?? navigator.serviceWorker.controller!.scriptURL;
  });
  expect(scriptURL).toBe(`${APP}/app/sw.js`);
  // Each spelling needs one of the worker's odd-spelling rules; the demo's lenient server answers all of them.
  const spellings = [
    '/api;x/auth/token',
    '/%61pi/auth/token',
    '/api/auth/%74oken',
    '//api/auth/token',
    '/api//auth/token',
  ];
  let served = 0;
  for (const path of spellings) {
    if (JWT_PATTERN.test(await (await context.request.get(APP + path)).text())) served++;
    const [fetched, framed] = await readable(page, APP + path);
    expect(fetched, `fetch ${path}`).not.toMatch(JWT_PATTERN);
    expect(framed, `iframe ${path}`).not.toMatch(JWT_PATTERN);
  }
  expect(served).toBe(spellings.length);
  await context.close();
});
