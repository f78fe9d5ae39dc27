import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_LOADED_PATH } from '../protocol/protocol.js';
import { fakeWorkerScope } from './test-support/fake-worker-scope.js';
import { makeJwt } from './test-support/test-tokens.js';
import { ADOPT_MS } from './token-provider.js';

const MARKER = '/__bearer-worker/session-seen';
const BACKOFF = '/__bearer-worker/token-backoff';

/**
 * Cache Storage holding what a stopped worker left, whose reads answer only when the test releases them:
 * Cache Storage is a round trip to the browser process, slow on a loaded machine.
 */
function slowCacheStorage(entries: Record<string, unknown>) {
  const reads: string[] = [];
  const writes: [string, unknown][] = [];
  const gates = new Map<string, () => void>();
  const opened = new Map(
    Object.keys(entries).map((key) => [key, new Promise<void>((release) => gates.set(key, release))]),
  );
  const storage = {
    open: async () => ({
      match: async (key: string) => {
        reads.push(key);
        await opened.get(key);
        return Response.json(entries[key]);
      },
      put: async (key: string, res: Response) => void writes.push([key, await res.json()]),
    }),
  };
  return { storage, reads, writes, release: (key: string) => gates.get(key)!() };
}

/** The worker's network: the token endpoint mints, the API answers 'ok'; each token fetch is counted. */
function network() {
  const seen = { tokenFetches: 0, auth: [] as (string | null)[] };
  vi.stubGlobal('fetch', async (input: string | Request) => {
    const url = typeof input === 'string' ? input : input.url;
    if (url.endsWith('/token')) {
      seen.tokenFetches++;
      return Response.json({ token: makeJwt({ sub: 'u1', exp: 4e9 }) });
    }
    seen.auth.push((input as Request).headers.get('authorization'));
    return new Response('ok');
  });
  return seen;
}

// A session seen before the stop; a backoff from an outage long over (its pace still kept).
const LEFT = { [MARKER]: true, [BACKOFF]: { until: 1, failures: 3, since: 0 } };

describe('a worker woken from a stop (real installTokenInjector, Cache Storage slow to answer)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads nothing from Cache Storage as it starts: Cache Storage costs a just-started worker its thread', async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage, 'activated');
    network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    await scope.settle();
    expect(cache.reads).toEqual([]);
  });

  it("an API call's token fetch and the call itself leave before anything is read back", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage, 'activated');
    const seen = network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    // Both reads stay unanswered: a token that arrived makes the predecessor's backoff moot.
    expect(await (await scope.fetch('https://api.example/tasks')).text()).toBe('ok');
    expect(seen.auth).toEqual([expect.stringMatching(/^Bearer ey/)]);
    expect(seen.tokenFetches).toBe(1);
    // Read in the background since, only to clear the outage that is over for the next worker.
    cache.release(BACKOFF);
    await vi.waitFor(() => expect(cache.writes).toContainEqual([BACKOFF, expect.objectContaining({ failures: 0 })]));
  });

  it("a failed token fetch counts at the predecessor's pace: it waits for the backoff it left", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage, 'activated');
    vi.stubGlobal('fetch', async () => new Response('down', { status: 503 }));
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    let answered = false;
    const answer = scope.fetch('https://api.example/tasks').then((r) => ((answered = true), r));
    await vi.waitFor(() => expect(cache.reads).toContain(BACKOFF));
    expect(answered).toBe(false);
    cache.release(BACKOFF);
    expect((await answer).status).toBe(503);
    // Three failures before the stop, this one the fourth.
    await vi.waitFor(() => expect(cache.writes).toContainEqual([BACKOFF, expect.objectContaining({ failures: 4 })]));
  });

  it("without self.serviceWorker (no early fetch), the page-load hint's token fetch waits for nothing but the marker read it starts", async () => {
    const cache = slowCacheStorage(LEFT);
    const scope = fakeWorkerScope(cache.storage);
    const seen = network();
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    expect((await scope.fetch('https://app.example/api/auth' + PAGE_LOADED_PATH)).status).toBe(204);
    await vi.waitFor(() => expect(cache.reads).toEqual([MARKER]));
    // A visitor with no session seen here gets no token fetch: it waits for the marker.
    expect(seen.tokenFetches).toBe(0);
    cache.release(MARKER);
    await vi.waitFor(() => expect(seen.tokenFetches).toBe(1));
    await scope.settle();
    // The page's first call finds its token in hand, the backoff still unread.
    expect(await (await scope.fetch('https://api.example/tasks')).text()).toBe('ok');
    expect(seen.tokenFetches).toBe(1);
    expect(cache.writes.map(([key]) => key)).not.toContain(MARKER);
  });
});

