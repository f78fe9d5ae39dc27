import { expect, test } from '@playwright/test';
import {
  API,
  API_ORIGIN,
  JWT_PATTERN,
  pageFetch,
  resetStack,
  resetStats,
  serverStats,
  sha256,
  signUp,
  workerStatus,
} from './stack.js';

test.beforeEach(async ({ request }) => resetStack(request));
// The demo's CSP limits connect-src to the app and the API: the look-alike probes below need it lifted.
test.use({ bypassCSP: true });

// Navigations and iframes to the API origin are not here: the browser gives them to the API origin's own
// worker, never to ours, so such a probe could not fail (the matcher's navigate check is unit-tested).
test('no token on an <img> (plain or crossorigin) to the API origin, or a request to a look-alike origin', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  // Warm: the worker holds a token, so a leak would have something to leak.
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  await resetStats(request);

  await page.evaluate(async (api) => {
    const load = (el: HTMLImageElement) =>
      new Promise<void>((done) => {
        el.onload = el.onerror = () => done();
        document.body.append(el);
      });
    const img = document.createElement('img');
    img.src = `${api}/health?via=img`;
    const corsImg = document.createElement('img');
    corsImg.crossOrigin = 'anonymous';
    corsImg.src = `${api}/health?via=img-crossorigin`;
    await Promise.all([load(img), load(corsImg)]);
  }, API);
  // A look-alike origin: the same server under another name, and a page-set Authorization left alone.
  const lookAlike = API.replace('localhost', '127.0.0.1');
  expect((await pageFetch(page, `${lookAlike}/health?via=look-alike`)).status).toBe(200);
  expect(
    (await pageFetch(page, `${API}/health?via=own-header`, { headers: { authorization: 'Bearer page-set' } })).status,
  ).toBe(200);

  const { api } = await serverStats(request);
  // Only the probes: the app's own task list may refetch meanwhile (TanStack Query on focus).
  const probes = api.log.filter((e) => new URL(e.path, API_ORIGIN).searchParams.has('via'));
  const byVia = Object.fromEntries(probes.map((e) => [new URL(e.path, API_ORIGIN).searchParams.get('via'), e]));
  expect(probes).toHaveLength(4);
  expect(Object.keys(byVia).sort()).toEqual(['img', 'img-crossorigin', 'look-alike', 'own-header']);
  for (const via of ['img', 'img-crossorigin', 'look-alike']) expect(byVia[via].bearer, via).toBe(false);
  expect(byVia['own-header'].tokenId).toBe(sha256('page-set').slice(0, 16));
});

test('page requests to the token endpoint are refused, and hostile messages change nothing', async ({
  page,
  request,
}) => {
  const { userId } = await signUp(page);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  await resetStats(request);

  const refused = await pageFetch(page, '/api/auth/token');
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body)).toMatchObject({ code: 'token-endpoint-blocked' });
  expect(refused.body).not.toMatch(/eyJ/);

  // Same-origin no-cors responses and iframe documents are readable by page script: refused too.
  const noCors = await pageFetch(page, '/api/auth/token', { mode: 'no-cors' });
  expect(noCors.status).toBe(403);
  expect(noCors.body).not.toMatch(/eyJ/);
  const session = await pageFetch(page, '/api/auth/get-session', { mode: 'no-cors' });
  expect(session.status).toBe(200);
  expect(JSON.stringify(session)).not.toMatch(JWT_PATTERN);
  const framed = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const frame = document.createElement('iframe');
        frame.onload = () => resolve(frame.contentDocument?.body.textContent ?? '');
        frame.src = '/api/auth/token';
        document.body.append(frame);
      }),
  );
  expect(framed).toContain('token-endpoint-blocked');
  expect(framed).not.toMatch(/eyJ/);
  expect((await serverStats(request)).auth.tokenRequests).toBe(0);

  const before = await workerStatus(page);
  const replies = await page.evaluate(async () => {
    const sw = navigator.serviceWorker.controller!;
    const send = (data: unknown, onReply: (reply: unknown) => void) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = (e) => onReply(e.data);
      sw.postMessage(data, [port2]);
    };
    // The last message is answered (an envelope of another version gets its coded error), however busy the
    // machine: awaited without a deadline. The worker handles messages in order, so once it has answered
    // that one it has had every hostile one; each then gets a further 500 ms in which a reply would show.
    let answered: (reply: unknown) => void = () => {};
    const last = new Promise((resolve) => (answered = resolve));
    const hostile = (data: unknown) =>
      new Promise((resolve) => {
        send(data, resolve);
        void last.then(() => setTimeout(() => resolve('no answer'), 500));
      });
    const asked = [
      hostile('status'),
      hostile({ type: 'status' }),
      hostile({
        protocol: 'bearer-worker',
        version: 1,
        id: 'x',
        type: 'set-token',
        payload: 'eyJhbGciOi.eyJzdWIi.sig',
      }),
      hostile({ protocol: 'bearer-worker', version: 1, id: 'y', type: 'get-token' }),
      hostile({
        protocol: 'bearer-worker',
        version: 1,
        id: 'z',
        type: 'set-config',
        apiOrigins: ['https://evil.example'],
      }),
    ];
    send({ protocol: 'bearer-worker', version: 99, id: 'v', type: 'status' }, answered);
    return Promise.all([...asked, last]);
  });
  expect(replies.slice(0, 5)).toEqual(Array(5).fill('no answer'));
  expect(replies[5]).toMatchObject({ ok: false, error: { code: 'version-mismatch' } });

  const after = await workerStatus(page);
  expect(after.apiOrigins).toEqual(before.apiOrigins);
  expect(after.token?.expiresAt).toBe(before.token?.expiresAt);
  expect(after.startedAt).toBe(before.startedAt);
  expect((await pageFetch(page, `${API}/v1/${userId}/tasks`)).status).toBe(200);
  const stats = await serverStats(request);
  expect(stats.auth.tokenRequests).toBe(0);
  expect(stats.api.log.map((e) => e.bearer)).toEqual([true]);
});
