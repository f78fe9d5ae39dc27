import { describe, expect, it } from 'vitest';
import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { makeJwt } from '../sw/test-support/test-tokens.js';
import { buildWorkerScript } from './build-worker-script.js';

const APP = 'https://app.example';
const API = 'https://api.example/api/tasks';

/**
 * Runs a built worker script in a fake service worker global: what the unit tests cannot see, since they run
 * the sources, is whether the minified, mangled and trimmed bundle still works and still speaks the protocol.
 */
async function runWorker(code: string, apiStatus: (n: number) => number = () => 200) {
  const listeners: Record<string, (event: never) => void> = {};
  const sent: Array<{ url: string; auth: string | null; marker: string | null }> = [];
  let tokens = 0;
  /** Requests handed to fetch already aborted: the browser's fetch rejects them before they leave. */
  const fetchedAborted: string[] = [];
  /** Every Request the worker builds: the page-load warm-up's are built aborted. */
  const built: Request[] = [];
  const TrackedRequest = class extends Request {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(input, init);
      built.push(this);
    }
  };
  /** The aborted requests the worker built with a token on them (their headers read now, set after building). */
  const aborted = () =>
    built
      .filter((r) => r.signal.aborted && r.headers.has('authorization'))
      .map((r) => ({ url: r.url, auth: r.headers.get('authorization') }));
  const fetch = async (input: Request | string) => {
    // A worker's fetch resolves a relative URL against the worker's own.
    const request = new Request(typeof input === 'string' ? new URL(input, APP) : input);
    if (request.signal.aborted) {
      fetchedAborted.push(request.url);
      throw new DOMException('aborted', 'AbortError');
    }
    if (request.url === APP + '/api/auth/token') {
      const iat = Math.floor(Date.now() / 1000);
      return Response.json({ token: makeJwt({ sub: 'u1', iat, exp: iat + 600, n: ++tokens }) });
    }
    sent.push({ url: request.url, auth: request.headers.get('authorization'), marker: request.headers.get('x-app') });
    return new Response('{}', { status: apiStatus(sent.length) });
  };
  const store = new Map<string, Response>();
  const caches = {
    open: async () => ({
      match: async (key: string) => store.get(key),
      put: async (key: string, res: Response) => void store.set(key, res),
      delete: async (key: string) => store.delete(key),
    }),
  };
  let skippedWaiting = 0;
  const self = {
    location: new URL(APP + '/sw.js'),
    registration: { scope: APP + '/' },
    clients: { claim: async () => {}, matchAll: async () => [] },
    skipWaiting: async () => void skippedWaiting++,
    addEventListener: (type: string, listener: (event: never) => void) => void (listeners[type] = listener),
  };
  // Chromium's URLPattern, enough for the rules the worker installs (Node 20 has none).
  const URLPattern = class {
    constructor(
      readonly init: unknown,
      readonly options: unknown,
    ) {}
  };
  new Function('self', 'location', 'fetch', 'caches', 'URLPattern', 'Request', code)(
    self,
    self.location,
    fetch,
    caches,
    URLPattern,
    TrackedRequest,
  );

  /** The Static Routing rules the worker installs. */
  const install = async () => {
    let rules: unknown[] = [];
    const waits: Promise<unknown>[] = [];
    listeners.install!({
      addRoutes: async (r: unknown[]) => void (rules = r),
      waitUntil: (p: Promise<unknown>) => void waits.push(p),
    } as never);
    await Promise.all(waits);
    return rules as Array<{ condition: Record<string, unknown>; source: string }>;
  };

  const call = async (url: string, init?: RequestInit, page = 'page-1') => {
    let response: Promise<Response> | undefined;
    const waits: Promise<unknown>[] = [];
    listeners.fetch!({
      request: new Request(url, { mode: 'cors', ...init }),
      clientId: page,
      respondWith: (r: Promise<Response>) => void (response = r),
      waitUntil: (p: Promise<unknown>) => void waits.push(p),
    } as never);
    const res = await response;
    await Promise.all(waits);
    return res;
  };
  /** Sends a request from `page`; resolves with the reply once the work it started is done. */
  const ask = (type: string, page = 'page-1') =>
    new Promise<{ ok: boolean; value: Record<string, unknown> }>((resolve) => {
      const waits: Promise<unknown>[] = [];
      listeners.message!({
        source: {
          type: 'window',
          url: APP + '/',
          id: page,
          postMessage: (m: { ok: boolean; value: Record<string, unknown> }) =>
            setTimeout(() => void Promise.all(waits).then(() => resolve(m))),
        },
        data: { protocol: 'bearer-worker', version: 1, id: 'm1', type },
        ports: [],
        waitUntil: (p: Promise<unknown>) => void waits.push(p),
      } as never);
    });
  return {
    call,
    ask,
    install,
    sent,
    aborted,
    fetchedAborted,
    tokens: () => tokens,
    skippedWaiting: () => skippedWaiting,
  };
}