/** A token endpoint that answers when the test says so; each token fetch is counted and minted for `sub`. */
function gatedNetwork(answer: () => Response = () => Response.json({ token: makeJwt({ sub: 'u1', exp: 4e9 }) })) {
  const seen = { tokenFetches: 0, auth: [] as (string | null)[], signOuts: 0 };
  const gates: (() => void)[] = [];
  vi.stubGlobal('fetch', async (input: string | Request) => {
    const url = typeof input === 'string' ? input : input.url;
    if (url.endsWith('/token')) {
      seen.tokenFetches++;
      await new Promise<void>((open) => gates.push(open));
      return answer();
    }
    if (url.endsWith('/sign-out')) seen.signOuts++;
    if (url.includes('/api/auth/')) return Response.json({ ok: true });
    seen.auth.push((input as Request).headers.get('authorization'));
    return new Response('ok');
  });
  return { seen, answerTokens: () => gates.splice(0).forEach((open) => open()) };
}

const sub = (auth: string | null) => JSON.parse(Buffer.from(auth!.split('.')[1]!, 'base64url').toString()).sub;

describe('an active worker woken from a stop fetches its token as it starts', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('before any event reaches it; the API call that woke it adopts the answer: one token fetch', async () => {
    const net = gatedNetwork();
    const scope = fakeWorkerScope(undefined, 'activated');
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    expect(net.seen.tokenFetches).toBe(1);
    const call = scope.fetch('https://api.example/tasks');
    net.answerTokens();
    expect(await (await call).text()).toBe('ok');
    expect(net.seen.auth).toEqual([expect.stringMatching(/^Bearer ey/)]);
    expect(net.seen.tokenFetches).toBe(1);
  });

  it("a page load within ADOPT_MS of the answer adopts it too: the hint and the page's calls, one token fetch", async () => {
    const net = gatedNetwork();
    const scope = fakeWorkerScope(slowCacheStorage({}).storage, 'activated');
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    net.answerTokens();
    // The marker is not needed: the page adopts a token already in hand.
    expect((await scope.fetch('https://app.example/api/auth' + PAGE_LOADED_PATH, 'page-2')).status).toBe(204);
    await scope.settle();
    expect(await (await scope.fetch('https://api.example/tasks', 'page-2')).text()).toBe('ok');
    expect(await (await scope.fetch('https://api.example/tasks', 'page-2')).text()).toBe('ok');
    expect(net.seen.auth).toEqual([expect.stringMatching(/^Bearer ey/), expect.stringMatching(/^Bearer ey/)]);
    expect(net.seen.tokenFetches).toBe(1);
  });

  it('an answer older than ADOPT_MS is not adopted: the first call fetches its own, two in all', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let n = 0;
    const net = gatedNetwork(() => Response.json({ token: makeJwt({ sub: `u${++n}`, exp: 4e9 }) }));
    const scope = fakeWorkerScope(undefined, 'activated');
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    net.answerTokens();
    await vi.advanceTimersByTimeAsync(ADOPT_MS + 1);
    const call = scope.fetch('https://api.example/tasks');
    await vi.waitFor(() => expect(net.seen.tokenFetches).toBe(2));
    net.answerTokens();
    expect(await (await call).text()).toBe('ok');
    expect(sub(net.seen.auth[0]!)).toBe('u2');
  });

  it('a session change through the worker before the first call discards it: the call carries the new session', async () => {
    let n = 0;
    const net = gatedNetwork(() => Response.json({ token: makeJwt({ sub: `u${++n}`, exp: 4e9 }) }));
    const scope = fakeWorkerScope(undefined, 'activated');
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    // A sign-in the auth server accepts, while the early token fetch is still out.
    const signIn = await scope.fetch(
      new Request('https://app.example/api/auth/sign-in/email', { method: 'POST', body: '{}' }),
    );
    expect(signIn.status).toBe(200);
    const call = scope.fetch('https://api.example/tasks');
    await vi.waitFor(() => expect(net.seen.tokenFetches).toBe(2));
    net.answerTokens();
    expect(await (await call).text()).toBe('ok');
    expect(sub(net.seen.auth[0]!)).toBe('u2');
  });

  it("a signed-out answer is adopted like any other: the visitor's call passes through, no sign-out", async () => {
    const net = gatedNetwork(() => new Response(null, { status: 401 }));
    const scope = fakeWorkerScope(undefined, 'activated');
    await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
    const call = scope.fetch('https://api.example/tasks');
    net.answerTokens();
    expect(await (await call).text()).toBe('ok');
    await scope.settle();
    expect(net.seen.auth).toEqual([null]);
    expect(net.seen.tokenFetches).toBe(1);
    expect(net.seen.signOuts).toBe(0);
  });

  it.each(['parsed', 'installing', undefined] as const)(
    'a worker whose state is %s as it starts (being installed, or no self.serviceWorker) fetches nothing',
    async (state) => {
      const net = gatedNetwork();
      const scope = fakeWorkerScope(undefined, state);
      await scope.installTokenInjector({ apiOrigins: ['https://api.example'] });
      await scope.settle();
      expect(net.seen.tokenFetches).toBe(0);
    },
  );
});
