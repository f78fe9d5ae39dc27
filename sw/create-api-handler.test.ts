import { afterEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { WORKER_ERROR_HEADER } from '../protocol/error-codes.js';
import { INSPECTOR } from './inspector.js';
import { fakeStack, memoryMarker } from './test-support/fake-stack.js';

const bearer = /^Bearer ey/;
/** A claim of the token a request carried (the fake auth server numbers its tokens in `n`). */
const claim = (auth: string | null, name: string) =>
  auth && JSON.parse(Buffer.from(auth.split('.')[1], 'base64url').toString())[name];

describe('API handler', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('mints one token for 50 concurrent cold requests and sends it on each', async () => {
    const t = fakeStack();
    const res = await Promise.all(Array.from({ length: 50 }, () => t.call()));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(t.seen.tokenFetches).toBe(1);
    expect(new Set(t.seen.api.map((a) => a.auth))).toEqual(new Set([expect.stringMatching(bearer)]));
    expect(t.seen.api).toHaveLength(50);
    if (INSPECTOR) expect(t.state.counters!).toMatchObject({ authorized: 50, tokenFetches: 1, retries: 0 });
  });

  it('on a 401 refreshes once, retries once with the same body, and the caller sees success', async () => {
    const t = fakeStack({ apiStatus: (_, n) => (n === 1 ? 401 : 200) });
    const body = JSON.stringify({ title: 'héllo', description: 'x'.repeat(1000) });
    const res = await t.call({ method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api.map((a) => a.body)).toEqual([body, body]);
    expect(t.seen.api[0].auth).not.toBe(t.seen.api[1].auth);
    expect(t.seen.api.map((a) => a.headers.get('content-type'))).toEqual(['application/json', 'application/json']);
    expect(t.seen.signOutPosts).toBe(0);
    if (INSPECTOR) expect(t.state.counters!).toMatchObject({ refreshes: 1, retries: 1, signOuts: 0 });
  });

  it('50 concurrent 401s: one refresh, 50 retries, no sign-out', async () => {
    // The API refuses the first token (say, its key was rotated out), accepts later ones.
    const t = fakeStack({ apiStatus: (auth, n) => (n > 1 && claim(auth, 'n') === 1 ? 401 : 200) });
    await t.call(); // warm
    const res = await Promise.all(Array.from({ length: 50 }, () => t.call()));
    await t.settle();
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(t.seen.tokenFetches).toBe(2);
    // The warm-up call, 50 first sends, 50 retries.
    expect(t.seen.api).toHaveLength(101);
    if (INSPECTOR) expect(t.state.counters!.retries).toBe(50);
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.seen.messages).toEqual([]);
  });

  it('a revoked session (token endpoint 401) signs out once and tells each window once, however many requests fail', async () => {
    let tokenStatus = 200;
    const t = fakeStack({ tokenStatus: () => tokenStatus, apiStatus: () => (tokenStatus === 401 ? 401 : 200) });
    await t.call();
    tokenStatus = 401; // revoked on the server
    const res = await Promise.all(Array.from({ length: 10 }, () => t.call()));
    await t.settle();
    expect(res.map((r) => r.status)).toEqual(Array(10).fill(401));
    expect(t.seen.signOutPosts).toBe(1);
    expect(t.seen.messages).toEqual([
      expect.objectContaining({ type: 'signed-out', payload: { reason: 'session-expired' } }),
      expect.anything(),
    ]);
    // Signed out and latched: the next call goes without a token and never asks the token endpoint.
    const before = t.seen.tokenFetches;
    expect((await t.call()).status).toBe(401);
    await t.settle();
    expect(t.seen.api.at(-1)!.auth).toBeNull();
    expect(t.seen.tokenFetches).toBe(before);
    expect(t.seen.signOutPosts).toBe(1);
  });

  it('an API that refuses fresh tokens gets its 401 back marked token-rejected: no sign-out, 2 calls at most, re-minting backs off, and the first call after the fix succeeds', async () => {
    let apiBroken = true;
    const t = fakeStack({ apiStatus: () => (apiBroken ? 401 : 200) });
    const first = await t.call();
    expect(first.status).toBe(401);
    expect(first.headers.get(WORKER_ERROR_HEADER)).toBe('token-rejected');
    expect(await first.json()).toEqual({ detail: 'no' }); // the API's own body
    expect(t.seen.api).toHaveLength(2);
    expect(t.seen.tokenFetches).toBe(2);
    // While it keeps refusing: one API call per request, no token fetch, still no sign-out.
    for (let i = 0; i < 5; i++) expect((await t.call()).headers.get(WORKER_ERROR_HEADER)).toBe('token-rejected');
    expect(t.seen.api).toHaveLength(7);
    expect(t.seen.tokenFetches).toBe(2);
    // After the backoff one more re-mint is tried, and the backoff grows.
    t.advance(1100);
    await t.call();
    expect(t.seen.tokenFetches).toBe(3);
    expect(t.session.snapshot().rejectBackoffUntil - t.now()).toBeGreaterThan(1000);
    await t.settle();
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.seen.messages).toEqual([]);
    expect(t.session.state).toBe('signed-in');
    apiBroken = false;
    const fixed = await t.call();
    expect(fixed.status).toBe(200);
    expect(t.seen.api.at(-1)!.auth).toMatch(bearer);
  });

  it('a call that finds the session gone (API 401, then token endpoint 401) gets a coded 401 session-expired, readable', async () => {
    let revoked = false;
    const t = fakeStack({ tokenStatus: () => (revoked ? 401 : 200), apiStatus: () => (revoked ? 401 : 200) });
    await t.call();
    revoked = true;
    const res = await t.call();
    await t.settle();
    expect(res.status).toBe(401);
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('session-expired');
    expect(await res.json()).toMatchObject({ code: 'session-expired' });
    expect(t.seen.signOutPosts).toBe(1);
    expect(t.seen.messages.map((m) => m.payload.reason)).toEqual(['session-expired', 'session-expired']);
  });

  it('a fresh token byte-identical to the one the API refused is not resent: token-rejected at once', async () => {
    const t = fakeStack({ identicalTokens: true, apiStatus: (auth, n) => (n === 1 ? 200 : 401) });
    await t.call();
    const res = await t.call({ method: 'POST', body: 'x' });
    expect(res.status).toBe(401);
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('token-rejected');
    expect(await res.json()).toEqual({ detail: 'no' }); // the API's own answer
    // One send of the refused token, one re-mint that gave the same bytes, no second send.
    expect(t.seen.api).toHaveLength(2);
    expect(t.seen.tokenFetches).toBe(2);
    if (INSPECTOR) expect(t.state.counters!.retries).toBe(0);
    // Like any refused fresh token: no sign-out, and re-minting backs off.
    await t.settle();
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.session.rejecting('http://localhost:8000/api/v1/u1/tasks')).toBe(true);
  });

  it('a GET that signs another user in (a magic link by fetch) switches the identity of the next call', async () => {
    const t = fakeStack({ sub: (n) => (n === 1 ? 'alice' : 'bob') });
    await t.call();
    expect((await t.auth('/api/auth/magic-link/verify?token=x')).status).toBe(200);
    await t.call();
    expect(t.seen.tokenFetches).toBe(2);
    const sub = (auth: string | null) =>
      JSON.parse(atob(auth!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))).sub;
    expect(t.seen.api.filter((c) => c.auth).map((c) => sub(c.auth))).toEqual(['alice', 'bob']);
  });

  it("one API's refusals back off that API only: another origin's 2xx does not clear them", async () => {
    const BROKEN = 'http://localhost:8000/api/v1/tasks';
    const FINE = 'http://localhost:9000/api/v1/tasks';
    const t = fakeStack({
      config: { apiOrigins: ['http://localhost:8000', 'http://localhost:9000'] },
      apiStatus: (_, __, url) => (url.startsWith('http://localhost:8000') ? 401 : 200),
    });
    expect((await t.call({ url: BROKEN })).headers.get(WORKER_ERROR_HEADER)).toBe('token-rejected');
    expect(t.seen.tokenFetches).toBe(2);
    expect((await t.call({ url: FINE })).status).toBe(200);
    // Still backing off for the broken API: its 401 comes back at once, no re-mint.
    expect((await t.call({ url: BROKEN })).headers.get(WORKER_ERROR_HEADER)).toBe('token-rejected');
    expect(t.seen.tokenFetches).toBe(2);
    // The fine API's own 401 is not held back by the other's refusals: it gets its one retry.
    expect(t.session.rejecting(FINE)).toBe(false);
  });

  it('never retries under another identity: a token of another user sends the 401 back unreplayed', async () => {
    const t = fakeStack({ sub: (n) => (n === 1 ? 'alice' : 'bob'), apiStatus: (_, n) => (n === 1 ? 401 : 200) });
    const res = await t.call({ method: 'POST', body: 'alice-data' });
    expect(res.status).toBe(401);
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBeNull();
    expect(t.seen.api).toHaveLength(1);
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('a visitor who never signed in here: 401s pass back, no sign-out, no message', async () => {
    const t = fakeStack({ tokenStatus: () => 401, apiStatus: () => 401 });
    const res = await Promise.all([t.call(), t.call()]);
    await t.settle();
    expect(res.map((r) => r.status)).toEqual([401, 401]);
    expect(t.seen.api.every((a) => a.auth === null)).toBe(true);
    expect(t.seen.signOutPosts).toBe(0);
    expect(t.seen.messages).toEqual([]);
  });

  it('a session seen before the worker stopped is still told it expired once, from the marker', async () => {
    const marker = memoryMarker();
    const before = fakeStack({ marker });
    await before.call();
    expect(marker.value).toBe(true);
    vi.unstubAllGlobals();
    const after = fakeStack({ marker, tokenStatus: () => 401, apiStatus: () => 401 }); // a cold worker
    await Promise.all([after.call(), after.call()]);
    await after.settle();
    expect(after.seen.signOutPosts).toBe(1);
    expect(after.seen.messages.map((m) => m.payload.reason)).toEqual(['session-expired', 'session-expired']);
    expect(marker.value).toBe(false);
    // And only once: another page load meets no marker.
    await after.call({ clientId: 'page-2' });
    await after.settle();
    expect(after.seen.signOutPosts).toBe(1);
  });

  it('answers 503 token-unavailable when the token endpoint fails, keeps the session, and backs off', async () => {
    const t = fakeStack({ tokenStatus: () => 500 });
    const res = await t.call();
    expect(res.status).toBe(503);
    expect(res.headers.get(WORKER_ERROR_HEADER)).toBe('token-unavailable');
    expect((await t.call()).status).toBe(503);
    expect(t.seen.tokenFetches).toBe(1); // the second was answered from the backoff
    expect(t.seen.api).toHaveLength(0);
    expect(t.seen.signOutPosts).toBe(0);
  });

  it('100 calls, 4 at a time, during an outage: at most 10 token fetches; recovery seen within 10 s', async () => {
    let down = true;
    const t = fakeStack({ tokenStatus: () => (down ? 502 : 200) });
    let started = 0;
    const worker = async () => {
      while (started++ < 100) {
        await t.call();
        t.advance(20); // each failed call takes some time of the app's
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(t.seen.tokenFetches).toBeLessThanOrEqual(10);
    down = false;
    t.advance(10_000);
    expect((await t.call()).status).toBe(200);
  });

  it('sends a token near expiry once more while one background refresh replaces it', async () => {
    const t = fakeStack();
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
    const t = fakeStack();
    await t.call();
    t.advance(55_000);
    await t.call();
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api[1].auth).not.toBe(t.seen.api[0].auth);
  });

  it('with requireHeader, only requests carrying it are authorized, and the header never leaves', async () => {
    const t = fakeStack({ config: { requireHeader: 'X-Bearer-Worker' } });
    await t.call({ headers: { 'x-bearer-worker': '1' } });
    expect(t.seen.api[0].auth).toMatch(bearer);
    expect(t.seen.api[0].headers.has('x-bearer-worker')).toBe(false);
  });
});

describe('identity follows the browser session', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a page loaded after a session change the worker never saw re-validates before its first request: one token fetch', async () => {
    let user = 'alice';
    const t = fakeStack({ sub: () => user });
    await t.call({ clientId: 'page-1' });
    user = 'bob'; // a server-side sign-in: the cookie changed, the worker saw nothing
    await Promise.all([t.call({ clientId: 'page-2' }), t.call({ clientId: 'page-2' })]);
    expect(t.seen.tokenFetches).toBe(2);
    expect(t.seen.api.slice(1).map((a) => claim(a.auth, 'sub'))).toEqual(['bob', 'bob']);
    // The reloaded page's later calls use the cached token: one fetch per page load, no more.
    await t.call({ clientId: 'page-2' });
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('the page-load step mints ahead of the first call, and that call joins it', async () => {
    const t = fakeStack();
    await t.call({ clientId: 'page-1' });
    await t.provider.prewarm('page-2');
    expect(t.seen.tokenFetches).toBe(2);
    await t.call({ clientId: 'page-2' });
    expect(t.seen.tokenFetches).toBe(2);
  });

  it('the page-load step never fetches a token for a visitor with no session', async () => {
    const t = fakeStack();
    await t.provider.prewarm('page-1');
    expect(t.seen.tokenFetches).toBe(0);
  });

  it('sign-out is final with sessionTtlSeconds 0: during the POST and after, nothing mints or sends a token', async () => {
    let release!: () => void;
    const t = fakeStack({
      config: { sessionTtlSeconds: 0 },
      holdSignOut: () => new Promise<void>((r) => (release = r)),
    });
    await t.call();
    const signingOut = t.signOut.userSignOut(true);
    const during = await Promise.all([t.call(), t.call({ clientId: 'page-9' })]);
    release();
    await signingOut;
    t.advance(5000);
    await t.call();
    expect(during.map((r) => r.status)).toEqual([200, 200]);
    expect(t.seen.api.slice(1).map((a) => a.auth)).toEqual([null, null, null]);
    expect(t.seen.tokenFetches).toBe(1);
  });

  it('a request that got its token before a sign-out does not carry it after', async () => {
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const t = fakeStack();
    await t.call();
    // A POST whose body is still being read when the sign-out happens.
    const body = new ReadableStream({
      async pull(c) {
        await hold;
        c.enqueue(new TextEncoder().encode('x'));
        c.close();
      },
    });
    const pending = t.call({ method: 'POST', body, duplex: 'half' } as RequestInit);
    const out = t.signOut.userSignOut(true);
    release();
    await Promise.all([pending, out]);
    expect(t.seen.api.at(-1)!.auth).toBeNull();
  });

  it('a sign-out cuts authorized requests that have not been answered (queued ones would leave with the token), each answered with a coded 401', async () => {
    const t = fakeStack();
    await t.call();
    const seen: Request[] = [];
    // An API that never answers, like a request queued behind the browser's six connections per host.
    vi.stubGlobal('fetch', (req: Request) => {
      seen.push(req);
      return new Promise((_, reject) => req.signal.addEventListener('abort', () => reject(req.signal.reason)));
    });
    // The page's own abort still reaches an authorized request's network fetch.
    const page = new AbortController();
    const mine = t.call({ signal: page.signal });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    page.abort();
    await expect(mine).rejects.toMatchObject({ name: 'AbortError' });
    const inflight = t.call();
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1].headers.get('authorization')).toMatch(bearer);
    const tokenFetches = t.seen.tokenFetches;
    await t.signOut.userSignOut(true);
    // Answered, not a network error: a coded 401 the page reads as signed out; no refresh is tried.
    const res = await inflight;
    expect(res.status).toBe(401);
    expect(res.headers.get('x-bearer-worker-error')).toBe('session-expired');
    expect(await res.json()).toMatchObject({ code: 'session-expired' });
    expect(seen).toHaveLength(2);
    expect(t.seen.tokenFetches).toBe(tokenFetches);
  });

  it('every successful auth write starts a new generation; reads do not', async () => {
    const t = fakeStack();
    await t.call();
    const g = t.session.generation;
    await t.auth('/api/auth/get-session');
    await t.auth('/api/auth/token', { method: 'POST' });
    expect(t.session.generation).toBe(g);
    for (const path of [
      '/multi-session/set-active',
      '/admin/impersonate-user',
      '/admin/stop-impersonating',
      '/two-factor/verify-totp',
      '/organization/set-active',
      '/update-user',
      '/delete-user',
      '/revoke-sessions',
      '/passkey/verify-authentication',
      '/email-otp/verify-email',
    ]) {
      const before = t.session.generation;
      await t.auth('/api/auth' + path, { method: 'POST', body: '{}' });
      expect(t.session.generation, path).toBe(before + 1);
    }
  });
});
