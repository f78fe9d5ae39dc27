import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WORKER_ERROR_HEADER } from '../src/shared/error-codes.js';
import { createApiHandler } from './create-api-handler.js';
import { resolveConfig } from './resolve-config.js';
import { SignOutCoordinator } from './sign-out-coordinator.js';
import { makeJwt } from './test-tokens.js';
import { TokenProvider } from './token-provider.js';
import { WorkerState } from './worker-state.js';

const APP = 'http://app.test';
const API = 'http://localhost:8000/api/v1/u1/tasks';

/** A fake auth server and API; counts what they saw. */
function setup(
  opts: {
    tokenStatus?: () => number;
    apiStatus?: (auth: string | null, n: number) => number;
    hold?: (n: number) => Promise<void> | undefined;
  } = {},
) {
  let now = 1_000_000;
  const seen = {
    tokenFetches: 0,
    signOutPosts: 0,
    api: [] as Array<{ auth: string | null; body: string; type: string | null }>,
    messages: [] as unknown[],
  };
  let minted = 0;
  const authFetch = vi.fn(async (url: string | URL | Request) => {
    const u = String(url);
    if (u.endsWith('/token')) {
      seen.tokenFetches++;
      const status = opts.tokenStatus?.() ?? 200;
      if (status !== 200) return new Response('{}', { status });
      return Response.json({ token: makeJwt({ sub: 'u1', iat: 1000, exp: 1000 + 60, n: ++minted }) });
    }
    if (u.endsWith('/sign-out')) {
      seen.signOutPosts++;
      return Response.json({ success: true });
    }
    throw new Error('unexpected ' + u);
  }) as unknown as typeof fetch;
  vi.stubGlobal('fetch', async (req: Request) => {
    const auth = req.headers.get('authorization');
    seen.api.push({ auth, body: await req.text(), type: req.headers.get('content-type') });
    const n = seen.api.length;
    await opts.hold?.(n);
    const status = opts.apiStatus?.(auth, n) ?? 200;
    return new Response(status === 200 ? '{"tasks":[]}' : '{"detail":"no"}', { status });
  });
  const state = new WorkerState(() => now);
  const config = resolveConfig({ apiOrigins: ['http://localhost:8000'] });
  const provider = new TokenProvider(config, state, authFetch, APP);
  const windows = [1, 2].map(() => ({ postMessage: (m: unknown) => seen.messages.push(m) }));
  const clients = { matchAll: async () => windows } as unknown as Clients;
  const signOut = new SignOutCoordinator(APP + '/api/auth/sign-out', provider, state, authFetch, clients);
  const handle = createApiHandler(provider, signOut, state);
  const pending: Promise<unknown>[] = [];
  const call = (init?: RequestInit) =>
    handle({
      request: new Request(API, init),
      event: { waitUntil: (p: Promise<unknown>) => pending.push(p) } as unknown as ExtendableEvent,
    });
  const settle = () => Promise.all(pending);
  return { seen, state, call, settle, advance: (ms: number) => (now += ms) };
}

describe('API handler', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('mints one token for 50 concurrent cold requests and sends it on each', async () => {
    const t = setup();
    const res = await Promise.all(Array.from({ length: 50 }, () => t.call()));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(t.seen.tokenFetches).toBe(1);
    expect(new Set(t.seen.api.map((a) => a.auth))).toEqual(new Set([expect.stringMatching(/^Bearer ey/)]));
    expect(t.state.counters).toMatchObject({ authorized: 50, tokenFetches: 1, retries: 0 });
  });

  it('on a 401 refreshes once, retries once with the same body, and the caller sees success', async () => {
    const t = setup({ apiStatus: (_, n) => (n === 1 ? 401 : 200) });
    const body = JSON.stringify({ title: 'héllo', description: 'x'.repeat(1000) });
    const res = await t.call({ method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api).toHaveLength(2);
    expect(t.seen.api[0].body).toBe(body);
    expect(t.seen.api[1].body).toBe(body);
    expect(t.seen.api[0].auth).not.toBe(t.seen.api[1].auth);
    // The page's own headers go out on both sends, next to the token.
    expect(t.seen.api.map((a) => a.type)).toEqual(['application/json', 'application/json']);
    expect(t.state.counters).toMatchObject({ refreshes: 1, retries: 1, signOuts: 0 });
  });

  it('signs out once and tells each window once when the session is gone, however many requests fail', async () => {
    let tokenStatus = 200;
    const t = setup({ tokenStatus: () => tokenStatus, apiStatus: () => (tokenStatus === 401 ? 401 : 200) });
    await t.call();
    tokenStatus = 401; // revoked on the server
    const res = await Promise.all(Array.from({ length: 10 }, () => t.call()));
    await t.settle();
    expect(res.map((r) => r.status)).toEqual(Array(10).fill(401));
    expect(t.seen.signOutPosts).toBe(1);
    expect(t.seen.messages).toHaveLength(2);
    expect(t.seen.messages[0]).toMatchObject({ type: 'signed-out', payload: { reason: 'session-expired' } });
    expect(t.state.counters.signOuts).toBe(1);
    // Signed out: the next call goes without a token and does not hit the token endpoint (60 s cache).
    const before = t.seen.tokenFetches;
    expect((await t.call()).status).toBe(401);
    await t.settle();
    expect(t.seen.api.at(-1)!.auth).toBeNull();
    expect(t.seen.tokenFetches).toBe(before);
    expect(t.seen.signOutPosts).toBe(1);
  });

  it('signs out when the retry is refused too', async () => {
    const t = setup({ apiStatus: () => 401 });
    expect((await t.call()).status).toBe(401);
    await t.settle();
    expect(t.seen.api).toHaveLength(2);
    expect(t.seen.signOutPosts).toBe(1);
  });

  it('answers 503 token-unavailable when the token endpoint fails, and keeps the session', async () => {
    const t = setup({ tokenStatus: () => 500 });
    const res = await t.call();
    expect(res.status).toBe(503);
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('token-unavailable');
    expect(t.seen.api).toHaveLength(0);
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.state.counters.tokenErrors).toBe(1);
  });

  it('sends a token near expiry once more while one background refresh replaces it', async () => {
    const t = setup();
    await t.call();
    t.advance(31_000); // 60 s token: refresh at 30 s, hard expiry at 54 s
    await Promise.all([t.call(), t.call()]);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api[1].auth).toBe(t.seen.api[0].auth);
    await t.call();
    expect(t.seen.api[3].auth).not.toBe(t.seen.api[0].auth);
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('waits for a new token instead of sending one past its hard expiry', async () => {
    const t = setup();
    await t.call();
    t.advance(55_000);
    await t.call();
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api[1].auth).not.toBe(t.seen.api[0].auth);
  });
});

describe('API handler after the session is known to be gone', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('does not ask the token endpoint again for a late 401 once the session is known to be gone', async () => {
    let tokenStatus = 200;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const t = setup({
      tokenStatus: () => tokenStatus,
      apiStatus: (auth) => (auth && tokenStatus === 200 ? 200 : 401),
      hold: (n) => (n === 2 ? gate : undefined),
    });
    await t.call();
    tokenStatus = 401;
    const late = t.call(); // reaches the API with the old token, its answer held back
    await vi.waitFor(() => expect(t.seen.api).toHaveLength(2));
    expect((await t.call()).status).toBe(401); // learns the session is gone
    await t.settle();
    const asked = t.seen.tokenFetches;
    release();
    expect((await late).status).toBe(401);
    await t.settle();
    expect(t.seen.tokenFetches).toBe(asked);
    expect(t.seen.signOutPosts).toBe(1);
  });
});