describe('the built worker', () => {
  it('production build (minified, workbox-routing as published) works and speaks the protocol', async () => {
    const code = await buildWorkerScript({ apiOrigins: ['https://api.example'], apiPathPrefix: '/api' });
    // workbox-routing's Route objects, unpatched; its Router (and the methods it carries) is not bundled.
    expect(code).toContain('workbox:routing');
    expect(code).not.toContain('addCacheListener');
    const w = await runWorker(code, (n) => (n === 2 ? 401 : 200));
    const rules = await w.install();
    // An update takes over at once: calls keep their token and no page has to reload.
    expect(w.skippedWaiting()).toBe(1);
    expect(rules[0]!.condition.urlPattern).toMatchObject({ options: { ignoreCase: true } });
    expect(rules.map((r) => r.condition.requestMode).filter(Boolean)).toEqual(['navigate', 'no-cors']);
    expect((await w.call(API))?.status).toBe(200);
    expect(w.sent[0]!.auth).toMatch(/^Bearer ey/);
    // A 401: one refresh, one retry with the new token.
    expect((await w.call(API, { method: 'POST', body: 'x' }))?.status).toBe(200);
    expect(w.tokens()).toBe(2);
    expect(w.sent[2]!.auth).not.toBe(w.sent[1]!.auth);
    // Requests that are not the API's pass by (the router does not answer them), nor do paths outside its prefix.
    expect(await w.call('https://other.example/x')).toBeUndefined();
    expect(await w.call('https://api.example/apix')).toBeUndefined();
    const reply = await w.ask('status');
    expect(reply.ok).toBe(true);
    // No counters or events: only workers built with the inspector keep them.
    expect(Object.keys(reply.value).sort()).toEqual(
      [
        'apiOrigins',
        'build',
        'generation',
        'protocolVersion',
        'rejectBackoffUntil',
        'session',
        'signedOutLatch',
        'startedAt',
        'token',
        'tokenBackoffUntil',
        'userId',
      ].sort(),
    );
    expect(reply.value).toMatchObject({
      session: 'signed-in',
      userId: 'u1',
      signedOutLatch: false,
      token: { claims: { sub: 'u1' } },
    });
    expect(Object.keys(reply.value.token as object).sort()).toEqual(['claims', 'expiresAt', 'refreshAt']);
  });

  it('the page-load hint: answered in the worker, a token for that page, nothing sent to the API', async () => {
    const code = await buildWorkerScript({ apiOrigins: ['https://api.example'], apiPathPrefix: '/api' });
    const w = await runWorker(code);
    const hint = APP + '/api/auth' + PAGE_LOADED_PATH;
    // A visitor with no session seen here: answered, nothing else.
    expect((await w.call(hint))?.status).toBe(204);
    expect([w.tokens(), w.sent.length, w.aborted().length]).toEqual([0, 0, 0]);
    expect((await w.call(API))?.status).toBe(200);
    // A page loaded after that: its own token, and nothing else leaves. The warm-up builds the page's
    // authorized request once, aborted, and never hands it to fetch().
    expect((await w.call(hint, undefined, 'page-2'))?.status).toBe(204);
    expect(w.tokens()).toBe(2);
    expect(w.sent).toHaveLength(1);
    expect(w.aborted()).toEqual([{ url: 'https://api.example/api', auth: expect.stringMatching(/^Bearer eyJ/) }]);
    expect(w.fetchedAborted).toEqual([]);
  });

  it('requireHeader and staticRoutes from the compiled config decide (marker required, then removed)', async () => {
    const code = await buildWorkerScript({
      apiOrigins: ['https://api.example'],
      apiPathPrefix: '/api',
      requireHeader: 'X-App',
      staticRoutes: 'cross-origin',
    });
    const w = await runWorker(code);
    // 'cross-origin': every same-origin request reaches the worker first (the default, 'all', sends Better
    // Auth's path there, in any letter case, and navigations to the network).
    const rules = await w.install();
    expect(rules[0]).toEqual({
      condition: { urlPattern: expect.objectContaining({ hostname: 'app.example' }) },
      source: 'fetch-event',
    });
    expect(rules.map((r) => r.condition.requestMode).filter(Boolean)).toEqual(['no-cors']);
    expect(await w.call(API)).toBeUndefined();
    expect((await w.call(API, { headers: { 'x-app': '1' } }))?.status).toBe(200);
    expect(w.sent).toEqual([{ url: API, auth: expect.stringMatching(/^Bearer ey/), marker: null }]);
  });

  it('the inspector build counts and logs in the minified bundle too', async () => {
    const code = await buildWorkerScript({
      apiOrigins: ['https://api.example'],
      apiPathPrefix: '/api',
      inspector: true,
    });
    const w = await runWorker(code);
    await w.call(API);
    const { value } = await w.ask('status');
    expect(value.counters).toMatchObject({ authorized: 1, tokenFetches: 1 });
    expect((value.events as Array<{ type: string }>).map((e) => e.type)).toContain('token-minted');
  });
});
