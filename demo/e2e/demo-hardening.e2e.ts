import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { API, API_ORIGIN, APP, AUTH_ORIGIN, DEMO_HEADERS, pageFetch, resetStack, signUp } from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));

test('the app runs under a strict CSP: no inline script, no eval, requests only to the app, the API and the second Better Auth', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => void (/Content Security Policy/.test(m.text()) && violations.push(m.text())));
  const res = await page.goto('/login');
  const csp = res!.headers()['content-security-policy'] ?? '';
  const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  expect(directives['script-src']).toEqual(["'self'"]);
  expect(directives['connect-src']).toEqual(expect.arrayContaining(["'self'", API_ORIGIN]));
  expect(directives['connect-src']!.filter((s) => s !== "'self'" && s !== API_ORIGIN)).toEqual([
    AUTH_ORIGIN,
    APP.replace('http', 'ws'),
  ]);
  expect(directives['worker-src']).toEqual(["'self'"]);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);

  // The whole flow works under it: sign up, the worker, an API call, the task list.
  const { userId } = await signUp(page);
  await page.getByTestId('new-task-title').fill('under CSP');
  await page.getByTestId('add-task').click();
  await expect(page.getByTestId('task-title')).toHaveText('under CSP');
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);

  // And it is enforced: an injected inline script does not run, a request to another origin is refused.
  const blocked = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    const elsewhere = await fetch('http://127.0.0.1:9/').then(
      () => 'sent',
      () => 'refused',
    );
    return { inline: (window as { __inlineRan?: boolean }).__inlineRan ?? false, elsewhere };
  });
  expect(blocked).toEqual({ inline: false, elsewhere: 'refused' });
  expect(violations.filter((v) => !/inline|127\.0\.0\.1:9/.test(v))).toEqual([]);
});

test('a page on another localhost port cannot revoke the session or change faults through /demo/*', async ({
  page,
  context,
  request,
}) => {
  // Another origin on the same site: cookies are sent along, so only the Origin check stands in the way.
  const foreign: Server = createServer((_, res) => res.end('<!doctype html><title>foreign</title>'));
  await new Promise<void>((r) => foreign.listen(0, 'localhost', r));
  const foreignOrigin = `http://localhost:${(foreign.address() as AddressInfo).port}`;
  try {
    await signUp(page);
    const attacker = await context.newPage();
    await attacker.goto(foreignOrigin);
    const statuses: Record<string, number> = {};
    attacker.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/demo/')) statuses[`${r.request().method()} ${path}`] = r.status();
    });
    const attempts = await attacker.evaluate(async (app) => {
      const tries = [
        fetch(`${app}/demo/revoke-session`, { method: 'POST', mode: 'no-cors', credentials: 'include' }),
        fetch(`${app}/demo/faults`, {
          method: 'POST',
          mode: 'no-cors',
          credentials: 'include',
          headers: { 'content-type': 'text/plain' },
          body: '{"tokenMode":"fail"}',
        }),
        // A JSON request needs a CORS preflight, which the app origin never grants: it is never sent.
        fetch(`${app}/demo/settings`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: '{"jwtTtlSeconds":5}',
        }),
        fetch(`${app}/demo/stats`, { mode: 'no-cors', credentials: 'include' }),
      ];
      // A classic form post, as injected markup would send it.
      const frame = Object.assign(document.createElement('iframe'), { name: 'sink' });
      document.body.append(frame);
      const form = Object.assign(document.createElement('form'), {
        method: 'POST',
        action: `${app}/demo/reset`,
        target: 'sink',
      });
      document.body.append(form);
      const posted = new Promise((r) => frame.addEventListener('load', r, { once: true }));
      form.submit();
      await posted;
      return Promise.all(
        tries.map((t) =>
          t.then(
            (r) => r.type,
            () => 'refused',
          ),
        ),
      );
    }, APP);
    // Nothing readable came back (opaque, or refused by CORS) ...
    expect(attempts).toEqual(['opaque', 'opaque', 'refused', 'opaque']);
    // ... and the server refused each one itself (the browser reports these statuses to the test, not to the page).
    await expect.poll(() => Object.keys(statuses).length).toBe(4);
    expect(statuses).toEqual({
      'POST /demo/revoke-session': 403,
      'POST /demo/faults': 403,
      'GET /demo/stats': 403,
      'POST /demo/reset': 403,
    });
    // Nothing changed: the faults, the settings, and the session.
    const faults = await request.get(`${APP}/demo/faults`, { headers: DEMO_HEADERS });
    expect(await faults.json()).toMatchObject({ tokenMode: 'normal' });
    const settings = await request.get(`${APP}/demo/settings`, { headers: DEMO_HEADERS });
    expect(await settings.json()).toEqual({ jwtTtlSeconds: 900 });
    expect((await pageFetch(page, '/api/auth/get-session')).body).toMatch(/"user"/);
  } finally {
    await new Promise((r) => foreign.close(r));
  }
});

test('the tasks API refuses a 100 kB body with 413, readable by the app (CORS headers)', async ({ page }) => {
  const { userId } = await signUp(page);
  const body = JSON.stringify({ title: 'big', description: 'x'.repeat(100 * 1024) });
  const res = await pageFetch(page, `${API}/v1/${userId}/tasks`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body)).toEqual({ detail: expect.stringMatching(/larger than/) });
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).body).toBe('{"tasks":[]}');
});
